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
 * Each batch travels as one JSON document expanded by json_to_recordset: one statement per
 * table whatever the batch size, and no per-element array escaping in the driver.
 * An existing enterprise gets version + 1; `active` is never changed here.
 */
export async function upsertEnterprises(manager: EntityManager, enterprises: Enterprise[]): Promise<void> {
  for (const part of chunks(enterprises)) {
    const rows = part.map((e) => ({
      code: e.code,
      name: e.name,
      county: e.county,
      industry: e.industry,
      process: e.process,
      fuel: e.fuel,
      air_emitting: e.airEmitting,
      grade: e.grade,
      livelihood: e.livelihood,
      provincial_approval: e.provincialApproval,
      measures: e.measures,
      webhook_url: e.webhookUrl,
    }));
    await manager.query(
      `INSERT INTO enterprises (code, name, county, industry, process, fuel, air_emitting, grade, livelihood, provincial_approval, measures, webhook_url, version)
       SELECT code, name, county, industry, process, fuel, air_emitting, grade, livelihood, provincial_approval, measures, webhook_url, 1
       FROM json_to_recordset($1::json) AS x(code text, name text, county text, industry text, process text, fuel text, air_emitting boolean,
         grade text, livelihood jsonb, provincial_approval jsonb, measures jsonb, webhook_url text)
       ON CONFLICT (code) DO UPDATE SET
         name = EXCLUDED.name, county = EXCLUDED.county, industry = EXCLUDED.industry, process = EXCLUDED.process,
         fuel = EXCLUDED.fuel, air_emitting = EXCLUDED.air_emitting, grade = EXCLUDED.grade, livelihood = EXCLUDED.livelihood,
         provincial_approval = EXCLUDED.provincial_approval, measures = EXCLUDED.measures, webhook_url = EXCLUDED.webhook_url,
         version = enterprises.version + 1, updated_at = now()`,
      [JSON.stringify(rows)],
    );
    const codes = part.map((e) => e.code);
    await manager.query('DELETE FROM production_lines WHERE enterprise_code = ANY($1)', [codes]);
    await manager.query('DELETE FROM contacts WHERE enterprise_code = ANY($1)', [codes]);
    const lines = part.flatMap((e) => e.lines.map((l, i) => ({ enterprise_code: e.code, code: l.code, position: i, name: l.name, capacity: l.capacity, unit: l.unit, cells: l.cells })));
    if (lines.length > 0) {
      await manager.query(
        `INSERT INTO production_lines (enterprise_code, code, position, name, capacity, unit, cells)
         SELECT * FROM json_to_recordset($1::json) AS x(enterprise_code text, code text, position int, name text, capacity float8, unit text, cells int)`,
        [JSON.stringify(lines)],
      );
    }
    const contacts = part.flatMap((e) => e.contacts.map((c, i) => ({ enterprise_code: e.code, position: i, name: c.name, role: c.role, email: c.email, phone: c.phone })));
    if (contacts.length > 0) {
      await manager.query(
        `INSERT INTO contacts (enterprise_code, position, name, role, email, phone)
         SELECT * FROM json_to_recordset($1::json) AS x(enterprise_code text, position int, name text, role text, email text, phone text)`,
        [JSON.stringify(contacts)],
      );
    }
  }
}
