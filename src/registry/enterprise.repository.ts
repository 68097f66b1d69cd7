import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { EmissionSource, Enterprise, Livelihood, Measures, ProductionLine, ProvincialApproval } from '../rules/enterprise.js';
import { defaultChannels, type ContactChannel } from '../rules/contacts/mobile-number.js';
import type { ContactEntity } from './contact.entity.js';
import { EnterpriseEntity } from './enterprise.entity.js';
import { lineEmissionsOf } from './enterprise.mapper.js';
import { copyInTransaction } from '../common/copy-rows.js';
import type { ProductionLineEntity } from './production-line.entity.js';

/** A production_lines row as the driver returns it. */
interface LineRow {
  enterprise_code: string;
  code: string;
  position: number;
  name: string;
  capacity: number;
  unit: string;
  cells: number | null;
  so2_kg_per_hour: number | null;
  nox_kg_per_hour: number | null;
  pm_kg_per_hour: number | null;
  vocs_kg_per_hour: number | null;
  emission_source: EmissionSource | null;
  emission_year: number | null;
}

const LINE_SELECT = 'enterprise_code, code, position, name, capacity, unit, cells, so2_kg_per_hour, nox_kg_per_hour, pm_kg_per_hour, vocs_kg_per_hour, emission_source, emission_year';

function lineRowToEntity(l: LineRow): ProductionLineEntity {
  return {
    enterpriseCode: l.enterprise_code,
    code: l.code,
    position: l.position,
    name: l.name,
    capacity: l.capacity,
    unit: l.unit,
    cells: l.cells,
    so2KgPerHour: l.so2_kg_per_hour,
    noxKgPerHour: l.nox_kg_per_hour,
    pmKgPerHour: l.pm_kg_per_hour,
    vocsKgPerHour: l.vocs_kg_per_hour,
    emissionSource: l.emission_source,
    emissionYear: l.emission_year,
  } as ProductionLineEntity;
}

function lineRowToLine(l: LineRow): ProductionLine {
  return { code: l.code, name: l.name, capacity: l.capacity, unit: l.unit, cells: l.cells, emissions: lineEmissionsOf(lineRowToEntity(l)) };
}

interface EnterpriseRow {
  code: string;
  name: string;
  county: string;
  industry: string;
  process: string | null;
  fuel: string | null;
  air_emitting: boolean;
  grade: string | null;
  graded_on: Date | string | null;
  grading_authority: string | null;
  livelihood: Livelihood | null;
  provincial_approval: ProvincialApproval | null;
  measures: Measures;
  webhook_url: string | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A `date` column as YYYY-MM-DD: the driver parses it into a Date at local midnight. */
function dateText(value: Date | string | null): string | null {
  if (value === null || typeof value === 'string') return value;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`;
}

// The registry's SQL. The free functions serve callers that hold only an EntityManager inside
// their own transaction (the directive writer, the benchmarks' seed); modules inject the class.

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
    gradedOn: dateText(r.graded_on),
    gradingAuthority: r.grading_authority,
    livelihood: r.livelihood,
    provincialApproval: r.provincial_approval,
    contacts: [],
    lines: [],
    measures: r.measures ?? {},
    webhookUrl: r.webhook_url,
  };
}

interface ContactRow {
  enterprise_code: string;
  position: number;
  name: string;
  role: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  channels: string[];
}

function contactRowToEntity(c: ContactRow): ContactEntity {
  return {
    enterpriseCode: c.enterprise_code,
    position: c.position,
    name: c.name,
    role: c.role,
    email: c.email,
    phone: c.phone,
    mobile: c.mobile,
    channels: c.channels,
  } as ContactEntity;
}

/** A stored row as the entity the API's mapper reads, with the lines and contacts given (in any order). */
function rowToEntity(r: EnterpriseRow, lines: ProductionLineEntity[] = [], contacts: ContactEntity[] = []): EnterpriseEntity {
  return {
    ...rowToEnterprise(r),
    active: r.active,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lines,
    contacts,
  } as unknown as EnterpriseEntity;
}

/**
 * Whether an enterprise has a channel the notices can use: a webhook, or a contact with an
 * e-mail address that accepts e-mail. Stored with the row (`enterprises.reachable`, migration
 * 1796600014900) by the writes below, which always write the row and its contacts together.
 */
function reachableOf(e: Pick<Enterprise, 'webhookUrl' | 'contacts'>): boolean {
  if (e.webhookUrl !== null && e.webhookUrl !== undefined) return true;
  return e.contacts.some((c) => {
    if (c.email === null || c.email === undefined || c.email === '') return false;
    return (c.channels ?? defaultChannels({ email: c.email, phone: c.phone, mobile: c.mobile ?? null })).includes('email');
  });
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
    for (const r of rows) out.set(r.code, rowToEntity(r, [], []));
    const lines: LineRow[] = await manager.query(`SELECT ${LINE_SELECT} FROM production_lines WHERE enterprise_code = ANY($1)`, [part]);
    for (const l of lines) out.get(l.enterprise_code)?.lines.push(lineRowToEntity(l));
    const contacts: ContactRow[] = await manager.query('SELECT enterprise_code, position, name, role, email, phone, mobile, channels FROM contacts WHERE enterprise_code = ANY($1)', [part]);
    for (const c of contacts) out.get(c.enterprise_code)?.contacts.push(contactRowToEntity(c));
  }
  return out;
}

/**
 * The active enterprises of some counties as plain registry objects, in three set queries
 * filtered by county (no list of codes to ship): what a city-wide directive reads.
 * `contacts: false` leaves the contacts out (empty), for readers that never send anything.
 */
export async function loadActiveEnterprisesOf(manager: EntityManager, counties: string[], options: { contacts?: boolean } = {}): Promise<Enterprise[]> {
  const rows: EnterpriseRow[] = await manager.query('SELECT * FROM enterprises WHERE active AND county = ANY($1) ORDER BY code', [counties]);
  const byCode = new Map<string, Enterprise>();
  const out: Enterprise[] = rows.map((r) => {
    const e = rowToEnterprise(r);
    byCode.set(r.code, e);
    return e;
  });
  const lines: LineRow[] = await manager.query(
    `SELECT ${LINE_SELECT.split(', ')
      .map((c) => `l.${c}`)
      .join(', ')} FROM production_lines l JOIN enterprises e ON e.code = l.enterprise_code
     WHERE e.active AND e.county = ANY($1) ORDER BY l.enterprise_code, l.position`,
    [counties],
  );
  for (const l of lines) byCode.get(l.enterprise_code)?.lines.push(lineRowToLine(l));
  if (options.contacts === false) return out;
  const contacts: Array<{ enterprise_code: string; name: string; role: string; email: string | null; phone: string | null; mobile: string | null; channels: ContactChannel[] }> = await manager.query(
    `SELECT c.enterprise_code, c.name, c.role, c.email, c.phone, c.mobile, c.channels FROM contacts c JOIN enterprises e ON e.code = c.enterprise_code
     WHERE e.active AND e.county = ANY($1) ORDER BY c.enterprise_code, c.position`,
    [counties],
  );
  for (const c of contacts) byCode.get(c.enterprise_code)?.contacts.push({ name: c.name, role: c.role, email: c.email, phone: c.phone, mobile: c.mobile, channels: c.channels });
  return out;
}

/**
 * One page of the active enterprises (code order, after `afterCode`) with their lines and
 * contacts: the registry snapshot's batched load (src/registry/registry-snapshot.service.ts).
 */
export async function loadActiveEnterprisesPage(manager: EntityManager, afterCode: string, limit: number): Promise<Enterprise[]> {
  const rows: EnterpriseRow[] = await manager.query('SELECT * FROM enterprises WHERE active AND code > $1 ORDER BY code LIMIT $2', [afterCode, limit]);
  return withLinesAndContacts(manager, rows);
}

/** These enterprises as the registry form, with whether each is active (absent: not registered): the snapshot's patch. */
export async function loadEnterprisesWithState(manager: EntityManager, codes: string[]): Promise<Array<{ enterprise: Enterprise; active: boolean }>> {
  const out: Array<{ enterprise: Enterprise; active: boolean }> = [];
  const CHUNK = 10_000;
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows: EnterpriseRow[] = await manager.query('SELECT * FROM enterprises WHERE code = ANY($1) ORDER BY code', [codes.slice(i, i + CHUNK)]);
    const loaded = await withLinesAndContacts(manager, rows);
    for (let j = 0; j < rows.length; j++) out.push({ enterprise: loaded[j]!, active: rows[j]!.active });
  }
  return out;
}

async function withLinesAndContacts(manager: EntityManager, rows: EnterpriseRow[]): Promise<Enterprise[]> {
  if (rows.length === 0) return [];
  const byCode = new Map<string, Enterprise>();
  const out = rows.map((r) => {
    const e = rowToEnterprise(r);
    byCode.set(r.code, e);
    return e;
  });
  const codes = rows.map((r) => r.code);
  const lines: LineRow[] = await manager.query(`SELECT ${LINE_SELECT} FROM production_lines WHERE enterprise_code = ANY($1) ORDER BY enterprise_code, position`, [codes]);
  for (const l of lines) byCode.get(l.enterprise_code)?.lines.push(lineRowToLine(l));
  const contacts: Array<{ enterprise_code: string; name: string; role: string; email: string | null; phone: string | null; mobile: string | null; channels: ContactChannel[] }> = await manager.query(
    'SELECT enterprise_code, name, role, email, phone, mobile, channels FROM contacts WHERE enterprise_code = ANY($1) ORDER BY enterprise_code, position',
    [codes],
  );
  for (const c of contacts) byCode.get(c.enterprise_code)?.contacts.push({ name: c.name, role: c.role, email: c.email, phone: c.phone, mobile: c.mobile, channels: c.channels });
  return out;
}

const WRITE_CHUNK = 2000;

function chunks<T>(items: T[], size = WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The codes of the deactivated enterprises of some counties (few: what a reconciliation closes). */
export async function loadInactiveCodesOf(manager: EntityManager, counties: string[]): Promise<string[]> {
  const rows: Array<{ code: string }> = await manager.query('SELECT code FROM enterprises WHERE NOT active AND county = ANY($1) ORDER BY code', [counties]);
  return rows.map((r) => r.code);
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
      graded_on: e.gradedOn ?? null,
      grading_authority: e.gradingAuthority ?? null,
      livelihood: e.livelihood,
      provincial_approval: e.provincialApproval,
      measures: e.measures,
      webhook_url: e.webhookUrl,
      reachable: reachableOf(e),
    }));
    await manager.query(
      `INSERT INTO enterprises (code, name, county, industry, process, fuel, air_emitting, grade, graded_on, grading_authority, livelihood, provincial_approval, measures, webhook_url, reachable, version)
       SELECT code, name, county, industry, process, fuel, air_emitting, grade, graded_on, grading_authority, livelihood, provincial_approval, measures, webhook_url, reachable, 1
       FROM json_to_recordset($1::json) AS x(code text, name text, county text, industry text, process text, fuel text, air_emitting boolean,
         grade text, graded_on date, grading_authority text, livelihood jsonb, provincial_approval jsonb, measures jsonb, webhook_url text, reachable boolean)
       ON CONFLICT (code) DO UPDATE SET
         name = EXCLUDED.name, county = EXCLUDED.county, industry = EXCLUDED.industry, process = EXCLUDED.process,
         fuel = EXCLUDED.fuel, air_emitting = EXCLUDED.air_emitting, grade = EXCLUDED.grade, graded_on = EXCLUDED.graded_on,
         grading_authority = EXCLUDED.grading_authority, livelihood = EXCLUDED.livelihood,
         provincial_approval = EXCLUDED.provincial_approval, measures = EXCLUDED.measures, webhook_url = EXCLUDED.webhook_url,
         reachable = EXCLUDED.reachable, version = enterprises.version + 1, updated_at = now()`,
      [JSON.stringify(rows)],
    );
    const codes = part.map((e) => e.code);
    await manager.query('DELETE FROM production_lines WHERE enterprise_code = ANY($1)', [codes]);
    await manager.query('DELETE FROM contacts WHERE enterprise_code = ANY($1)', [codes]);
    const lines = part.flatMap((e) =>
      e.lines.map((l, i): LineRow => ({
        enterprise_code: e.code,
        code: l.code,
        position: i,
        name: l.name,
        capacity: l.capacity,
        unit: l.unit,
        cells: l.cells,
        so2_kg_per_hour: l.emissions?.kgPerHour.so2 ?? null,
        nox_kg_per_hour: l.emissions?.kgPerHour.nox ?? null,
        pm_kg_per_hour: l.emissions?.kgPerHour.pm ?? null,
        vocs_kg_per_hour: l.emissions?.kgPerHour.vocs ?? null,
        emission_source: l.emissions?.source ?? null,
        emission_year: l.emissions?.year ?? null,
      })),
    );
    if (lines.length > 0) {
      await manager.query(
        `INSERT INTO production_lines (${LINE_SELECT})
         SELECT ${LINE_SELECT} FROM json_to_recordset($1::json) AS x(enterprise_code text, code text, position int, name text, capacity float8, unit text, cells int,
           so2_kg_per_hour float8, nox_kg_per_hour float8, pm_kg_per_hour float8, vocs_kg_per_hour float8, emission_source text, emission_year int)`,
        [JSON.stringify(lines)],
      );
    }
    const contacts = part.flatMap((e) =>
      e.contacts.map((c, i) => ({
        enterprise_code: e.code,
        position: i,
        name: c.name,
        role: c.role,
        email: c.email,
        phone: c.phone,
        mobile: c.mobile ?? null,
        channels: c.channels ?? defaultChannels({ email: c.email, phone: c.phone, mobile: c.mobile ?? null }),
      })),
    );
    if (contacts.length > 0) {
      await manager.query(
        `INSERT INTO contacts (enterprise_code, position, name, role, email, phone, mobile, channels)
         SELECT enterprise_code, position, name, role, email, phone, mobile, ARRAY(SELECT json_array_elements_text(channels))
         FROM json_to_recordset($1::json) AS x(enterprise_code text, position int, name text, role text, email text, phone text, mobile text, channels json)`,
        [JSON.stringify(contacts)],
      );
    }
  }
}

const ENTERPRISE_COPY_COLUMNS = [
  'code',
  'name',
  'county',
  'industry',
  'process',
  'fuel',
  'air_emitting',
  'grade',
  'graded_on',
  'grading_authority',
  'livelihood',
  'provincial_approval',
  'measures',
  'webhook_url',
  'reachable',
  'version',
];
const JSONB = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Enterprises that do not exist yet (row, lines, contacts), by COPY inside the caller's
 * transaction: PostgreSQL's fastest way in, for the registry import's creates. An enterprise
 * created by someone else meanwhile makes the COPY fail with a unique violation (23505) and
 * aborts the transaction; the caller then runs again with upsertEnterprises.
 */
export async function insertNewEnterprises(manager: EntityManager, enterprises: Enterprise[]): Promise<void> {
  if (enterprises.length === 0) return;
  await copyInTransaction(
    manager,
    'enterprises',
    ENTERPRISE_COPY_COLUMNS,
    enterprises.map((e) => [
      e.code,
      e.name,
      e.county,
      e.industry,
      e.process,
      e.fuel,
      e.airEmitting,
      e.grade,
      e.gradedOn ?? null,
      e.gradingAuthority ?? null,
      JSONB(e.livelihood),
      JSONB(e.provincialApproval),
      JSONB(e.measures),
      e.webhookUrl,
      reachableOf(e),
      1,
    ]),
  );
  await copyInTransaction(
    manager,
    'production_lines',
    LINE_SELECT.split(', '),
    (function* () {
      for (const e of enterprises) {
        for (let i = 0; i < e.lines.length; i++) {
          const l = e.lines[i]!;
          const k = l.emissions?.kgPerHour;
          yield [e.code, l.code, i, l.name, l.capacity, l.unit, l.cells, k?.so2 ?? null, k?.nox ?? null, k?.pm ?? null, k?.vocs ?? null, l.emissions?.source ?? null, l.emissions?.year ?? null];
        }
      }
    })(),
  );
  await copyInTransaction(
    manager,
    'contacts',
    ['enterprise_code', 'position', 'name', 'role', 'email', 'phone', 'mobile', 'channels'],
    (function* () {
      for (const e of enterprises)
        for (let i = 0; i < e.contacts.length; i++) {
          const c = e.contacts[i]!;
          const channels = c.channels ?? defaultChannels({ email: c.email, phone: c.phone, mobile: c.mobile ?? null });
          // A text[] in COPY's text format; channel names are plain words (the validator allows only email, sms, phone).
          yield [e.code, i, c.name, c.role, c.email, c.phone, c.mobile ?? null, `{${channels.join(',')}}`];
        }
    })(),
  );
}

/** What other modules read of an enterprise: code, name, county and whether it is active. */
export interface EnterpriseSummary {
  code: string;
  name: string;
  county: string;
  active: boolean;
}

/** A production line as an inspector checks it. */
export interface LineRef {
  enterpriseCode: string;
  code: string;
  name: string;
  capacity: number;
  unit: string;
}

/** The registry list's filters, already validated; `scope` is the access policy's condition over e.code / e.county with $n params. */
export interface EnterpriseListFilter {
  scope: { sql: string; params: unknown[] };
  county?: string;
  industry?: string;
  includeInactive?: boolean;
  grade?: string;
  exemption?: 'livelihood' | 'provincial' | 'any' | 'none';
  reachable?: boolean;
  text?: string;
  page: number;
  pageSize: number;
  /** Keyset paging: the code of the last row served, and the total counted for the first page. */
  after?: string | null;
  total?: number | null;
}

/** The registry's tables (enterprises, production_lines, contacts): the one place their SQL lives. */
@Injectable()
export class EnterpriseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  load(codes: string[], opts: { lock?: boolean; manager?: EntityManager } = {}): Promise<Map<string, EnterpriseEntity>> {
    return loadEnterpriseEntities(opts.manager ?? this.dataSource.manager, codes, opts.lock ?? false);
  }

  activeOf(counties: string[], manager: EntityManager = this.dataSource.manager): Promise<Enterprise[]> {
    return loadActiveEnterprisesOf(manager, counties);
  }

  upsert(manager: EntityManager, enterprises: Enterprise[]): Promise<void> {
    return upsertEnterprises(manager, enterprises);
  }

  /** Creates enterprises known not to exist, by COPY (see insertNewEnterprises). */
  insertNew(manager: EntityManager, enterprises: Enterprise[]): Promise<void> {
    return insertNewEnterprises(manager, enterprises);
  }

  /** Under a share lock until the caller's transaction ends: a concurrent create of the same code waits. */
  existsLocked(manager: EntityManager, code: string): Promise<boolean> {
    return manager.getRepository(EnterpriseEntity).exists({ where: { code }, lock: { mode: 'pessimistic_read' } });
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(EnterpriseEntity).count();
  }

  /** The enterprise with the lowest code, or null for an empty registry. */
  first(): Promise<EnterpriseEntity | null> {
    return this.dataSource.getRepository(EnterpriseEntity).findOne({ where: {}, order: { code: 'ASC' } });
  }

  exists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(EnterpriseEntity).existsBy({ code });
  }

  /** The row alone, locked for update until the caller's transaction ends; null when absent. */
  lockRow(manager: EntityManager, code: string): Promise<EnterpriseEntity | null> {
    return manager.getRepository(EnterpriseEntity).findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  /** Sets `active` and raises the version. */
  async setActive(manager: EntityManager, code: string, active: boolean, version: number): Promise<void> {
    await manager.getRepository(EnterpriseEntity).update({ code }, { active, version });
  }

  async refs(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<EnterpriseSummary[]> {
    return manager.query('SELECT code, name, county, active FROM enterprises WHERE code = ANY($1) ORDER BY code', [codes]);
  }

  async ref(code: string, manager?: EntityManager): Promise<EnterpriseSummary | null> {
    return (await this.refs([code], manager))[0] ?? null;
  }

  /** The lines of some enterprises, in their registry order. */
  async lines(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<LineRef[]> {
    return manager.query('SELECT enterprise_code AS "enterpriseCode", code, name, capacity, unit FROM production_lines WHERE enterprise_code = ANY($1) ORDER BY enterprise_code, position', [codes]);
  }

  /**
   * One page of the registry list, whole (lines and contacts), by code, and the total of the
   * filter (unless known). Plain SQL in two statements: the count, and the page whose lines
   * and contacts are subqueries per row of the page (index probes of their primary keys,
   * whatever the planner knows of the tables). The page's codes are chosen first, in the
   * subquery, so that OFFSET walks an index and not the rows. `after` makes it a keyset page
   * (a range of the primary key); `reachable` and `county` have partial indexes in code
   * order (migration 1796600014900); text is looked up in idx_enterprises_text_grams
   * (characters and character pairs), then checked with ILIKE.
   */
  async page(f: EnterpriseListFilter): Promise<{ rows: EnterpriseEntity[]; total: number }> {
    const params: unknown[] = [...f.scope.params];
    const param = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`(${f.scope.sql})`];
    if (!f.includeInactive) where.push('e.active');
    if (f.county) where.push(`e.county = ${param(f.county)}`);
    if (f.industry) where.push(`e.industry = ${param(f.industry)}`);
    if (f.grade) where.push(f.grade === 'none' ? 'e.grade IS NULL' : `e.grade = ${param(f.grade)}`);
    if (f.exemption === 'livelihood') where.push('e.livelihood IS NOT NULL');
    if (f.exemption === 'provincial') where.push('e.provincial_approval IS NOT NULL');
    if (f.exemption === 'any') where.push('(e.livelihood IS NOT NULL OR e.provincial_approval IS NOT NULL)');
    if (f.exemption === 'none') where.push('e.livelihood IS NULL AND e.provincial_approval IS NULL');
    if (f.reachable !== undefined) where.push(`e.reachable = ${f.reachable ? 'true' : 'false'}`);
    if (f.text) {
      const like = param('%' + f.text.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
      where.push(`registry_search_grams(e.name, e.code) @> registry_query_grams(${param(f.text)})`, `(e.name ILIKE ${like} OR e.code ILIKE ${like})`);
    }
    // count(*) over the filter: for the whole list (or a county, or either reachability) an index-only scan of a partial index.
    const total = f.total ?? ((await this.dataSource.query(`SELECT count(*)::int AS n FROM enterprises e WHERE ${where.join(' AND ')}`, params)) as Array<{ n: number }>)[0]!.n;
    if (f.after) where.push(`e.code > ${param(f.after)}`);
    const window = `LIMIT ${param(f.pageSize)} OFFSET ${param(f.after ? 0 : (f.page - 1) * f.pageSize)}`;
    const rows: Array<EnterpriseRow & { lines_json: LineRow[] | null; contacts_json: ContactRow[] | null }> = await this.dataSource.query(
      `SELECT e.*,
         (SELECT json_agg(l ORDER BY l.position) FROM production_lines l WHERE l.enterprise_code = e.code) AS lines_json,
         (SELECT json_agg(c ORDER BY c.position) FROM contacts c WHERE c.enterprise_code = e.code) AS contacts_json
       FROM (SELECT e.code FROM enterprises e WHERE ${where.join(' AND ')} ORDER BY e.code ${window}) k
       JOIN enterprises e ON e.code = k.code
       ORDER BY e.code`,
      params,
    );
    return { rows: rows.map((r) => rowToEntity(r, (r.lines_json ?? []).map(lineRowToEntity), (r.contacts_json ?? []).map(contactRowToEntity))), total };
  }
}
