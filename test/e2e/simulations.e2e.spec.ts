import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enterprise, LineEmissions } from '../../src/rules/enterprise.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const kg = (k: Partial<LineEmissions['kgPerHour']>): LineEmissions => ({ kgPerHour: { so2: 0, nox: 0, pm: 0, vocs: 0, ...k }, source: 'permit', year: 2025 });

// The five-day season of test/unit/rules/simulator (coking and chemical have no season phase):
// 修武县 (410821) orange for three days then lifted; 温县 (410825) light, moderate, then none.
function plant(n: number, county: string, over: Partial<Enterprise>): Enterprise {
  return sampleEnterprise(n, { code: codeFor(n, county === '温县' ? '410825' : '410821'), county, industry: 'coking', fuel: null, ...over });
}
const e1 = plant(1701, '修武县', {
  lines: [
    { code: 'L1', name: '1号线', capacity: 100, unit: 't/d', cells: null, emissions: kg({ so2: 10 }) },
    { code: 'L2', name: '2号线', capacity: 100, unit: 't/d', cells: null, emissions: kg({ nox: 20 }) },
  ],
  measures: { yellow: [{ line: 'L1', action: 'stop', maxLoadPercent: null }], orange: [{ line: 'L2', action: 'limit', maxLoadPercent: 50 }] },
});
const e2 = plant(1702, '修武县', {
  industry: 'chemical',
  grade: 'D',
  gradedOn: '2026-09-01',
  gradingAuthority: '河南省生态环境厅',
  lines: [{ code: 'L1', name: '1号线', capacity: 50, unit: 't/d', cells: null, emissions: kg({ pm: 5 }) }],
  measures: { orange: [{ line: 'L1', action: 'limit', maxLoadPercent: 70 }] },
});
const e3 = plant(1703, '温县', {
  lines: [
    { code: 'L1', name: '1号线', capacity: 100, unit: 't/d', cells: null, emissions: kg({ vocs: 10 }) },
    { code: 'L2', name: '2号线', capacity: 100, unit: 't/d', cells: null, emissions: null },
  ],
  measures: { light: [{ line: 'L1', action: 'limit', maxLoadPercent: 80 }], moderate: [{ line: 'L1', action: 'stop', maxLoadPercent: null }] },
});

const days = ['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14'];
const A = [320, 330, 310, 90, 80];
const B = [120, 160, 90, 90, 90];
// Chinese headers, county codes for one county and the name for the other.
const CSV = ['日期,区县,AQI', ...days.map((d, i) => `${d},410821,${A[i]}`), ...days.map((d, i) => `${d.replace(/-/g, '/')},温县,${B[i]}`)].join('\n') + '\n';

type Effect = { enterpriseDaysRestricted: number; enterpriseDaysStopped: number; capacityDaysLost: number; tonnesAvoided: Record<string, number>; ordersIssued: number };
type Result = Effect & {
  counties: Array<Effect & { county: string; code: string; enterprises: number; levelDays: Array<{ level: string; levelName: string; days: number }> }>;
  industries: Array<Effect & { industry: string; industryName: string }>;
  city: Effect & { enterprises: number };
  series: Array<{ date: string; counties: Array<{ county: string; level: string }>; city: Effect }>;
  situations: number;
  overlay: boolean;
};

describe('season simulator: POST /api/v1/simulations/season (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [e1, e2, e3] })
      .expect(200);
    for (const u of [
      { username: 'wen', password: 'wen-pass-123', role: 'county_officer', county: '温县' },
      { username: 'look', password: 'look-pass-123', role: 'viewer' },
    ])
      await t.http.post('/api/v1/users').set('Authorization', admin).send(u).expect(201);
    officer = await t.login('wen', 'wen-pass-123');
    viewer = await t.login('look', 'look-pass-123');
  });
  afterAll(() => t.close());

  const post = (token: string) => t.http.post('/api/v1/simulations/season').set('Authorization', token);

  it('replays the season from a text/csv body: levels, totals per county, industry and city, day by day', async () => {
    const r = (await post(admin).set('Content-Type', 'text/csv').send(CSV).expect(200)).body as Result;
    expect(r.series.map((d) => d.counties.map((c) => c.level))).toEqual([
      ['orange', 'light'],
      ['orange', 'moderate'],
      ['orange', 'none'],
      ['none', 'none'],
      ['none', 'none'],
    ]);
    const [xiuwu, wen] = r.counties;
    expect(xiuwu).toMatchObject({ county: '修武县', code: '410821', enterprises: 2, enterpriseDaysRestricted: 6, enterpriseDaysStopped: 3, capacityDaysLost: 5.25, ordersIssued: 4 });
    expect(xiuwu!.tonnesAvoided).toEqual({ so2: 0.72, nox: 0.72, pm: 0.36, vocs: 0 });
    expect(xiuwu!.levelDays).toEqual([
      { level: 'none', levelName: '无', days: 2 },
      { level: 'orange', levelName: '橙色预警', days: 3 },
    ]);
    expect(wen).toMatchObject({
      county: '温县',
      enterprises: 1,
      enterpriseDaysRestricted: 2,
      enterpriseDaysStopped: 0,
      capacityDaysLost: 0.6,
      ordersIssued: 3,
      tonnesAvoided: { so2: 0, nox: 0, pm: 0, vocs: 0.288 },
    });
    expect(r.city).toMatchObject({ enterprises: 3, enterpriseDaysRestricted: 8, enterpriseDaysStopped: 3, capacityDaysLost: 5.85, ordersIssued: 7 });
    expect(r.industries.map((i) => [i.industryName, i.enterpriseDaysStopped, i.tonnesAvoided.pm])).toEqual([
      ['焦化', 0, 0],
      ['化工', 3, 0.36],
    ]);
    expect(r.situations).toBe(5);
    expect(r.overlay).toBe(false);
  });

  it('compares another configuration: the overlay lets D take its listed measures, and raises the light threshold', async () => {
    const overlay = { grading: { grades: { D: { levels: { orange: 'listed' } } } }, rules: { recommendation: { levels: { light: [[{ above: 130, hours: 24 }]] } } } };
    const r = (await post(admin).send({ csv: CSV, overlay }).expect(200)).body as Result;
    expect(r.overlay).toBe(true);
    expect(r.counties[0]).toMatchObject({ enterpriseDaysStopped: 0, capacityDaysLost: 3.15, tonnesAvoided: { pm: 0.108 } });
    expect(r.series.map((d) => d.counties[1]!.level)).toEqual(['none', 'moderate', 'none', 'none', 'none']);
    // The configuration in force is unchanged afterwards.
    const again = (await post(admin).send({ csv: CSV }).expect(200)).body as Result;
    expect(again.counties[0]!.enterpriseDaysStopped).toBe(3);
  });

  it('answers 422 listing every row and column problem, and a refused overlay field', async () => {
    const bad = ['日期,区县,AQI', '2026-12-10,410821,320', '2026-12-32,410821,300', '2026-12-12,999999,100', '2026-12-13,410821,abc', '2026-12-15,410821,90', '2026-12-15,410821,95'].join('\n');
    const res = await post(admin).set('Content-Type', 'text/csv').send(bad).expect(422);
    expect(res.body.error.code).toBe('SIMULATION_CSV_INVALID');
    const details = res.body.error.details as Array<{ row: number; column: string | null; message: string }>;
    expect(details.map((d) => [d.row, d.column])).toEqual([
      [3, '日期'],
      [4, '区县'],
      [5, 'AQI'],
      [6, '日期'],
      [7, '日期'],
    ]);
    expect(details.map((d) => (d as unknown as { kind: string }).kind)).toEqual(['time_invalid', 'county_unknown', 'aqi_invalid', 'gap_days', 'duplicate']);
    expect(details[3]!.message).toContain('missing');
    expect(details[4]!.message).toContain('row 6');
    const noColumn = await post(admin).set('Content-Type', 'text/csv').send('date,aqi\n2026-12-10,100\n').expect(422);
    expect(noColumn.body.error.details).toEqual([{ row: 1, column: 'county', kind: 'column_missing', value: 'county', ref: null, message: expect.stringContaining('county') }]);
    const overlay = await post(admin)
      .send({ csv: CSV, overlay: { grading: { grades: { D: { levels: { orange: 'maybe' } } } }, rules: { lift: { belowHours: -1 } } } })
      .expect(422);
    expect(overlay.body.error.code).toBe('SIMULATION_OVERLAY_INVALID');
    expect(overlay.body.error.details.map((d: { field: string }) => d.field)).toEqual(['overlay.rules.lift.belowHours', 'overlay.grading.grades.D.levels.orange']);
    expect((await post(admin).send({}).expect(400)).body.error.code).toBe('SIMULATION_CSV_MISSING');
  });

  it('answers the totals as CSV with Accept: text/csv', async () => {
    const res = await post(admin).set('Accept', 'text/csv').send({ csv: CSV }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(res.text, { bom: true }) as string[][];
    expect(rows[0]!.slice(0, 7)).toEqual(['范围', '名称', '模拟期间', '企业数', '受限企业·天', '停产企业·天', '损失产能(企业·天)']);
    const byName = new Map(rows.slice(1).map((r) => [`${r[0]}:${r[1]}`, r]));
    expect(byName.get('区县:修武县')!.slice(2, 12)).toEqual(['2026-12-10至2026-12-14', '2', '6', '3', '5.25', '0.72', '0.72', '0.36', '0', '4']);
    expect(byName.get('区县:修武县')![12]).toBe('无 2天；橙色预警 3天');
    expect(byName.get('行业:化工')![5]).toBe('3');
    expect(byName.get('全市:焦作市')![4]).toBe('8');
  });

  it('refuses every role but the commander', async () => {
    for (const token of [officer, viewer]) expect((await post(token).set('Content-Type', 'text/csv').send(CSV).expect(403)).body.error.code).toBe('FORBIDDEN');
  });
});
