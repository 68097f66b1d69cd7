import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../src/config/city-config.js';
import { drawInspections } from '../../src/rules/inspection/double-random-draw.js';
import { ControllableClock } from '../../src/common/clock.js';
import { seedRegistry } from './support/seed-registry.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ownerQuery } from '../support/test-database.js';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);

describe(`a draw of 500 and the daily report over ${N} enterprises under orders`, () => {
  let t: TestApp;
  let admin: string;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const ds = t.app.get<DataSource>(getDataSourceToken());
    await seedRegistry(ds, N, 5, t.db.url);
    admin = await t.adminToken();
    const res = await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', endsAt: null, basis: '全市橙色预警（基准测试）' });
    expect(res.status).toBe(200);
    for (const [i, c] of loadCityConfig().counties.entries()) {
      await t.http
        .post('/api/v1/teams')
        .set('Authorization', admin)
        .send({ key: `team-${i}`, name: `${c.name}督导组`, homeCounty: c.name })
        .expect(201);
    }
    await ownerQuery(t.db.url, 'ANALYZE');
  });
  afterAll(() => t.close());

  it('prints the time of each', async () => {
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'open'`);

    const d0 = performance.now();
    const draw = await t.http.post('/api/v1/draws').set('Authorization', admin).send({ size: 500, seed: 'bench' });
    const drawMs = performance.now() - d0;
    expect(draw.status).toBe(201);
    expect(draw.body.list).toHaveLength(500);

    // Baseline of the same run: the pure draw alone over the same candidates.
    const candidates: Array<{ code: string; county: string }> = await ds.query(`SELECT enterprise_code AS code, county FROM orders WHERE status = 'open'`);
    const teams = loadCityConfig().counties.map((c, i) => ({ key: `team-${i}`, homeCounty: c.name }));
    const p0 = performance.now();
    drawInspections({ seed: 'bench', size: 500, candidates, teams });
    const pureMs = performance.now() - p0;

    const r0 = performance.now();
    const report = await t.http.get('/api/v1/reports/daily?date=2026-12-10').set('Authorization', admin);
    const reportMs = performance.now() - r0;
    expect(report.status).toBe(200);
    expect(report.body.totals.orders).toBe(n);

    const c0 = performance.now();
    const csv = await t.http.get('/api/v1/reports/daily?date=2026-12-10&format=csv').set('Authorization', admin);
    const csvMs = performance.now() - c0;
    expect(csv.status).toBe(200);

    console.log(
      [
        `inspection over ${N} enterprises, ${n} open orders:`,
        `  POST /api/v1/draws (500, stored with its inputs)   ${drawMs.toFixed(0).padStart(6)} ms   (the pure draw alone: ${pureMs.toFixed(0)} ms)`,
        `  GET /api/v1/reports/daily (JSON)                   ${reportMs.toFixed(0).padStart(6)} ms`,
        `  GET /api/v1/reports/daily (CSV)                    ${csvMs.toFixed(0).padStart(6)} ms`,
      ].join('\n'),
    );
  });
});
