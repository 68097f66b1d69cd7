import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The request header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 * @deprecated Sent beside the Standard Webhooks headers (standard-webhook.ts) for receivers built
 * before them; new receivers verify webhook-signature with the standardwebhooks library.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'X-HazeOps-Signature';

export type WebhookVerifyFailure = 'malformed' | 'bad_signature' | 'stale';

export type WebhookVerifyResult = { ok: true; timestamp: number } | { ok: false; reason: WebhookVerifyFailure };

const PURPOSE = 'hazeops/webhook/v1';

/**
 * Each enterprise gets its own key, derived from the service secret, so one leaked receiver key
 * cannot forge deliveries to another and nothing per-enterprise has to be stored.
 */
export function webhookSecretFor(enterpriseCode: string, secret: string): string {
  return createHmac('sha256', secret).update(`${PURPOSE}\n${enterpriseCode}`).digest('hex');
}

function hmacHex(unixSeconds: number, body: string, key: string): string {
  return createHmac('sha256', key).update(`${unixSeconds}.${body}`).digest('hex');
}

/** `timestamp` is epoch milliseconds (as Date.now()); the header carries whole Unix seconds. */
export function signWebhook(body: string, timestamp: number, key: string): string {
  const t = Math.floor(timestamp / 1000);
  return `t=${t},v1=${hmacHex(t, body, key)}`;
}

/**
 * Verifies a header made by signWebhook. `now` is epoch ms; a timestamp more than `toleranceSeconds`
 * away (either direction) is stale, which bounds replays. Several v1 entries are accepted, as during key rotation.
 */
export function verifyWebhook(header: string | undefined | null, body: string, key: string, now: number, toleranceSeconds = 300): WebhookVerifyResult {
  if (typeof header !== 'string' || header.length === 0 || header.length > 2048) return { ok: false, reason: 'malformed' };
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'malformed' };
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (!/^\d{1,12}$/.test(value) || t !== null) return { ok: false, reason: 'malformed' };
      t = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return { ok: false, reason: 'malformed' };
      signatures.push(value);
    }
    // Other schemes are ignored so a future v2 can be added beside v1.
  }
  if (t === null || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(hmacHex(t, body, key), 'ascii');
  const matches = signatures.some((s) => timingSafeEqual(expected, Buffer.from(s, 'ascii')));
  if (!matches) return { ok: false, reason: 'bad_signature' };
  if (Math.abs(Math.floor(now / 1000) - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  return { ok: true, timestamp: t };
}
