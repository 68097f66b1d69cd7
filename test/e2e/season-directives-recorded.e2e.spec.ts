import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { DirectiveJobsService } from '../../src/directives/directive-jobs.service.js';
import { SeasonClockService } from '../../src/seasons/season-clock.service.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const kiln = sampleEnterprise(611); // cement in 修武县: group kiln
const brick = sampleEnterprise(612, { county: '温县', industry: 'brick_tile', process: 'sintered', fuel: null, measures: {} });

const seasonKeys = async (ds: DataSource): Promise<string[]> =>
  (await ds.query(`SELECT season_key FROM directives WHERE kind = 'season' ORDER BY season_key`)).map((r: { season_key: string }) => r.season_key);

describe('season directives are driven by the phase changes the season machine recorded', () => {
  let db: TestDatabase;
  let t: TestApp;
  let ds: DataSource;
  let jobs: DirectiveJobsService;
  // Within the 7-day lead of the kiln full stop (Nov 1), outside that of Nov 15.
  const clock = new ControllableClock(new Date('2026-10-26T00:10:00+08:00'));

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp({}, { clock, db });
    ds = t.app.get(getDataSourceToken());
    jobs = t.app.get(DirectiveJobsService);
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', await t.adminToken())
      .send({ enterprises: [kiln, brick] })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('no recorded phase change, no season directive: the configured dates alone direct nothing', async () => {
    expect(await jobs.directRecordedPhaseChanges()).toEqual([]);
    expect(await seasonKeys(ds)).toEqual([]);
  });

  it('the clock records the kiln full stop ahead; that record yields exactly one directive, from its effective instant', async () => {
    const tick = await t.app.get(SeasonClockService).tick(clock.now());
    expect(tick.changes).toEqual([]);
    expect(tick.ahead.map((c) => [c.group, c.from, c.to, c.effectiveAt])).toEqual([['kiln', 'before', 'full_stop', '2026-11-01T00:00:00+08:00']]);
    const [row] = await ds.query(`SELECT effective_at, observed_at FROM season_phase_changes WHERE group_key = 'kiln'`);
    expect(row.observed_at).toBeNull();
    const first = await jobs.directRecordedPhaseChanges();
    expect(first.map((d) => [d.kind, d.startsAt, d.summary.totals.orders])).toEqual([['season', new Date(row.effective_at).toISOString(), 1]]);
    // Again, and twice at once: the boundary stays directed once.
    expect(await jobs.directRecordedPhaseChanges()).toEqual([]);
    const both = await Promise.all([jobs.directRecordedPhaseChanges(), jobs.directRecordedPhaseChanges()]);
    expect(both.flat()).toEqual([]);
    expect(await seasonKeys(ds)).toEqual(['2026-2027/kiln/full_stop']);
  });

  it('a tick that changes nothing writes nothing', async () => {
    const [before] = await ds.query(`SELECT updated_at, version FROM season_calendar_state WHERE group_key = 'kiln'`);
    clock.set('2026-10-27T00:00:05+08:00');
    const tick = await t.app.get(SeasonClockService).tick(clock.now());
    expect(tick).toMatchObject({ ran: true, changes: [], ahead: [] });
    const [after] = await ds.query(`SELECT updated_at, version FROM season_calendar_state WHERE group_key = 'kiln'`);
    expect(after).toEqual(before);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM season_phase_changes');
    expect(n).toBe(1);
  });

  it('the record decides, not the calendar: a recorded change is directed at the instant it records', async () => {
    // Recorded by hand, 19 days ahead (beyond the lead): the job directs what is recorded, as recorded.
    await ds.query(
      `INSERT INTO season_phase_changes (season, group_key, from_phase, to_phase, effective_at, observed_at) VALUES ('2026-2027', 'sintered_brick', 'before', 'full_stop', '2026-11-15T00:00:00+08:00', NULL)`,
    );
    const [d] = await jobs.directRecordedPhaseChanges();
    expect(d).toMatchObject({ kind: 'season', startsAt: '2026-11-14T16:00:00.000Z' });
    expect(d.summary.totals.orders).toBe(1);
    const [v] = await ds.query(`SELECT v.enterprise_code, v.effective_from FROM order_versions v JOIN directives d ON d.id = v.directive_id WHERE d.season_key = '2026-2027/sintered_brick/full_stop'`);
    expect(v.enterprise_code).toBe(brick.code);
    expect(new Date(v.effective_from).toISOString()).toBe('2026-11-14T16:00:00.000Z');
  });

  it('after downtime a restarted instance catches up at boot: the clock records what it missed and each change is directed once', async () => {
    await t.close();
    clock.set('2027-01-28T09:00:00+08:00'); // past Nov 15, within the lead of the kiln limit (Feb 1)
    t = await startTestApp({ HAZEOPS_SCHEDULER: 'true' }, { clock, db });
    ds = t.app.get(getDataSourceToken());
    jobs = t.app.get(DirectiveJobsService);
    const keys = await seasonKeys(ds);
    expect(keys).toEqual([...new Set(keys)]);
    expect(keys).toContain('2026-2027/kiln/limit');
    expect(keys).toContain('2026-2027/steel_sintered/limit');
    expect(keys).not.toContain('2026-2027/kiln/end'); // Mar 16 is beyond the lead
    const entered = await ds.query(`SELECT group_key, to_phase, observed_at FROM season_phase_changes WHERE observed_at IS NOT NULL ORDER BY group_key`);
    expect(entered.map((r: { group_key: string }) => r.group_key)).toContain('kiln');
    const [limit] = await ds.query(`SELECT phase, effective_from FROM order_versions WHERE enterprise_code = $1 ORDER BY effective_from DESC LIMIT 1`, [kiln.code]);
    expect(limit.phase).toBe('limit');
    expect(new Date(limit.effective_from).toISOString()).toBe('2027-01-31T16:00:00.000Z');
    expect(await jobs.issueSeasonDirectives()).toEqual([]);
  });
});
