import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const limit = (line: string, maxLoadPercent: number) => ({ line, action: 'limit' as const, maxLoadPercent });
// Orange stops L1; red stops both lines. A name that would run as a formula in Excel.
const plants = Array.from({ length: 6 }, (_, i) =>
  sampleEnterprise(1300 + i, {
    code: codeFor(1300 + i),
    name: i === 0 ? '=HYPERLINK("http://x")焦化' : `焦作测试${1300 + i}号焦化有限公司`,
    county: i < 4 ? '修武县' : '博爱县',
    industry: 'coking',
    fuel: null,
    measures: { orange: [stop('L1'), limit('L2', 60)], red: [stop('L1'), stop('L2')] },
  }),
);

describe('a dry run you can review: per-line changes, paged and as CSV (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let ds: DataSource;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const red = { action: 'adjust', level: 'red', counties: ['修武县', '博爱县'], startsAt: '2026-12-10T20:00:00+08:00', endsAt: null, basis: '升级红色', dryRun: true };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await t.adminToken();
    ds = t.app.get(getDataSourceToken());
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: plants }).expect(200);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县', '博爱县'], endsAt: null, basis: '橙色预警' })
      .expect(200);
  });
  afterAll(() => t.close());

  it('lists every line whose requirement would change, before → after with the reason, paged; writes nothing', async () => {
    const [{ n: versionsBefore }] = await ds.query('SELECT count(*)::int AS n FROM order_versions');
    const res = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ ...red, changesPageSize: 4 })
      .expect(200);
    expect(res.body.dryRun).toBe(true);
    // Only L2 changes (limit 60 % → stop) for each of the six plants.
    expect(res.body.changes).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(res.body.changes.items).toHaveLength(4);
    const first = res.body.changes.items[0];
    expect(first).toMatchObject({
      county: '修武县',
      enterpriseCode: plants[0].code,
      enterpriseName: plants[0].name,
      lineCode: 'L2',
      lineName: '2500t/d 熟料线',
      before: { action: 'limit', maxLoadPercent: 60 },
      after: { action: 'stop', maxLoadPercent: null },
    });
    expect(first.reasons.length).toBeGreaterThan(0);
    expect(first.reasons[0]).toMatchObject({ clause: '41' });
    const second = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ ...red, changesPage: 2, changesPageSize: 4 })
      .expect(200);
    expect(second.body.changes.items.map((c: { county: string }) => c.county)).toEqual(['博爱县', '博爱县']);
    const [{ n: versionsAfter }] = await ds.query('SELECT count(*)::int AS n FROM order_versions');
    expect(versionsAfter).toBe(versionsBefore);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ ...red, changesPageSize: 501 })
      .expect(400);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ ...red, changesPage: 0 })
      .expect(400);
    // A lift lists both lines of every plant going back to normal production.
    const lift = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'lift', counties: ['博爱县'], basis: '解除', dryRun: true })
      .expect(200);
    expect(lift.body.changes.items.map((c: { lineCode: string; after: { action: string } }) => [c.lineCode, c.after.action])).toEqual([
      ['L1', 'run'],
      ['L2', 'run'],
      ['L1', 'run'],
      ['L2', 'run'],
    ]);
    expect(lift.body.changes.items[0].reasons).toEqual([{ rule: 'directive_basis', clause: '', text: '解除' }]);
  });

  it('answers the full list as CSV with Chinese headers, local times and formula-safe cells', async () => {
    const res = await t.http
      .post('/api/v1/directives/dry-run/changes.csv')
      .set('Authorization', admin)
      .send({ ...red, dryRun: false })
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('县区,统一社会信用代码,企业名称,生产线代码,生产线名称,调整前要求,调整前最大负荷(%),调整后要求,调整后最大负荷(%),生效时间,依据');
    expect(lines[1]).toContain(`修武县,${plants[0].code},"'=HYPERLINK(""http://x"")焦化",L2,2500t/d 熟料线,限产（负荷≤60%）,60,停产,,2026年12月10日 20:00,`);
    // Nothing was issued even though the body said dryRun: false.
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM directives WHERE level = 'red'`);
    expect(n).toBe(0);
    const unknown = await t.http
      .post('/api/v1/directives/dry-run/changes.csv')
      .set('Authorization', admin)
      .send({ ...red, counties: ['某某县'] })
      .expect(422);
    expect(unknown.headers['content-type']).toContain('application/json');
    expect(unknown.body.error.message).toContain('某某县');
  });
});
