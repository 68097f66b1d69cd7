import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { AuthErrorCode } from './auth.errors.js';
import { DomainError } from '../common/domain-error.js';

/** The browser session: the access token in an HttpOnly cookie, plus a readable CSRF cookie (double submit). */
export const SESSION_COOKIE = 'hazeops_session';
export const CSRF_COOKIE = 'hazeops_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads one cookie from the Cookie header (no cookie-parser: two cookies do not need a dependency). */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The CSRF value is bound to the session: an HMAC of the access token, so a cookie planted by another site does not match. */
export function csrfFor(secret: string, accessToken: string): string {
  return createHmac('sha256', secret)
    .update('csrf:' + accessToken)
    .digest('base64url');
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The token of this request: `Authorization: Bearer` first, else the session cookie. A cookie-carried
 * unsafe request must repeat the CSRF cookie in `X-CSRF-Token`, and that value must belong to the token.
 * Null when the request carries neither.
 */
export function requestToken(req: Request, secret: string): string | null {
  const header = req.headers.authorization;
  if (header && header.startsWith('Bearer ')) return header.slice(7).trim();
  const token = readCookie(req, SESSION_COOKIE);
  if (!token) return null;
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    const cookie = readCookie(req, CSRF_COOKIE);
    if (typeof sent !== 'string' || !cookie || !sameString(sent, cookie) || !sameString(cookie, csrfFor(secret, token))) {
      throw new DomainError(AuthErrorCode.CSRF_MISMATCH, 'A signed-in browser request that changes data must send the hazeops_csrf cookie value in X-CSRF-Token.');
    }
  }
  return token;
}

function cookieAttributes(req: Request, maxAgeSeconds: number): string {
  // Secure only over HTTPS: the service also runs on plain http://localhost for the demo.
  return `; Path=/; SameSite=Strict; Max-Age=${maxAgeSeconds}${req.secure ? '; Secure' : ''}`;
}

export function setSessionCookies(req: Request, res: Response, secret: string, accessToken: string, maxAgeSeconds: number): string {
  const csrf = csrfFor(secret, accessToken);
  res.append('Set-Cookie', `${SESSION_COOKIE}=${accessToken}${cookieAttributes(req, maxAgeSeconds)}; HttpOnly`);
  res.append('Set-Cookie', `${CSRF_COOKIE}=${csrf}${cookieAttributes(req, maxAgeSeconds)}`);
  return csrf;
}

export function clearSessionCookies(req: Request, res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=${cookieAttributes(req, 0)}; HttpOnly`);
  res.append('Set-Cookie', `${CSRF_COOKIE}=${cookieAttributes(req, 0)}`);
}
