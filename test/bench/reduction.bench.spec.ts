import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { seedRegistry } from './support/seed-registry.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const RUNS = 5;

/**
 * Before issue 14's fix (the registry reloaded per request, the accounting run three times,
 * the versions' whole \`lines\` parsed), at 100,000 enterprises, in ms.
 * QUIET: measured on 2026-12-03 on a quiet 2-core machine by console-api (the daily report took 11.5–13 s; its mid-point
 * here; the tables were not analysed then); the reduction route was not measured quietly (— below).
 * LOADED: measured by this bench on 2026-12-03 on main before the fix, at load average 2–4.5 (other benchmarks running beside it).
 */
const BEFORE_100K = {
  quiet: { progress: 14, city: null, county: null, report: 12_250, reportCounty: null },
  loaded: { progress: 3, city: 6_533, county: 681, report: 7_590, reportCounty: 695 },
} as const;
type Figure = Exclude<keyof (typeof BEFORE_100K)['quiet'], 'progress'>;

/** Median of `RUNS` sequential calls, in ms. */
async function median(call: () => Promise<{ status: number }>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await call();
    ms.push(performance.now() - t0);
    expect(res.status).toBe(200);
  }
  ms.sort((a, b) => a - b);
  return ms[RUNS >> 1]!;
}

describe(`reduction accounting of an issued city-wide orange directive over ${N} enterprises`, () => {
  let t: TestApp;
  let admin: string;
  let county: string;
  let directiveId: string;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const ds = t.app.get<DataSource>(getDataSourceToken());
    await seedRegistry(ds, N, 5, t.db.url);
    admin = await t.adminToken();
    const res = await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', endsAt: null, basis: '全市橙色预警（基准测试）' });
    expect(res.status).toBe(200);
    directiveId = res.body.id;
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'county-xw', password: 'county-pass-1', role: 'county_officer', county: '修武县' }).expect(201);
    county = await t.login('county-xw', 'county-pass-1');
    clock.set('2026-12-10T12:00:00+08:00');
    await ds.query('ANALYZE');
  });
  afterAll(() => t?.close());

  it('prints the time of the reduction route and the daily report beside the directive progress of the same run', async () => {
    const get =
      (url: string, auth = admin) =>
      () =>
        t.http.get(url).set('Authorization', auth);
    const progress = await median(get(`/api/v1/directives/${directiveId}/progress`));
    const city = await median(get(`/api/v1/directives/${directiveId}/reduction`));
    const one = await median(get(`/api/v1/directives/${directiveId}/reduction`, county));
    const report = await median(get('/api/v1/reports/daily?date=2026-12-10'));
    const reportCounty = await median(get('/api/v1/reports/daily?date=2026-12-10', county));
    const ms = (x: number | null) => (x === null ? '     —' : x.toFixed(0).padStart(6));
    // The before figures are of 100,000 enterprises: beside another size they would mislead.
    const before = (f: Figure) => (N === 100_000 ? `   before: ${ms(BEFORE_100K.quiet[f])} ms quiet, ${ms(BEFORE_100K.loaded[f])} ms loaded` : '');
    const r = (x: number, f: Figure) => `${ms(x)} ms = ${(x / progress).toFixed(1).padStart(6)}× progress${before(f)}`;
    console.info(
      [
        `reduction accounting, ${N} enterprises under a city-wide orange directive (median of ${RUNS}; load average now ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}):`,
        `  GET /directives/:id/progress (baseline)          ${ms(progress)} ms${N === 100_000 ? ` ${' '.repeat(19)}before: ${ms(BEFORE_100K.quiet.progress)} ms quiet, ${ms(BEFORE_100K.loaded.progress)} ms loaded` : ''}`,
        `  GET /directives/:id/reduction (city)             ${r(city, 'city')}`,
        `  GET /directives/:id/reduction (county officer)   ${r(one, 'county')}`,
        `  GET /reports/daily (city, with reduction)        ${r(report, 'report')}`,
        `  GET /reports/daily (county officer)              ${r(reportCounty, 'reportCounty')}`,
        ...(N === 100_000 ? ['  (before: measured on 2026-12-03 before the fix of issue 14; quiet = a quiet 2-core machine, loaded = this bench at load average 2–4.5)'] : []),
      ].join('\n'),
    );
  });
});
