import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountyLevelsRepository } from '../../../src/directives/county-levels.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

describe('CountyLevelsRepository (real PostgreSQL, no app)', () => {
  let db: RepositoryDatabase;
  let repo: CountyLevelsRepository;

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new CountyLevelsRepository(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('seeds the missing counties only: a stored machine is never reset', async () => {
    await repo.seed([{ county: '修武县', snapshot: { value: 'none' } }], 1);
    await db.dataSource.transaction((m) => repo.save(m, [{ county: '修武县', snapshot: { value: 'active' }, state: 'active', level: 'blue', endsAt: '2026-11-20T20:00:00+08:00' }]));
    await repo.seed(
      [
        { county: '修武县', snapshot: { value: 'none' } },
        { county: '温县', snapshot: { value: 'none' } },
      ],
      1,
    );
    const all = await repo.all<{ value: string }>();
    expect(all).toEqual([
      { county: '修武县', snapshot: { value: 'active' } },
      { county: '温县', snapshot: { value: 'none' } },
    ]);
  });

  it('lists the active levels whose stated end has come, oldest end first', async () => {
    await db.dataSource.transaction((m) => repo.save(m, [{ county: '温县', snapshot: { value: 'active' }, state: 'active', level: 'yellow', endsAt: '2026-11-20T12:00:00+08:00' }]));
    expect(await repo.endedBy(new Date('2026-11-20T11:59:00+08:00'))).toEqual([]);
    const due = await repo.endedBy(new Date('2026-11-20T20:00:00+08:00'));
    expect(due.map((d) => [d.county, d.level, d.ends_at.toISOString()])).toEqual([
      ['温县', 'yellow', '2026-11-20T04:00:00.000Z'],
      ['修武县', 'blue', '2026-11-20T12:00:00.000Z'],
    ]);
  });

  it('locks without waiting: while one transaction holds a county, another gets null at once', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const first = db.dataSource.transaction(async (m) => {
      const rows = await repo.lockNoWait(m, ['修武县']);
      expect(rows?.map((r) => [r.county, r.machine_version])).toEqual([['修武县', 1]]);
      locked();
      await held;
    });
    await isLocked;
    expect(await db.dataSource.transaction((m) => repo.lockNoWait(m, ['温县', '修武县']))).toBeNull();
    expect((await db.dataSource.transaction((m) => repo.lockNoWait(m, ['温县'])))?.length).toBe(1);
    release();
    await first;
    expect((await db.dataSource.transaction((m) => repo.lockNoWait(m, ['温县', '修武县'])))?.length).toBe(2);
  });
});
