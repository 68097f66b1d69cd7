import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The inline handlers the server-rendered pages use (the daily report's print button), allowed by hash only. */
const INLINE_HANDLERS = ['window.print()'];

const hashOf = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Security headers on every response (helmet): a CSP that lets pages load only their own
 * scripts, styles and images and never be framed, nosniff, no referrer, no X-Powered-By.
 * A page with stricter needs (the inspector page's script hashes) sets its own CSP.
 */
export function securityHeaders(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", "'unsafe-hashes'", ...INLINE_HANDLERS.map(hashOf)],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 15_552_000 } : false,
    xPoweredBy: true,
  });
}
