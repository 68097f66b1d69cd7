import type { EntityManager } from 'typeorm';
import type { Enterprise, Livelihood, Measures, ProvincialApproval } from '../rules/enterprise.js';
import type { ContactEntity } from './contact.entity.js';
import type { EnterpriseEntity } from './enterprise.entity.js';
import type { ProductionLineEntity } from './production-line.entity.js';

interface EnterpriseRow {
  code: string;
  name: string;
  county: string;
  industry: string;
  process: string | null;
  fuel: string | null;
  air_emitting: boolean;
  grade: string | null;
  livelihood: Livelihood | null;
  provincial_approval: ProvincialApproval | null;
  measures: Measures;
  webhook_url: string | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A stored row as the registry form, before lines and contacts are added. */
function rowToEnterprise(r: EnterpriseRow): Enterprise {
  return {
    code: r.code,
    name: r.name,
    county: r.county,
    industry: r.industry,
    process: r.process,
    fuel: r.fuel,
    airEmitting: r.air_emitting,
    grade: r.grade,
    livelihood: r.livelihood,
    provincialApproval: r.provincial_approval,
    contacts: [],
    lines: [],
    measures: r.measures ?? {},
    webhookUrl: r.webhook_url,
  };
}

/**
 * Loads enterprises with their lines and contacts in three plain queries. Raw rows, not
 * entity hydration: an import of 10,000 enterprises compares against what is stored here.
 */
export async function loadEnterpriseEntities(manager: EntityManager, codes: string[], lock = false): Promise<Map<string, EnterpriseEntity>> {
  const out = new Map<string, EnterpriseEntity>();
  const CHUNK = 10_000;
  for (let i = 0; i < codes.length; i += CHUNK) {
    const part = codes.slice(i, i + CHUNK);
    const rows: EnterpriseRow[] = await manager.query(`SELECT * FROM enterprises WHERE code = ANY($1) ORDER BY code${lock ? ' FOR UPDATE' : ''}`, [part]);
    for (const r of rows) {
      const e = {
        ...rowToEnterprise(r),
        active: r.active,
        version: r.version,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        lines: [] as ProductionLineEntity[],
        contacts: [] as ContactEntity[],
      } as unknown as EnterpriseEntity;
      out.set(r.code, e);
    }
    const lines: Array<{ enterprise_code: string; code: string; position: number; name: string; capacity: number; unit: string; cells: number | null }> = await manager.query(
      'SELECT enterprise_code, code, position, name, capacity, unit, cells FROM production_lines WHERE enterprise_code = ANY($1)',
      [part],
    );
    for (const l of lines) {
      out.get(l.enterprise_code)?.lines.push({ enterpriseCode: l.enterprise_code, code: l.code, position: l.position, name: l.name, capacity: l.capacity, unit: l.unit, cells: l.cells } as ProductionLineEntity);
    }
    const contacts: Array<{ enterprise_code: string; position: number; name: string; role: string; email: string | null; phone: string | null }> = await manager.query(
      'SELECT enterprise_code, position, name, role, email, phone FROM contacts WHERE enterprise_code = ANY($1)',
      [part],
    );
    for (const c of contacts) {
      out.get(c.enterprise_code)?.contacts.push({ enterpriseCode: c.enterprise_code, position: c.position, name: c.name, role: c.role, email: c.email, phone: c.phone } as ContactEntity);
    }
  }
  return out;
}

/**
 * The active enterprises of some counties as plain registry objects, in three set queries
 * filtered by county (no list of codes to ship): what a city-wide directive reads.
 */
export async function loadActiveEnterprisesOf(manager: EntityManager, counties: string[]): Promise<Enterprise[]> {
  const rows: EnterpriseRow[] = await manager.query('SELECT * FROM enterprises WHERE active AND county = ANY($1) ORDER BY code', [counties]);
  const byCode = new Map<string, Enterprise>();
  const out: Enterprise[] = rows.map((r) => {
    const e = rowToEnterprise(r);
    byCode.set(r.code, e);
    return e;
  });
  const lines: Array<{ enterprise_code: string; code: string; name: string; capacity: number; unit: string; cells: number | null }> = await manager.query(
    `SELECT l.enterprise_code, l.code, l.name, l.capacity, l.unit, l.cells FROM production_lines l JOIN enterprises e ON e.code = l.enterprise_code
     WHERE e.active AND e.county = ANY($1) ORDER BY l.enterprise_code, l.position`,
    [counties],
  );
  for (const l of lines) byCode.get(l.enterprise_code)?.lines.push({ code: l.code, name: l.name, capacity: l.capacity, unit: l.unit, cells: l.cells });
  const contacts: Array<{ enterprise_code: string; name: string; role: string; email: string | null; phone: string | null }> = await manager.query(
    `SELECT c.enterprise_code, c.name, c.role, c.email, c.phone FROM contacts c JOIN enterprises e ON e.code = c.enterprise_code
     WHERE e.active AND e.county = ANY($1) ORDER BY c.enterprise_code, c.position`,
    [counties],
  );
  for (const c of contacts) byCode.get(c.enterprise_code)?.contacts.push({ name: c.name, role: c.role, email: c.email, phone: c.phone });
  return out;
}

/** The codes of the deactivated enterprises of some counties (few: what a reconciliation closes). */
export async function loadInactiveCodesOf(manager: EntityManager, counties: string[]): Promise<string[]> {
  const rows: Array<{ code: string }> = await manager.query('SELECT code FROM enterprises WHERE NOT active AND county = ANY($1) ORDER BY code', [counties]);
  return rows.map((r) => r.code);
}
