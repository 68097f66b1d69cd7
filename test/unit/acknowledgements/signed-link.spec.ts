import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signLinkToken, verifyLinkToken } from '../../../src/acknowledgements/signed-link.js';

const SECRET = 's'.repeat(48);
const PAYLOAD = { orderVersionId: '7f1c2d3e-0000-4000-8000-000000000001', enterpriseCode: '91410800MA3XABCD1X', expiresAt: 1_800_000_000_000 };

describe('signed acknowledgement links', () => {
  it('round-trips and is URL-safe', () => {
    const token = signLinkToken(PAYLOAD, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(verifyLinkToken(token, SECRET, PAYLOAD.expiresAt - 1)).toEqual({ ok: true, payload: PAYLOAD });
  });

  it('keeps non-ASCII codes intact', () => {
    const p = { ...PAYLOAD, enterpriseCode: '焦作<测试>' };
    expect(verifyLinkToken(signLinkToken(p, SECRET), SECRET, 0)).toEqual({ ok: true, payload: p });
  });

  it('rejects a change to any single character', () => {
    const token = signLinkToken(PAYLOAD, SECRET);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      // Try two replacements so both a neighbouring bit pattern and a distant one are covered.
      for (const step of [1, 17]) {
        const c = alphabet[(alphabet.indexOf(token[i]!) + step) % alphabet.length]!;
        const tampered = token.slice(0, i) + c + token.slice(i + 1);
        const r = verifyLinkToken(tampered, SECRET, 0);
        expect(r.ok, `position ${i} -> ${c}`).toBe(false);
      }
    }
  });

  it('expires exactly at expiresAt', () => {
    const token = signLinkToken(PAYLOAD, SECRET);
    expect(verifyLinkToken(token, SECRET, PAYLOAD.expiresAt - 1).ok).toBe(true);
    expect(verifyLinkToken(token, SECRET, PAYLOAD.expiresAt)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyLinkToken(token, SECRET, PAYLOAD.expiresAt + 1)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects another secret', () => {
    const token = signLinkToken(PAYLOAD, SECRET);
    expect(verifyLinkToken(token, SECRET + 'x', 0)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('does not accept a MAC keyed directly with the raw secret (purpose separation)', () => {
    const body = signLinkToken(PAYLOAD, SECRET).split('.')[0]!;
    const raw = createHmac('sha256', SECRET).update(body).digest('base64url');
    expect(verifyLinkToken(`${body}.${raw}`, SECRET, 0)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each(['', '.', 'abc', 'a.b.c', 'abc.', '.abc', 'a b.c', 'abc.d+f', 'x'.repeat(5000)])('treats %j as malformed', (garbage) => {
    expect(verifyLinkToken(garbage, SECRET, 0)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('treats a well-signed but nonsensical payload as malformed', () => {
    const body = Buffer.from('{"v":1}').toString('base64url');
    const key = createHmac('sha256', SECRET).update('hazeops/ack-link/v1').digest();
    const sig = createHmac('sha256', key).update(body).digest('base64url');
    expect(verifyLinkToken(`${body}.${sig}`, SECRET, 0)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a non-integer expiry when signing', () => {
    expect(() => signLinkToken({ ...PAYLOAD, expiresAt: Number.NaN }, SECRET)).toThrow(/expiresAt/);
  });

  it('refuses a correctly signed token whose version is not a UUID (it would reach the database)', () => {
    const token = signLinkToken({ ...PAYLOAD, orderVersionId: "1' OR '1'='1" }, SECRET);
    expect(verifyLinkToken(token, SECRET, 0)).toEqual({ ok: false, reason: 'malformed' });
  });
});
