import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { webhookSecretFor } from './webhook-signature.js';

/** The Standard Webhooks headers (https://www.standardwebhooks.com), lower-case as the spec writes them. */
export const STANDARD_WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * An enterprise's Standard Webhooks secret: `whsec_` + base64 of the same 32-byte key that signs
 * the deprecated X-HazeOps-Signature (there as its hex text), so nothing new is stored.
 */
export function standardWebhookSecretFor(enterpriseCode: string, secret: string): string {
  return standardSecretOfKey(webhookSecretFor(enterpriseCode, secret));
}

/** The `whsec_` form of a hex signing key made by webhookSecretFor. */
export function standardSecretOfKey(hexKey: string): string {
  return `whsec_${Buffer.from(hexKey, 'hex').toString('base64')}`;
}

/** A message id stable across retries of one delivery (the spec's idempotency key for receivers). */
export function webhookMessageId(idempotencyKey: string): string {
  return `msg_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}

/** webhook-id, webhook-timestamp (Unix seconds) and webhook-signature `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, signed by the standardwebhooks library. */
export function standardWebhookHeaders(messageId: string, body: string, at: Date, whsecSecret: string): Record<(typeof STANDARD_WEBHOOK_HEADERS)[number], string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(whsecSecret).sign(messageId, at, body),
  };
}
