import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectivesRepository, type NewDirectiveRow } from '../../../src/directives/directives.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

const row = (over: Partial<NewDirectiveRow>): NewDirectiveRow => ({
  number: 'N',
  kind: 'issue',
  level: 'orange',
  counties: ['修武县'],
  city: false,
  startsAt: new Date('2026-11-20T10:00:00+08:00'),
  endsAt: null,
  basis: '测试',
  seasonKey: null,
  supersedesId: null,
  issuedBy: 'chief',
  totals: { orders: 0 },
  ...over,
});

describe('DirectivesRepository (real PostgreSQL, no app)', () => {
  let db: RepositoryDatabase;
  let repo: DirectivesRepository;

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new DirectivesRepository(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('numbers each year from 1, without gaps, and a rolled-back number is used again', async () => {
    expect(await repo.transaction((m) => repo.nextSequence(m, 2026))).toBe(1);
    expect(await repo.transaction((m) => repo.nextSequence(m, 2026))).toBe(2);
    await expect(
      repo.transaction(async (m) => {
        await repo.nextSequence(m, 2026);
        throw new Error('the directive failed');
      }),
    ).rejects.toThrow('the directive failed');
    expect(await repo.transaction((m) => repo.nextSequence(m, 2026))).toBe(3);
    expect(await repo.transaction((m) => repo.nextSequence(m, 2027))).toBe(1);
  });

  it('inserts a directive and reads its head back; an unknown id is null, not an error', async () => {
    const id = await repo.transaction((m) => repo.insert(m, row({ number: '焦冬防指〔2026〕1号', totals: { orders: 3 } })));
    const head = await repo.head(id);
    expect(head).toMatchObject({ id, number: '焦冬防指〔2026〕1号', kind: 'issue', level: 'orange', counties: ['修武县'], issued_by: 'chief' });
    expect(head!.starts_at.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    expect(await repo.head('00000000-0000-4000-8000-000000000000')).toBeNull();
    const [listed] = await repo.latest(10);
    expect(listed).toMatchObject({ id, number: '焦冬防指〔2026〕1号', city: false, issuedBy: 'chief', summary: { orders: 3 } });
  });

  it('finds the latest level directive over overlapping counties, whatever other kinds came after', async () => {
    const older = await repo.transaction((m) => repo.insert(m, row({ number: 'L-1', counties: ['温县', '孟州市'] })));
    const newer = await repo.transaction((m) => repo.insert(m, row({ number: 'L-2', kind: 'adjust', counties: ['温县'] })));
    await repo.transaction((m) => repo.insert(m, row({ number: 'L-3', kind: 'lift', level: null, counties: ['温县'] })));
    expect(await repo.transaction((m) => repo.latestLevelDirectiveId(m, ['温县']))).toBe(newer);
    expect(await repo.transaction((m) => repo.latestLevelDirectiveId(m, ['孟州市']))).toBe(older);
    expect(await repo.transaction((m) => repo.latestLevelDirectiveId(m, ['沁阳市']))).toBeNull();
  });

  it('a season key is directed once: the second insert is a unique violation; directedSeasonKeys says which exist', async () => {
    const key = '2026-2027/kiln/full_stop';
    await repo.transaction((m) => repo.insert(m, row({ number: 'S-1', kind: 'season', level: null, seasonKey: key, city: true })));
    await expect(repo.transaction((m) => repo.insert(m, row({ number: 'S-2', kind: 'season', level: null, seasonKey: key, city: true })))).rejects.toMatchObject({ code: '23505' });
    expect([...(await repo.directedSeasonKeys([key, '2026-2027/kiln/limit']))]).toEqual([key]);
    expect((await repo.directedSeasonKeys([])).size).toBe(0);
  });
});
