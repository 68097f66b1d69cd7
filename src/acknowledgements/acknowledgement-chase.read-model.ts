// Read model: what the acknowledgement chase reads across modules: orders' order_versions with
// the registry's enterprises (still active) and contacts, and the ladder rows of dispatch's outbox. Reads only.
import type { EntityManager } from 'typeorm';
import type { ContactChannel } from '../rules/contacts/mobile-number.js';
import { smsNumberOf } from './order-delivery.js';

/**
 * Versions not acknowledged, of active enterprises, that are in force or still ahead at `now`
 * (one whose interval is over is no longer chased), with the times the ladder counts from.
 */
export async function unacknowledged(manager: EntityManager, now: Date): Promise<Array<{ id: string; deliveredAt: Date; ackDeadline: Date }>> {
  const rows: Array<{ id: string; delivered_at: Date; ack_deadline: Date }> = await manager.query(
    `SELECT v.id, coalesce(v.notified_at, v.created_at) AS delivered_at, v.ack_deadline FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code
     WHERE v.status = 'current' AND NOT v.ends AND v.acknowledged_at IS NULL AND e.active
       AND (v.effective_to IS NULL OR v.effective_to > $1)`,
    [now],
  );
  return rows.map((r) => ({ id: r.id, deliveredAt: r.delivered_at, ackDeadline: r.ack_deadline }));
}

/** The ladder steps already written for these versions (the step part of their outbox keys `ladder:<version>:<step>:…`). */
export async function ladderStepsTaken(manager: EntityManager, versionIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (versionIds.length === 0) return out;
  const rows: Array<{ order_version_id: string; step: string }> = await manager.query(
    `SELECT DISTINCT order_version_id, split_part(idempotency_key, ':', 3) AS step FROM outbox
     WHERE order_version_id = ANY($1::uuid[]) AND kind = 'ladder'`,
    [versionIds],
  );
  for (const r of rows) out.set(r.order_version_id, (out.get(r.order_version_id) ?? new Set()).add(r.step));
  return out;
}

/**
 * The distinct (lower-cased) e-mail addresses and SMS numbers of these enterprises' contacts:
 * e-mail where the contact accepts it (its `channels`), SMS where smsNumberOf says so.
 */
export async function contactAddresses(manager: EntityManager, enterpriseCodes: string[]): Promise<Map<string, { emails: string[]; mobiles: string[] }>> {
  const rows: Array<{ enterprise_code: string; name: string; role: string; email: string | null; phone: string | null; mobile: string | null; channels: ContactChannel[] }> = await manager.query(
    'SELECT enterprise_code, name, role, email, phone, mobile, channels FROM contacts WHERE enterprise_code = ANY($1) ORDER BY enterprise_code, position',
    [enterpriseCodes],
  );
  const out = new Map<string, { emails: string[]; mobiles: string[] }>();
  for (const r of rows) {
    const c = out.get(r.enterprise_code) ?? { emails: [], mobiles: [] };
    const email = r.email && r.channels.includes('email') ? r.email.toLowerCase() : null;
    if (email && !c.emails.includes(email)) c.emails.push(email);
    const mobile = smsNumberOf({ name: r.name, role: r.role, email: r.email, phone: r.phone, mobile: r.mobile, channels: r.channels });
    if (mobile && !c.mobiles.includes(mobile)) c.mobiles.push(mobile);
    out.set(r.enterprise_code, c);
  }
  return out;
}
