import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeasonClockRepository } from '../../../src/seasons/season-clock.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

describe('SeasonClockRepository (real PostgreSQL, no app)', () => {
  let db: RepositoryDatabase;
  let repo: SeasonClockRepository;

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new SeasonClockRepository(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('stores a machine once, then updates it in place; a group never ticked reads as null', async () => {
    await repo.transaction(async (m) => {
      expect(await repo.lockState(m, '2026-2027', 'kiln')).toBeNull();
      await repo.saveState(
        m,
        { season: '2026-2027', groupKey: 'kiln', machineVersion: 1, snapshot: { value: 'before', context: { n: 1 } }, phase: 'before', clockAt: new Date('2026-10-20T01:00:00Z') },
        false,
      );
    });
    await repo.transaction(async (m) => {
      const stored = await repo.lockState(m, '2026-2027', 'kiln');
      expect(stored).toMatchObject({ machineVersion: 1, phase: 'before', snapshot: { value: 'before', context: { n: 1 } } });
      await repo.saveState(m, { ...stored!, snapshot: { value: 'full_stop' }, phase: 'full_stop', clockAt: new Date('2026-10-31T16:00:05Z') }, true);
    });
    const states = await repo.states('2026-2027');
    expect(states.map((s) => [s.groupKey, s.phase, s.clockAt?.toISOString()])).toEqual([['kiln', 'full_stop', '2026-10-31T16:00:05.000Z']]);
    const [{ version }] = await db.dataSource.query(`SELECT version FROM season_calendar_state WHERE group_key = 'kiln'`);
    expect(version).toBe(2);
    expect(await repo.states('2030-2031')).toEqual([]);
  });

  it('holds the state row for the transaction: a second locker waits until the first commits', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const first = repo.transaction(async (m) => {
      await repo.lockState(m, '2026-2027', 'kiln');
      order.push('first locked');
      locked();
      await held;
      order.push('first done');
    });
    await isLocked;
    const second = repo.transaction(async (m) => {
      await repo.lockState(m, '2026-2027', 'kiln');
      order.push('second locked');
    });
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first locked', 'first done', 'second locked']);
  });

  it('records a change ahead (not observed), once, and marks it observed when the machine enters it', async () => {
    const ahead = { from: 'before', to: 'full_stop', effectiveAt: '2026-11-01T00:00:00+08:00' };
    await repo.transaction((m) => repo.insertChanges(m, '2026-2027', 'kiln', [ahead]));
    await repo.transaction((m) => repo.insertChanges(m, '2026-2027', 'kiln', [{ ...ahead, observedAt: '2026-10-31T16:00:05.000Z' }])); // same boundary: ignored
    let [row] = await repo.transaction((m) => repo.changesOf(m, '2026-2027'));
    expect(row).toMatchObject({ season: '2026-2027', group: 'kiln', from: 'before', to: 'full_stop', observedAt: null });
    expect(row.effectiveAt.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    await repo.transaction((m) => repo.markObserved(m, row.id, '2026-10-31T16:00:05.000Z'));
    [row] = await repo.transaction((m) => repo.changesOf(m, '2026-2027'));
    expect(row.observedAt?.toISOString()).toBe('2026-10-31T16:00:05.000Z');
  });

  it("lists every season's changes, oldest boundary first, and each season's on its own", async () => {
    await repo.transaction(async (m) => {
      await repo.insertChanges(m, '2026-2027', 'sintered_brick', [{ from: 'before', to: 'full_stop', effectiveAt: '2026-11-15T00:00:00+08:00', observedAt: '2026-11-20T00:00:00.000Z' }]);
      await repo.insertChanges(m, '2025-2026', 'kiln', [{ from: 'limit', to: 'after', effectiveAt: '2026-03-16T00:00:00+08:00', observedAt: '2026-03-16T00:00:05.000Z' }]);
    });
    const all = await repo.allChanges();
    expect(all.map((c) => `${c.season}/${c.group}/${c.to}`)).toEqual(['2025-2026/kiln/after', '2026-2027/kiln/full_stop', '2026-2027/sintered_brick/full_stop']);
    const one = await repo.transaction((m) => repo.changesOf(m, '2025-2026'));
    expect(one.map((c) => c.group)).toEqual(['kiln']);
  });
});
