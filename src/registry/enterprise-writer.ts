import type { EntityManager } from 'typeorm';
import type { Enterprise } from '../rules/enterprise.js';

const CHUNK = 2000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Set-based writes of whole enterprises (row, lines, contacts) for the import and the API.
 * unnest() over arrays keeps each batch one statement per table, whatever its size.
 * An existing enterprise gets version + 1; `active` is never changed here.
 */
export async function upsertEnterprises(manager: EntityManager, enterprises: Enterprise[]): Promise<void> {
  for (const part of chunks(enterprises)) {
    await manager.query(
      `INSERT INTO enterprises (code, name, county, industry, process, fuel, air_emitting, grade, livelihood, provincial_approval, measures, webhook_url, version)
       SELECT code, name, county, industry, process, fuel, air, grade, lh::jsonb, pa::jsonb, m::jsonb, wh, 1
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
         AS x(code, name, county, industry, process, fuel, air, grade, lh, pa, m, wh)
       ON CONFLICT (code) DO UPDATE SET
         name = EXCLUDED.name, county = EXCLUDED.county, industry = EXCLUDED.industry, process = EXCLUDED.process,
         fuel = EXCLUDED.fuel, air_emitting = EXCLUDED.air_emitting, grade = EXCLUDED.grade, livelihood = EXCLUDED.livelihood,
         provincial_approval = EXCLUDED.provincial_approval, measures = EXCLUDED.measures, webhook_url = EXCLUDED.webhook_url,
         version = enterprises.version + 1, updated_at = now()`,
      [
        part.map((e) => e.code),
        part.map((e) => e.name),
        part.map((e) => e.county),
        part.map((e) => e.industry),
        part.map((e) => e.process),
        part.map((e) => e.fuel),
        part.map((e) => e.airEmitting),
        part.map((e) => e.grade),
        part.map((e) => (e.livelihood ? JSON.stringify(e.livelihood) : null)),
        part.map((e) => (e.provincialApproval ? JSON.stringify(e.provincialApproval) : null)),
        part.map((e) => JSON.stringify(e.measures)),
        part.map((e) => e.webhookUrl),
      ],
    );
    const codes = part.map((e) => e.code);
    await manager.query('DELETE FROM production_lines WHERE enterprise_code = ANY($1)', [codes]);
    await manager.query('DELETE FROM contacts WHERE enterprise_code = ANY($1)', [codes]);
    const lines = part.flatMap((e) => e.lines.map((l, i) => ({ e: e.code, l, i })));
    for (const lp of chunks(lines, 8000)) {
      await manager.query(
        `INSERT INTO production_lines (enterprise_code, code, position, name, capacity, unit, cells)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::float8[], $6::text[], $7::int[])`,
        [lp.map((x) => x.e), lp.map((x) => x.l.code), lp.map((x) => x.i), lp.map((x) => x.l.name), lp.map((x) => x.l.capacity), lp.map((x) => x.l.unit), lp.map((x) => x.l.cells)],
      );
    }
    const contacts = part.flatMap((e) => e.contacts.map((c, i) => ({ e: e.code, c, i })));
    for (const cp of chunks(contacts, 8000)) {
      await manager.query(
        `INSERT INTO contacts (enterprise_code, position, name, role, email, phone)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])`,
        [cp.map((x) => x.e), cp.map((x) => x.i), cp.map((x) => x.c.name), cp.map((x) => x.c.role), cp.map((x) => x.c.email), cp.map((x) => x.c.phone)],
      );
    }
  }
}
