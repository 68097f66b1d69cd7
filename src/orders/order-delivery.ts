import type { NewOutboxRow } from '../dispatch/outbound-message.js';
import type { PlannedVersion } from './order-plan.js';

export interface DeliveryPlan {
  rows: NewOutboxRow[];
  /** Enterprise codes with no e-mail and no webhook. */
  unreachable: Set<string>;
}

/** One outbox row per (version, recipient, channel): every distinct e-mail contact and the webhook. */
export function planDeliveries(planned: PlannedVersion[]): DeliveryPlan {
  const rows: NewOutboxRow[] = [];
  const unreachable = new Set<string>();
  for (const p of planned) {
    const emails = new Set<string>();
    for (const c of p.enterprise.contacts) if (c.email) emails.add(c.email.trim().toLowerCase());
    for (const email of emails) {
      rows.push({ idempotencyKey: `order:${p.versionId}:email:${email}`, kind: 'order', channel: 'email', recipient: email, enterpriseCode: p.enterprise.code, orderVersionId: p.versionId, payload: null });
    }
    if (p.enterprise.webhookUrl) {
      const url = p.enterprise.webhookUrl;
      rows.push({ idempotencyKey: `order:${p.versionId}:webhook:${url}`, kind: 'order', channel: 'webhook', recipient: url, enterpriseCode: p.enterprise.code, orderVersionId: p.versionId, payload: null });
    }
    if (emails.size === 0 && !p.enterprise.webhookUrl) unreachable.add(p.enterprise.code);
  }
  return { rows, unreachable };
}
