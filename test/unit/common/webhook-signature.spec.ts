import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_SIGNATURE_HEADER, signWebhook, verifyWebhook, webhookSecretFor } from '../../../src/common/webhook-signature.js';

const SECRET = 'k'.repeat(48);
const NOW = 1_796_000_000_123;
const BODY = JSON.stringify({ orderId: 'o-1', modification: 2, text: '停产' });

describe('webhook signatures', () => {
  it('names the header', () => {
    expect(WEBHOOK_SIGNATURE_HEADER).toBe('X-HazeOps-Signature');
  });

  it('derives a stable, distinct key per enterprise', () => {
    const a = webhookSecretFor('E1', SECRET);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookSecretFor('E1', SECRET)).toBe(a);
    expect(webhookSecretFor('E2', SECRET)).not.toBe(a);
    expect(webhookSecretFor('E1', SECRET + 'x')).not.toBe(a);
  });

  it('produces t=<unix seconds>,v1=<hex HMAC of "t.body">', () => {
    const key = webhookSecretFor('E1', SECRET);
    const header = signWebhook(BODY, NOW, key);
    const t = Math.floor(NOW / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', key).update(`${t}.${BODY}`).digest('hex')}`);
    expect(verifyWebhook(header, BODY, key, NOW, 300)).toEqual({ ok: true, timestamp: t });
  });

  it('rejects a changed body, another key and a changed timestamp', () => {
    const key = webhookSecretFor('E1', SECRET);
    const header = signWebhook(BODY, NOW, key);
    expect(verifyWebhook(header, BODY + ' ', key, NOW, 300)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWebhook(header, BODY, webhookSecretFor('E2', SECRET), NOW, 300)).toEqual({ ok: false, reason: 'bad_signature' });
    const shifted = header.replace(/^t=(\d+)/, (_m, t: string) => `t=${Number(t) + 1}`);
    expect(verifyWebhook(shifted, BODY, key, NOW, 300)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('enforces the tolerance in both directions, inclusive', () => {
    const key = 'abc';
    const header = signWebhook(BODY, NOW, key);
    expect(verifyWebhook(header, BODY, key, NOW + 300_000, 300).ok).toBe(true);
    expect(verifyWebhook(header, BODY, key, NOW + 301_000, 300)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhook(header, BODY, key, NOW - 301_000, 300)).toEqual({ ok: false, reason: 'stale' });
  });

  it('accepts any one of several v1 signatures (key rotation) and ignores unknown schemes', () => {
    const header = signWebhook(BODY, NOW, 'new');
    const old = signWebhook(BODY, NOW, 'old').split(',')[1]!;
    expect(verifyWebhook(`${header},${old},v0=zzz`, BODY, 'old', NOW, 60).ok).toBe(true);
  });

  it.each([undefined, null, '', 't=1', 'v1=' + 'a'.repeat(64), 't=x,v1=' + 'a'.repeat(64), 't=1,v1=XYZ', 'garbage', 't=1,t=2,v1=' + 'a'.repeat(64)])('treats %j as malformed', (h) => {
    expect(verifyWebhook(h, BODY, 'k', NOW, 300)).toEqual({ ok: false, reason: 'malformed' });
  });
});
