import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an acknowledgement link grants: one order version, for one enterprise, until `expiresAt` (epoch ms). */
export interface LinkTokenPayload {
  orderVersionId: string;
  enterpriseCode: string;
  expiresAt: number;
}

export type LinkTokenFailure = 'malformed' | 'bad_signature' | 'expired';

export type LinkTokenResult = { ok: true; payload: LinkTokenPayload } | { ok: false; reason: LinkTokenFailure };

// A purpose label keeps a token signed for links from ever verifying as a JWT (or anything else) made with the same secret.
const PURPOSE = 'hazeops/ack-link/v1';
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function linkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update(PURPOSE).digest();
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', linkKey(secret)).update(body).digest('base64url');
}

/** `<base64url JSON>.<base64url HMAC-SHA256>`: short enough for an email link, URL-safe without escaping. */
export function signLinkToken(payload: LinkTokenPayload, secret: string): string {
  if (!Number.isSafeInteger(payload.expiresAt)) throw new Error('signLinkToken: expiresAt must be an integer epoch ms');
  // Short keys keep the link compact; the wire format is private to this module.
  const body = Buffer.from(JSON.stringify({ v: payload.orderVersionId, e: payload.enterpriseCode, x: payload.expiresAt }), 'utf8').toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

function decodePayload(body: string): LinkTokenPayload | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const o = parsed as Record<string, unknown>;
  // A correctly signed token still only ever names a version by UUID (the database would refuse anything else).
  if (typeof o.v !== 'string' || !UUID.test(o.v) || typeof o.e !== 'string' || typeof o.x !== 'number' || !Number.isSafeInteger(o.x)) return null;
  return { orderVersionId: o.v, enterpriseCode: o.e, expiresAt: o.x };
}

/** Checks the signature before looking at the payload, so unsigned data is never parsed. Expired when `now >= expiresAt`. */
export function verifyLinkToken(token: string, secret: string, now: number): LinkTokenResult {
  if (typeof token !== 'string' || token.length > 4096) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !SEGMENT.test(parts[0]!) || !SEGMENT.test(parts[1]!)) return { ok: false, reason: 'malformed' };
  const [body, given] = parts as [string, string];
  // Compare the encoded text, not decoded bytes: base64url has non-canonical spellings of the same bytes
  // (the last character's spare bits), and a changed character must never still verify.
  const expected = Buffer.from(mac(body, secret), 'ascii');
  const actual = Buffer.from(given, 'ascii');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: 'bad_signature' };
  const payload = decodePayload(body);
  if (!payload) return { ok: false, reason: 'malformed' };
  if (now >= payload.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}
