import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectionTaskRepository } from '../../../src/inspections/inspection-task.repository.js';
import { TeamRepository } from '../../../src/inspections/team.repository.js';
import { EnterpriseRepository } from '../../../src/registry/enterprise.repository.js';
import { codeFor, sampleEnterprise } from '../../support/fixtures.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

describe('InspectionTaskRepository and TeamRepository', () => {
  let db: RepositoryDatabase;
  let tasks: InspectionTaskRepository;
  let teams: TeamRepository;
  const all = { sql: 'TRUE', params: [] };
  beforeAll(async () => {
    db = await createRepositoryDatabase();
    tasks = new InspectionTaskRepository(db.dataSource);
    teams = new TeamRepository(db.dataSource);
    await db.dataSource.transaction(async (m) => {
      await new EnterpriseRepository(db.dataSource).upsert(m, [sampleEnterprise(1), sampleEnterprise(2, { county: '博爱县' })]);
      await teams.insert(m, { key: 'T1', name: '一组', homeCounty: '修武县' });
      await teams.insert(m, { key: 'T2', name: '二组', homeCounty: null });
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('tells the access policy which enterprises a team has tasks at', async () => {
    const at = new Date('2026-12-10T02:00:00Z');
    await db.dataSource.transaction((m) =>
      tasks.insertDrawn(
        m,
        '11111111-1111-1111-1111-111111111111',
        [
          { code: codeFor(1), county: '修武县', team: 'T1' },
          { code: codeFor(2), county: '博爱县', team: 'T2' },
        ],
        '双随机',
        'chief',
        at,
      ),
    );
    expect(await tasks.enterpriseCodesOf('T1')).toEqual([codeFor(1)]);
    expect(await tasks.hasTaskAt('T2', codeFor(2))).toBe(true);
    expect(await tasks.hasTaskAt('T2', codeFor(1))).toBe(false);
    expect(await tasks.enterpriseCodesOf('nobody')).toEqual([]);
  });

  it('lists under a scope condition and a status, and answers null (not an error) for a malformed or missing id', async () => {
    const mine = await tasks.list({ sql: 't.team = $1', params: ['T1'] }, null);
    expect(mine.map((t) => [t.enterpriseCode, t.kind, t.status, t.drawId])).toEqual([[codeFor(1), 'random', 'open', '11111111-1111-1111-1111-111111111111']]);
    expect(await tasks.list(all, 'done')).toEqual([]);
    expect(await tasks.get(mine[0].id, { sql: 't.team = $1', params: ['T1'] })).toMatchObject({ id: mine[0].id, county: '修武县' });
    expect(await tasks.get(mine[0].id, { sql: 't.team = $1', params: ['T2'] })).toBeNull();
    expect(await tasks.get('not-a-uuid', all)).toBeNull();
    expect(await tasks.get('00000000-0000-0000-0000-000000000000', all)).toBeNull();
    expect(await db.dataSource.transaction((m) => tasks.lockForFinding(m, 'x'))).toBeNull();
    await db.dataSource.transaction((m) => tasks.markDone(m, mine[0].id));
    expect((await tasks.list(all, 'done')).map((t) => t.id)).toEqual([mine[0].id]);
  });

  it('opens a power task once per dedupe key and gives it to the least busy team allowed in the county', async () => {
    const t = { enterpriseCode: codeFor(2), county: '博爱县', kind: 'power', reason: '用电异常', dedupeKey: `power:${codeFor(2)}:L1:2026-12-10`, createdBy: 'system' };
    // T1 (home county 修武县) may not inspect there; T2 has one open task.
    const team = await db.dataSource.transaction((m) => teams.leastBusyFor(m, '修武县', false));
    expect(team).toBe('T2');
    const first = await db.dataSource.transaction((m) => tasks.insertOnce(m, { ...t, team }));
    expect(first).not.toBeNull();
    expect(await db.dataSource.transaction((m) => tasks.insertOnce(m, { ...t, team }))).toBeNull();
    expect(await tasks.withOpenTask([codeFor(1), codeFor(2)], 'power')).toEqual(new Set([codeFor(2)]));
    // T2 now has two open tasks, T1 none: T1 is the least busy where home-county teams are allowed.
    expect(await db.dataSource.transaction((m) => teams.leastBusyFor(m, '修武县', true))).toBe('T1');
    expect((await teams.all()).map((x) => x.key)).toEqual(['T1', 'T2']);
    expect(await teams.exists('T3')).toBe(false);
  });
});
