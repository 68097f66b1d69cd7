// Read model: what the acknowledgement chase reads across modules: orders' order_versions with
// the registry's enterprises (still active) and contacts, and the ladder rows of dispatch's outbox. Reads only.
import type { EntityManager } from 'typeorm';

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
 * The distinct (lower-cased) e-mail addresses and mobile numbers of these enterprises' contacts,
 * each only where the contact accepts that channel (its `channels`: email, sms).
 */
export async function contactAddresses(manager: EntityManager, enterpriseCodes: string[]): Promise<Map<string, { emails: string[]; mobiles: string[] }>> {
  const rows: Array<{ enterprise_code: string; email: string | null; mobile: string | null }> = await manager.query(
    `SELECT enterprise_code, CASE WHEN 'email' = ANY(channels) THEN lower(email) END AS email, CASE WHEN 'sms' = ANY(channels) THEN mobile END AS mobile
     FROM contacts WHERE enterprise_code = ANY($1) ORDER BY enterprise_code, position`,
    [enterpriseCodes],
  );
  const out = new Map<string, { emails: string[]; mobiles: string[] }>();
  for (const r of rows) {
    const c = out.get(r.enterprise_code) ?? { emails: [], mobiles: [] };
    if (r.email && !c.emails.includes(r.email)) c.emails.push(r.email);
    if (r.mobile && !c.mobiles.includes(r.mobile)) c.mobiles.push(r.mobile);
    out.set(r.enterprise_code, c);
  }
  return out;
}
