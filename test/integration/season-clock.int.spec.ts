import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeasonClockService } from '../../src/seasons/season-clock.service.js';
import { createApp } from '../../src/app/app.factory.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { loadDomainConfig } from '../../src/config/domain-config.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import type { INestApplication } from '@nestjs/common';

/** Two app instances over one database, as after a restart or with two replicas. */
async function instance(db: TestDatabase): Promise<INestApplication> {
  const config = loadAppConfig({ DATABASE_URL: db.url, HAZEOPS_SECRET: 's'.repeat(40), HAZEOPS_SCHEDULER: 'false', HAZEOPS_DEMO: 'false', LOG_LEVEL: 'error' });
  const app = await createApp(config, loadDomainConfig(), db.url);
  await app.init();
  return app;
}

describe('season clock: persisted machine snapshots (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let first: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await instance(db);
    ds = first.get(getDataSourceToken());
  });
  afterAll(async () => {
    await first.close();
    await db.drop();
  });

  it('records the kiln full stop once, at local midnight Nov 1, and nothing twice', async () => {
    const clock = first.get(SeasonClockService);
    const before = await clock.tick(new Date('2026-10-31T15:59:00Z'));
    expect(before.changes).toEqual([]);
    const at = await clock.tick(new Date('2026-10-31T16:00:05Z'));
    expect(at.changes.map((c) => [c.group, c.from, c.to, c.effectiveAt])).toEqual([['kiln', 'before', 'full_stop', '2026-11-01T00:00:00+08:00']]);
    const again = await clock.tick(new Date('2026-10-31T16:00:10Z'));
    expect(again.changes).toEqual([]);
    const rows = await ds.query(`SELECT group_key, to_phase FROM season_phase_changes`);
    expect(rows).toEqual([{ group_key: 'kiln', to_phase: 'full_stop' }]);
  });

  it('after a restart and a missed month, a boot-time tick catches every phase up from the stored snapshots', async () => {
    await first.close();
    first = await instance(db); // a new process: machines come only from the database
    ds = first.get(getDataSourceToken());
    const clock = first.get(SeasonClockService);
    const caught = await clock.tick(new Date('2026-12-20T01:00:00Z'));
    const got = caught.changes.map((c) => `${c.group}:${c.from}->${c.to}@${c.effectiveAt}`).sort();
    expect(got).toEqual(
      [
        'alumina:before->limit@2026-11-15T00:00:00+08:00',
        'electrolytic_aluminium:before->limit@2026-11-15T00:00:00+08:00',
        'non_sintered:before->limit@2026-11-15T00:00:00+08:00',
        'pharma_pesticide:before->full_stop@2026-11-15T00:00:00+08:00',
        'sintered_brick:before->full_stop@2026-11-15T00:00:00+08:00',
        'steel_sintered:before->limit@2026-11-15T00:00:00+08:00',
      ].sort(),
    );
    // observed late, effective on time
    expect(caught.changes.every((c) => c.observedAt === '2026-12-20T01:00:00.000Z')).toBe(true);
    const state = await clock.state('2026-2027');
    expect(state.find((s) => s.group === 'kiln')?.phase).toBe('full_stop');
    expect(state.find((s) => s.group === 'sintered_brick')?.phase).toBe('full_stop');
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM season_phase_changes');
    expect(n).toBe(7);
  });

  it('two instances ticking at once: one runs, the other skips, no change is recorded twice', async () => {
    const second = await instance(db);
    try {
      const [a, b] = await Promise.all([first.get(SeasonClockService).tick(new Date('2027-02-01T00:00:01+08:00')), second.get(SeasonClockService).tick(new Date('2027-02-01T00:00:02+08:00'))]);
      const ran = [a, b].filter((r) => r.ran);
      expect(ran.length).toBeGreaterThanOrEqual(1);
      const all = [...a.changes, ...b.changes].map((c) => `${c.group}:${c.to}`);
      expect(all).toEqual(['kiln:limit']);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM season_phase_changes WHERE to_phase = 'limit' AND group_key = 'kiln'`);
      expect(n).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('stores the xstate snapshot with its machine version in jsonb', async () => {
    const [row] = await ds.query(`SELECT machine_version, snapshot, phase FROM season_calendar_state WHERE group_key = 'kiln'`);
    expect(row.machine_version).toBe(1);
    expect(row.phase).toBe('limit');
    expect(row.snapshot).toMatchObject({ status: 'active', value: 'limit', context: { phase: 'limit', group: 'kiln' } });
  });
});
