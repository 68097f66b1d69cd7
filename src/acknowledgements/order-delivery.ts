import type { NewOutboxRow } from '../dispatch/outbound-message.js';
import type { ContactTargets } from '../registry/enterprise-contacts-changed.js';
import type { PlannedVersion } from '../orders/order-plan.js';

export interface DeliveryPlan {
  rows: NewOutboxRow[];
  /** Enterprise codes with no e-mail and no webhook. */
  unreachable: Set<string>;
}

/** The notice step's channels (dispatch.yaml escalation.ladder, stage 0 at delivery to the enterprise). */
export type NoticeChannels = readonly string[];

/**
 * One outbox row per (version, recipient, channel): every distinct e-mail contact and the
 * webhook, as far as the notice step's channels include them. The key names the recipient, so a
 * contact added later gets a fresh key.
 */
export function deliveriesFor(enterprise: ContactTargets, versionId: string, channels: NoticeChannels = ['email', 'webhook']): NewOutboxRow[] {
  const all = deliveriesOnAllChannels(enterprise, versionId);
  return all.filter((r) => channels.includes(r.channel));
}

function deliveriesOnAllChannels(enterprise: ContactTargets, versionId: string): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [];
  const emails = new Set<string>();
  // A contact that does not accept e-mail (its channels leave it out) is not mailed.
  for (const c of enterprise.contacts) if (c.email && (c.channels === undefined || c.channels.includes('email'))) emails.add(c.email.trim().toLowerCase());
  for (const email of emails) {
    rows.push({ idempotencyKey: `order:${versionId}:email:${email}`, kind: 'order', channel: 'email', recipient: email, enterpriseCode: enterprise.code, orderVersionId: versionId, payload: null });
  }
  if (enterprise.webhookUrl) {
    const url = enterprise.webhookUrl;
    rows.push({ idempotencyKey: `order:${versionId}:webhook:${url}`, kind: 'order', channel: 'webhook', recipient: url, enterpriseCode: enterprise.code, orderVersionId: versionId, payload: null });
  }
  return rows;
}

export function planDeliveries(planned: PlannedVersion[], channels?: NoticeChannels): DeliveryPlan {
  const rows: NewOutboxRow[] = [];
  const unreachable = new Set<string>();
  for (const p of planned) {
    const mine = deliveriesFor(p.enterprise, p.versionId, channels);
    if (mine.length === 0) unreachable.add(p.enterprise.code);
    for (const r of mine) rows.push(r);
  }
  return { rows, unreachable };
}
