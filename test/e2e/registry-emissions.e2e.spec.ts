import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import type { Enterprise, LineEmissions } from '../../src/rules/enterprise.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = '2026-11-20T02:00:00Z';
const CURRENT_YEAR = 2026;

function withFigures(n: number, figures: Array<LineEmissions | null>): Enterprise {
  const e = sampleEnterprise(n);
  return { ...e, lines: e.lines.map((l, i) => ({ ...l, emissions: figures[i] ?? null })) };
}

describe("registry API: a line's emission inventory (HTTP, real PostgreSQL)", () => {
  let t: TestApp;
  let admin: string;
  const figures: LineEmissions = { kgPerHour: { so2: 15.75, nox: 42, pm: 10.5, vocs: 1.25 }, source: 'permit', year: CURRENT_YEAR - 1 };

  beforeAll(async () => {
    t = await startTestApp({}, { clock: new ControllableClock(new Date(NOW)) });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('creates an enterprise with figures on one line, reads them back (null where absent) in get and list, and updates them', async () => {
    const e = withFigures(41, [figures, null]);
    const created = await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(e).expect(201);
    expect(created.body.lines.map((l: { emissions: unknown }) => l.emissions)).toEqual([figures, null]);
    const got = await t.http.get(`/api/v1/enterprises/${e.code}`).set('Authorization', admin).expect(200);
    expect(got.body.lines.map((l: { emissions: unknown }) => l.emissions)).toEqual([figures, null]);
    const list = await t.http.get('/api/v1/enterprises').query({ text: e.code }).set('Authorization', admin).expect(200);
    expect(list.body.items.map((i: Enterprise) => i.lines.map((l) => l.emissions))).toEqual([[figures, null]]);

    const changed: LineEmissions = { kgPerHour: { so2: 0, nox: 12, pm: 3, vocs: 0.5 }, source: 'monitoring', year: CURRENT_YEAR };
    const updated = await t.http
      .put(`/api/v1/enterprises/${e.code}`)
      .set('Authorization', admin)
      .send({ ...withFigures(41, [null, changed]), version: 1 })
      .expect(200);
    expect(updated.body.lines.map((l: { emissions: unknown }) => l.emissions)).toEqual([null, changed]);
  });

  it('answers 422 naming the field for a negative rate, a missing pollutant, an unknown source and a year after this one; writes nothing', async () => {
    const bad = withFigures(42, [{ ...figures, kgPerHour: { ...figures.kgPerHour, so2: -1 } }, { kgPerHour: { so2: 1, nox: 1, pm: 1 }, source: 'guess', year: CURRENT_YEAR + 1 } as never]);
    const res = await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(bad).expect(422);
    expect(res.body.error.code).toBe('ENTERPRISE_INVALID');
    const details = res.body.error.details as Array<{ field: string; message: string }>;
    expect(details.map((d) => d.field)).toEqual(['lines[0].emissions.kgPerHour.so2', 'lines[1].emissions.kgPerHour.vocs', 'lines[1].emissions.source', 'lines[1].emissions.year']);
    expect(details[0]!.message).toMatch(/at least 0, in kg\/h/);
    expect(details[3]!.message).toContain(`to ${CURRENT_YEAR}`);
    await t.http
      .get(`/api/v1/enterprises/${codeFor(42)}`)
      .set('Authorization', admin)
      .expect(404);
  });

  it('imports the figures from a CSV with Chinese headers and shows them in the API', async () => {
    const code = codeFor(43);
    const csv = [
      '统一社会信用代码,企业名称,县区,行业,生产线编号,生产线名称,产能,产能单位,二氧化硫排放速率(kg/h),氮氧化物排放速率(kg/h),颗粒物排放速率(kg/h),VOCs排放速率(kg/h),排放数据来源,数据年份',
      `${code},焦作清单导入水泥有限公司,修武县,水泥熟料,L1,1# 熟料线,2500,t/d,8.5,24,6,0.75,清单,${CURRENT_YEAR - 1}`,
      `${code},焦作清单导入水泥有限公司,修武县,水泥熟料,L2,2# 熟料线,2500,t/d,,,,,,`,
    ].join('\n');
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', 'text/csv; charset=utf-8').send(csv).expect(200);
    const got = await t.http.get(`/api/v1/enterprises/${code}`).set('Authorization', admin).expect(200);
    expect(got.body.lines.map((l: { emissions: unknown }) => l.emissions)).toEqual([{ kgPerHour: { so2: 8.5, nox: 24, pm: 6, vocs: 0.75 }, source: 'inventory', year: CURRENT_YEAR - 1 }, null]);
    const bad = csv.replace(',8.5,', ',-8.5,');
    const res = await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', 'text/csv; charset=utf-8').send(bad).expect(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ row: 2, field: 'line_so2_kg_h' })]);
  });
});
