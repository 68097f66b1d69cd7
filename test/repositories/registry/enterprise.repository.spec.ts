import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessPolicy } from '../../../src/auth/access-policy.js';
import type { Principal } from '../../../src/auth/role.js';
import { InspectionTaskRepository } from '../../../src/inspections/inspection-task.repository.js';
import { entityToEnterprise } from '../../../src/registry/enterprise.mapper.js';
import { EnterpriseRepository } from '../../../src/registry/enterprise.repository.js';
import type { LineEmissions } from '../../../src/rules/enterprise.js';
import { codeFor, sampleEnterprise } from '../../support/fixtures.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

const principal = (over: Partial<Principal>): Principal => ({
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'u',
  role: 'commander',
  county: null,
  enterpriseCode: null,
  team: null,
  ...over,
});

describe('EnterpriseRepository', () => {
  let db: RepositoryDatabase;
  let repo: EnterpriseRepository;
  let tasks: InspectionTaskRepository;
  let access: AccessPolicy;
  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new EnterpriseRepository(db.dataSource);
    tasks = new InspectionTaskRepository(db.dataSource);
    access = new AccessPolicy(tasks);
    await db.dataSource.transaction((m) =>
      repo.upsert(m, [sampleEnterprise(1), sampleEnterprise(2, { county: '博爱县', contacts: [], webhookUrl: null }), sampleEnterprise(3, { county: '博爱县', name: '博爱百分之百%化工' })]),
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  /** The codes of one page of the list under a principal's access scope. */
  async function listed(p: Principal, filter: Partial<Parameters<EnterpriseRepository['page']>[0]> = {}): Promise<{ codes: string[]; total: number }> {
    const params: unknown[] = [];
    const sql = await access.sql(access.scope(p), { code: 'e.code', county: 'e.county' }, params);
    const { rows, total } = await repo.page({ page: 1, pageSize: 50, ...filter, scope: { sql, params } });
    return { codes: rows.map((r) => r.code), total };
  }

  it('writes whole enterprises and reads them back with lines and contacts in order; a rewrite raises the version', async () => {
    const before = (await repo.load([codeFor(1)])).get(codeFor(1))!;
    expect(before.version).toBe(1);
    expect(before.lines.map((l) => l.code)).toEqual(['L1', 'L2']);
    expect(before.contacts.map((c) => c.email)).toEqual(['env1@example.com']);
    await db.dataSource.transaction((m) => repo.upsert(m, [sampleEnterprise(1, { lines: [sampleEnterprise(1).lines[1]] })]));
    const after = (await repo.load([codeFor(1)])).get(codeFor(1))!;
    expect(after.version).toBe(2);
    expect(after.lines.map((l) => l.code)).toEqual(['L2']);
    expect((await repo.lines([codeFor(1), codeFor(2)])).map((l) => `${l.enterpriseCode}/${l.code}`)).toEqual([`${codeFor(1)}/L2`, `${codeFor(2)}/L1`, `${codeFor(2)}/L2`]);
  });

  it('lists what each scope may see: the city all, a county its own, an enterprise itself, a team the enterprises of its tasks', async () => {
    expect(await listed(principal({ role: 'commander' }))).toEqual({ codes: [codeFor(1), codeFor(2), codeFor(3)], total: 3 });
    expect((await listed(principal({ role: 'county_officer', county: '博爱县' }))).codes).toEqual([codeFor(2), codeFor(3)]);
    expect((await listed(principal({ role: 'enterprise', enterpriseCode: codeFor(3) }))).codes).toEqual([codeFor(3)]);
    expect((await listed(principal({ role: 'inspector', team: 'T1' }))).codes).toEqual([]);
    await db.dataSource.transaction((m) => tasks.insertTargeted(m, { enterpriseCode: codeFor(2), county: '博爱县', team: 'T1', reason: '复查', createdBy: 'chief' }));
    expect((await listed(principal({ role: 'inspector', team: 'T1' }))).codes).toEqual([codeFor(2)]);
    expect((await listed(principal({ role: 'inspector', team: 'T2' }))).codes).toEqual([]);
    // An account missing its binding sees nothing.
    expect((await listed(principal({ role: 'county_officer', county: null }))).codes).toEqual([]);
  });

  it('filters by reachability, by text (LIKE characters taken literally) and hides the inactive unless asked', async () => {
    expect((await listed(principal({}), { reachable: false })).codes).toEqual([codeFor(2)]);
    expect((await listed(principal({}), { text: '百%' })).codes).toEqual([codeFor(3)]);
    expect((await listed(principal({}), { text: '%' })).codes).toEqual([codeFor(3)]);
    await db.dataSource.transaction(async (m) => {
      const row = await repo.lockRow(m, codeFor(3));
      await repo.setActive(m, codeFor(3), false, row!.version + 1);
    });
    expect((await listed(principal({}))).codes).toEqual([codeFor(1), codeFor(2)]);
    expect((await listed(principal({}), { includeInactive: true })).total).toBe(3);
    expect(await repo.refs([codeFor(3), 'NOPE'])).toEqual([{ code: codeFor(3), name: '博爱百分之百%化工', county: '博爱县', active: false }]);
  });

  it('stores reachability with the row through both writes (upsert and COPY), as the contacts and webhook define it, and follows a change', async () => {
    // The definition the column replaces (migration 1796600014900), evaluated over the stored rows.
    const disagreeing = async () =>
      db.dataSource.query(
        `SELECT code FROM enterprises e WHERE reachable IS DISTINCT FROM (e.webhook_url IS NOT NULL OR EXISTS (
           SELECT 1 FROM contacts c WHERE c.enterprise_code = e.code AND c.email IS NOT NULL AND c.email <> '' AND 'email' = ANY(c.channels)))`,
      );
    const smsOnly = [{ name: '王五', role: 'env_officer', email: 'w@example.com', phone: null, mobile: '13812345679', channels: ['sms' as const] }];
    await db.dataSource.transaction((m) =>
      repo.insertNew(m, [
        sampleEnterprise(20, { county: '孟州市', code: codeFor(20), contacts: smsOnly, webhookUrl: null }),
        sampleEnterprise(21, { county: '孟州市', code: codeFor(21), contacts: [], webhookUrl: 'https://example.com/hook' }),
        sampleEnterprise(22, { county: '孟州市', code: codeFor(22) }),
      ]),
    );
    expect(await disagreeing()).toEqual([]);
    const reachable = async () => (await listed(principal({}), { county: '孟州市', reachable: true })).codes;
    expect(await reachable()).toEqual([codeFor(21), codeFor(22)]);
    await db.dataSource.transaction((m) =>
      repo.upsert(m, [sampleEnterprise(20, { county: '孟州市', code: codeFor(20) }), sampleEnterprise(21, { county: '孟州市', code: codeFor(21), contacts: smsOnly })]),
    );
    expect(await disagreeing()).toEqual([]);
    expect(await reachable()).toEqual([codeFor(20), codeFor(22)]);
    expect((await listed(principal({}), { reachable: false })).total).toBe((await listed(principal({}))).total - (await listed(principal({}), { reachable: true })).total);
  });

  it("keeps contacts' mobile and accepted channels through every read path; a contact not accepting e-mail does not make the enterprise reachable", async () => {
    const code = codeFor(8);
    const contacts = [
      { name: '张三', role: 'env_officer', email: 'z@example.com', phone: null, mobile: '13812345678', channels: ['sms' as const] },
      { name: '李四', role: 'legal_rep', email: null, phone: '0391-1234567', mobile: null, channels: ['phone' as const] },
    ];
    await db.dataSource.transaction((m) => repo.upsert(m, [sampleEnterprise(8, { county: '温县', code, contacts, webhookUrl: null })]));
    expect(entityToEnterprise((await repo.load([code])).get(code)!).contacts).toEqual(contacts);
    expect((await repo.activeOf(['温县'])).find((e) => e.code === code)!.contacts).toEqual(contacts);
    expect((await listed(principal({}), { reachable: false })).codes).toContain(code);
    await expect(db.dataSource.query(`UPDATE contacts SET mobile = '12345678901' WHERE enterprise_code = $1`, [code])).rejects.toThrow(/CHK_contacts_mobile/);
    await expect(db.dataSource.query(`UPDATE contacts SET channels = '{fax}' WHERE enterprise_code = $1`, [code])).rejects.toThrow(/CHK_contacts_channels/);
    await db.dataSource.transaction(async (m) => {
      const row = await repo.lockRow(m, code);
      await repo.setActive(m, code, false, row!.version + 1);
    });
  });

  it('answers the active enterprises of counties as plain registry objects', async () => {
    const active = await repo.activeOf(['博爱县', '修武县']);
    expect(active.map((e) => e.code)).toEqual([codeFor(1), codeFor(2)]);
    expect(active[1].lines.map((l) => l.code)).toEqual(['L1', 'L2']);
    expect(await repo.exists(codeFor(2))).toBe(true);
    expect(await repo.exists(codeFor(99))).toBe(false);
    expect((await repo.first())?.code).toBe(codeFor(1));
  });

  it("round-trips a line's emission inventory through load and activeOf; a line without figures reads null", async () => {
    const figures: LineEmissions = { kgPerHour: { so2: 16.25, nox: 43.5, pm: 0, vocs: 1.125 }, source: 'monitoring', year: 2025 };
    const [l1, l2] = sampleEnterprise(4).lines;
    await db.dataSource.transaction((m) =>
      repo.upsert(m, [
        sampleEnterprise(4, {
          county: '武陟县',
          lines: [
            { ...l1!, emissions: figures },
            { ...l2!, emissions: null },
          ],
        }),
      ]),
    );
    const loaded = entityToEnterprise((await repo.load([codeFor(4)])).get(codeFor(4))!);
    expect(loaded.lines.map((l) => l.emissions)).toEqual([figures, null]);
    const active = (await repo.activeOf(['武陟县'])).find((e) => e.code === codeFor(4))!;
    expect(active.lines.map((l) => l.emissions)).toEqual([figures, null]);
    // A rewrite replaces the figures.
    const changed: LineEmissions = { ...figures, kgPerHour: { ...figures.kgPerHour, so2: 3 }, source: 'permit' };
    await db.dataSource.transaction((m) => repo.upsert(m, [sampleEnterprise(4, { county: '武陟县', lines: [{ ...l1!, emissions: changed }] })]));
    expect(entityToEnterprise((await repo.load([codeFor(4)])).get(codeFor(4))!).lines.map((l) => l.emissions)).toEqual([changed]);
  });

  it('refuses in the database a partial, negative or unknown-source emission record', async () => {
    const update = (set: string) => db.dataSource.query(`UPDATE production_lines SET ${set} WHERE enterprise_code = $1 AND code = 'L1'`, [codeFor(4)]);
    await expect(update('so2_kg_per_hour = NULL')).rejects.toThrow(/CHK_production_lines_emissions_complete/);
    await expect(update('nox_kg_per_hour = -1')).rejects.toThrow(/CHK_production_lines_emissions_non_negative/);
    await expect(update("emission_source = 'guess'")).rejects.toThrow(/CHK_production_lines_emission_source/);
    await update('so2_kg_per_hour = NULL, nox_kg_per_hour = NULL, pm_kg_per_hour = NULL, vocs_kg_per_hour = NULL, emission_source = NULL, emission_year = NULL');
    expect(entityToEnterprise((await repo.load([codeFor(4)])).get(codeFor(4))!).lines[0]!.emissions).toBeNull();
  });

  // Last: it adds enterprises the list tests above do not expect.
  it('keeps the grade with its date and authority through every read path (raw rows, entities, the active list)', async () => {
    const graded = sampleEnterprise(6, { county: '温县', grade: '引领性', gradedOn: '2026-01-31', gradingAuthority: '河南省生态环境厅' });
    await db.dataSource.transaction((m) => repo.upsert(m, [graded, sampleEnterprise(7, { county: '温县' })]));
    const raw = (await repo.load([graded.code])).get(graded.code)!;
    expect([raw.grade, raw.gradedOn, raw.gradingAuthority]).toEqual(['引领性', '2026-01-31', '河南省生态环境厅']);
    const active = await repo.activeOf(['温县']);
    expect(active.map((e) => [e.code, e.grade, e.gradedOn, e.gradingAuthority])).toEqual([
      [graded.code, '引领性', '2026-01-31', '河南省生态环境厅'],
      [codeFor(7), null, null, null],
    ]);
    const { rows } = await repo.page({ page: 1, pageSize: 50, county: '温县', grade: '引领性', scope: { sql: 'true', params: [] } });
    expect(rows.map((r) => [r.code, r.gradedOn, r.gradingAuthority])).toEqual([[graded.code, '2026-01-31', '河南省生态环境厅']]);
  });
});
