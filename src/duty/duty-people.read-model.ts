// Read model: the duty roster reads the people it names from the accounts' users table — display
// name, role, county and the contacts each keeps on their account. Reads only.
import type { EntityManager } from 'typeorm';
import type { DutyPerson } from './duty-person.js';

interface RawPerson {
  id: string;
  username: string;
  display_name: string | null;
  email: string | null;
  mobile: string | null;
  work_chat_id: string | null;
  role: string;
  active: boolean;
}
const PERSON_COLUMNS = 'id, username, display_name, email, mobile, work_chat_id, role, active';
const person = (r: RawPerson): DutyPerson => ({ userId: r.id, name: r.display_name ?? r.username, email: r.email, mobile: r.mobile, workChatId: r.work_chat_id });

/** People by id, with whether each may stand a shift (an active commander). */
export async function dutyPeople(manager: EntityManager, ids: string[]): Promise<Map<string, DutyPerson & { eligible: boolean }>> {
  const out = new Map<string, DutyPerson & { eligible: boolean }>();
  if (ids.length === 0) return out;
  const rows: RawPerson[] = await manager.query(`SELECT ${PERSON_COLUMNS} FROM users WHERE id = ANY($1::uuid[])`, [ids]);
  for (const r of rows) out.set(r.id, { ...person(r), eligible: r.active && r.role === 'commander' });
  return out;
}

/** The active county officers of a county (by its name, as users store it), in username order. */
export async function countyOfficers(manager: EntityManager, countyName: string): Promise<DutyPerson[]> {
  const rows: RawPerson[] = await manager.query(`SELECT ${PERSON_COLUMNS} FROM users WHERE role = 'county_officer' AND active AND county = $1 ORDER BY username`, [countyName]);
  return rows.map(person);
}
