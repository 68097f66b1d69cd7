import type { NewOutboxRow } from '../dispatch/outbound-message.js';
import type { ContactTargets } from '../registry/enterprise-contacts-changed.js';
import type { PlannedVersion } from '../orders/order-plan.js';
import { noticeChannels, type LadderStep } from '../rules/escalation/ladder.js';
import { checkMobileNumber } from '../rules/contacts/mobile-number.js';

export interface DeliveryPlan {
  rows: NewOutboxRow[];
  /** Enterprise codes with no e-mail, no webhook and (with SMS) no mobile number. */
  unreachable: Set<string>;
}

/**
 * The channels the notice goes by: the notice step's (dispatch.yaml escalation.ladder: stage 0,
 * at delivery, to the enterprise), SMS only when a provider with an `order` template is configured.
 */
export type NoticeChannels = readonly string[];

export function noticeChannelsFor(ladder: readonly LadderStep[], smsConfigured: boolean): NoticeChannels {
  return noticeChannels(ladder).filter((c) => c !== 'sms' || smsConfigured);
}

/**
 * The number an SMS to this contact goes to, or null: its recorded `mobile` when it accepts
 * `sms` (registry `channels`). A contact with no recorded mobile whose `phone` is a mainland
 * mobile number is texted on it while it accepts `phone` (registries filled before the mobile
 * column kept mobiles there); a contact whose channels name neither is not texted.
 */
export function smsNumberOf(contact: ContactTargets['contacts'][number]): string | null {
  const channels = contact.channels;
  if (contact.mobile) return channels === undefined || channels.includes('sms') ? contact.mobile : null;
  if (channels !== undefined && !channels.includes('sms') && !channels.includes('phone')) return null;
  const phone = contact.phone ? checkMobileNumber(contact.phone) : null;
  return phone?.ok ? phone.mobile : null;
}

/**
 * One outbox row per (version, recipient, channel): every distinct e-mail contact, the webhook
 * and every distinct mobile number, as far as `channels` include them. The key names the
 * recipient, so a contact added later gets a fresh key.
 */
export function deliveriesFor(enterprise: ContactTargets, versionId: string, channels: NoticeChannels = ['email', 'webhook']): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [];
  const emails = new Set<string>();
  // A contact that does not accept e-mail (its channels leave it out) is not mailed.
  if (channels.includes('email')) for (const c of enterprise.contacts) if (c.email && (c.channels === undefined || c.channels.includes('email'))) emails.add(c.email.trim().toLowerCase());
  for (const email of emails) {
    rows.push({ idempotencyKey: `order:${versionId}:email:${email}`, kind: 'order', channel: 'email', recipient: email, enterpriseCode: enterprise.code, orderVersionId: versionId, payload: null });
  }
  if (enterprise.webhookUrl && channels.includes('webhook')) {
    const url = enterprise.webhookUrl;
    rows.push({ idempotencyKey: `order:${versionId}:webhook:${url}`, kind: 'order', channel: 'webhook', recipient: url, enterpriseCode: enterprise.code, orderVersionId: versionId, payload: null });
  }
  if (channels.includes('sms')) {
    const mobiles = new Set<string>();
    for (const c of enterprise.contacts) {
      const mobile = smsNumberOf(c);
      if (mobile) mobiles.add(mobile);
    }
    for (const mobile of mobiles) {
      rows.push({ idempotencyKey: `order:${versionId}:sms:${mobile}`, kind: 'order', channel: 'sms', recipient: mobile, enterpriseCode: enterprise.code, orderVersionId: versionId, payload: null });
    }
  }
  return rows;
}

/** Whether `deliveriesFor` would give this enterprise at least one row (without building any). */
export function isReachable(enterprise: ContactTargets, channels: NoticeChannels = ['email', 'webhook']): boolean {
  if (enterprise.webhookUrl && channels.includes('webhook')) return true;
  const email = channels.includes('email');
  const sms = channels.includes('sms');
  for (const c of enterprise.contacts) {
    if (email && c.email && (c.channels === undefined || c.channels.includes('email'))) return true;
    if (sms && smsNumberOf(c)) return true;
  }
  return false;
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
