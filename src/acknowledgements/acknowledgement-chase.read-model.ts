// Read model: what the acknowledgement chase reads across modules: orders' order_versions with
// the registry's enterprises (still active) and contacts. Reads only.
import type { EntityManager } from 'typeorm';
import type { ContactChannel } from '../rules/contacts/mobile-number.js';
import { smsNumberOf } from './order-delivery.js';

/**
 * Versions not acknowledged whose deadline is at or before `until`, of active enterprises:
 * every version in force or still ahead is chased; one whose interval is over by `now` is not.
 */
export async function unacknowledgedDue(manager: EntityManager, until: Date, now: Date): Promise<Array<{ id: string; ackDeadline: Date }>> {
  const rows: Array<{ id: string; ack_deadline: Date }> = await manager.query(
    `SELECT v.id, v.ack_deadline FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code
     WHERE v.status = 'current' AND NOT v.ends AND v.acknowledged_at IS NULL AND v.ack_deadline <= $1 AND e.active
       AND (v.effective_to IS NULL OR v.effective_to > $2)`,
    [until, now],
  );
  return rows.map((r) => ({ id: r.id, ackDeadline: r.ack_deadline }));
}

/** The distinct (lower-cased) e-mail addresses of these enterprises' contacts that accept e-mail. */
export async function contactEmails(manager: EntityManager, enterpriseCodes: string[]): Promise<Array<{ enterpriseCode: string; email: string }>> {
  const rows: Array<{ enterprise_code: string; email: string }> = await manager.query(
    `SELECT DISTINCT enterprise_code, lower(email) AS email FROM contacts WHERE email IS NOT NULL AND 'email' = ANY(channels) AND enterprise_code = ANY($1)`,
    [enterpriseCodes],
  );
  return rows.map((r) => ({ enterpriseCode: r.enterprise_code, email: r.email }));
}

/** The SMS numbers of these enterprises' contacts, per enterprise, each once (smsNumberOf decides which contact takes SMS on which number). */
export async function contactMobiles(manager: EntityManager, enterpriseCodes: string[]): Promise<Map<string, string[]>> {
  const rows: Array<{ enterprise_code: string; name: string; role: string; email: string | null; phone: string | null; mobile: string | null; channels: ContactChannel[] }> = await manager.query(
    'SELECT enterprise_code, name, role, email, phone, mobile, channels FROM contacts WHERE (phone IS NOT NULL OR mobile IS NOT NULL) AND enterprise_code = ANY($1) ORDER BY enterprise_code, position',
    [enterpriseCodes],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const mobile = smsNumberOf({ name: r.name, role: r.role, email: r.email, phone: r.phone, mobile: r.mobile, channels: r.channels });
    if (mobile && out.get(r.enterprise_code)?.includes(mobile)) continue;
    if (mobile) out.set(r.enterprise_code, [...(out.get(r.enterprise_code) ?? []), mobile]);
  }
  return out;
}
