import { Injectable } from '@nestjs/common';
import { standardSecretOfKey, standardWebhookHeaders, webhookMessageId } from '../../common/standard-webhook.js';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../../common/webhook-signature.js';
import type { WebhookMessage } from '../outbound-message.js';

/** A failure no retry can heal; the worker fails the row at once. */
export class PermanentDeliveryError extends Error {}

// RFC 2606 / 6761 names are examples, never receivers: nothing is sent to them (demo data uses them).
const RESERVED_HOST = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost\.invalid)$/i;

/** POSTs JSON signed per Standard Webhooks (and with the deprecated X-HazeOps-Signature); any non-2xx answer is a failure to retry. */
@Injectable()
export class WebhookChannel {
  async send(message: WebhookMessage, idempotencyKey: string): Promise<string> {
    const host = new URL(message.url).hostname;
    if (RESERVED_HOST.test(host)) throw new PermanentDeliveryError(`${host} is a reserved example domain (RFC 2606); nothing was sent`);
    const body = JSON.stringify(message.body);
    const now = new Date();
    const res = await fetch(message.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Idempotency-Key': idempotencyKey,
        ...standardWebhookHeaders(webhookMessageId(idempotencyKey), body, now, standardSecretOfKey(message.signingKey)),
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(body, now.getTime(), message.signingKey),
      },
      body,
      signal: AbortSignal.timeout(10_000),
      redirect: 'manual',
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered HTTP ${res.status}`);
    return `HTTP ${res.status}`;
  }
}
