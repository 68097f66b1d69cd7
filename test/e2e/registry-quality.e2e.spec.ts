import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ControllableClock } from '../../src/common/clock.js';
import type { Enterprise, LineEmissions, Measures } from '../../src/rules/enterprise.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const figures = (kg: number, year = 2025): LineEmissions => ({ kgPerHour: { so2: kg, nox: kg, pm: kg, vocs: kg }, source: 'permit', year });
// Equal lines: yellow cuts L1 to 80 % (10 % of the total), orange stops L1 (50 %), red both (100 %).
const measures: Measures = {
  blue: [{ line: 'L1', action: 'limit', maxLoadPercent: 95 }],
  yellow: [{ line: 'L1', action: 'limit', maxLoadPercent: 80 }],
  orange: [{ line: 'L1', action: 'stop', maxLoadPercent: null }],
  red: [{ line: 'L2', action: 'stop', maxLoadPercent: null }],
};

// Coking has no season phase. Each plant but the clean one has exactly one kind of problem.
function plant(n: number, county: string, over: Partial<Enterprise> = {}): Enterprise {
  const e = sampleEnterprise(n, { code: codeFor(n), county, industry: 'coking', fuel: null, grade: 'C', gradedOn: '2026-09-15', gradingAuthority: '河南省生态环境厅', measures });
  return {
    ...e,
    lines: [
      { ...e.lines[0]!, emissions: figures(10) },
      { ...e.lines[1]!, emissions: figures(10) },
    ],
    ...over,
  };
}
const clean = plant(1501, '修武县');
const noRed = plant(1502, '修武县', { measures: { ...measures, red: undefined } });
const weak = plant(1503, '博爱县', { measures: { ...measures, yellow: [{ line: 'L1', action: 'limit', maxLoadPercent: 90 }] } });
const noFigures = plant(1504, '博爱县');
noFigures.lines = [noFigures.lines[0]!, { ...noFigures.lines[1]!, emissions: null }];
const outdated = plant(1505, '修武县');
outdated.lines = [outdated.lines[0]!, { ...outdated.lines[1]!, emissions: figures(10, 2021) }];
const ungraded = plant(1506, '博爱县', { grade: null, gradedOn: null, gradingAuthority: null });
const undated = plant(1507, '修武县', { gradedOn: null });
const expired = plant(1508, '修武县', { gradedOn: '2025-06-01' });
// Not air-emitting (flag off, no figures): nothing is asked of it.
const quiet = plant(1509, '博爱县', { airEmitting: false, industry: 'other', grade: null, gradedOn: null, gradingAuthority: null, measures: {} });
quiet.lines = quiet.lines.map((l) => ({ ...l, emissions: null }));
// Deactivated: left out.
const gone = plant(1510, '修武县', { grade: null, gradedOn: null, gradingAuthority: null });

type Item = {
  kind: string;
  kindName: string;
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  lineCode: string | null;
  level: string | null;
  levelName: string | null;
  gaps: unknown[];
  fix: string;
};
type Report = {
  county: string | null;
  summary: { enterprises: number; airEmitting: number; enterprisesWithProblems: number; problems: number; byKind: Array<{ kind: string; problems: number; enterprises: number }> };
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
};

describe('清单 quality report: GET /api/v1/registry/quality (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let viewer: string;
  let enterpriseUser: string;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await t.adminToken();
    const all = [clean, noRed, weak, noFigures, outdated, ungraded, undated, expired, quiet, gone];
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: all }).expect(200);
    await t.http.post(`/api/v1/enterprises/${gone.code}/deactivate`).set('Authorization', admin).expect(200);
    const users = [
      { username: 'boai', password: 'boai-pass-12', role: 'county_officer', county: '博爱县' },
      { username: 'watcher', password: 'watcher-pass-1', role: 'viewer' },
      { username: 'plant', password: 'plant-pass-12', role: 'enterprise', enterpriseCode: clean.code },
    ];
    for (const u of users) await t.http.post('/api/v1/users').set('Authorization', admin).send(u).expect(201);
    officer = await t.login('boai', 'boai-pass-12');
    viewer = await t.login('watcher', 'watcher-pass-1');
    enterpriseUser = await t.login('plant', 'plant-pass-12');
  });
  afterAll(() => t.close());

  const get = (token: string, query = '') => t.http.get(`/api/v1/registry/quality${query}`).set('Authorization', token);

  it('finds each kind of problem in the city, one per plant that has it, with the enterprise and what to fix', async () => {
    const r = (await get(admin, '?pageSize=500').expect(200)).body as Report;
    expect(r.county).toBeNull();
    expect(r.summary).toMatchObject({ enterprises: 9, airEmitting: 8, enterprisesWithProblems: 7, problems: 7 });
    expect(Object.fromEntries(r.summary.byKind.map((k) => [k.kind, k.problems]))).toEqual({
      measures_missing: 1,
      target_not_met: 1,
      line_emissions_missing: 1,
      line_emissions_outdated: 1,
      grade_missing: 1,
      grade_undated: 1,
      grade_expired: 1,
    });
    const byKind = new Map(r.items.map((i) => [i.kind, i]));
    expect(byKind.get('measures_missing')).toMatchObject({ enterpriseCode: noRed.code, county: '修武县', level: 'red', levelName: '红色预警', kindName: '缺少预警级别减排措施' });
    expect(byKind.get('measures_missing')!.fix).toContain('红色预警');
    expect(byKind.get('target_not_met')).toMatchObject({ enterpriseCode: weak.code, level: 'yellow', gaps: expect.arrayContaining([{ pollutant: 'so2', percent: 5, targetPercent: 10 }]) });
    expect(byKind.get('target_not_met')!.fix).toContain('二氧化硫减排5%（要求不低于10%）');
    expect(byKind.get('line_emissions_missing')).toMatchObject({ enterpriseCode: noFigures.code, lineCode: 'L2' });
    expect(byKind.get('line_emissions_outdated')).toMatchObject({ enterpriseCode: outdated.code, lineCode: 'L2', year: 2021, oldestYear: 2023 });
    expect(byKind.get('grade_missing')!.enterpriseCode).toBe(ungraded.code);
    expect(byKind.get('grade_undated')!.enterpriseCode).toBe(undated.code);
    expect(byKind.get('grade_expired')).toMatchObject({ enterpriseCode: expired.code, gradedOn: '2025-06-01', validUntil: '2026-05-31' });
    expect(byKind.get('grade_expired')!.fix).toContain('2026-05-31');
    // Counties in the configured order (修武县 before 博爱县), then by code.
    const counties = r.items.map((i) => i.county);
    expect(counties.lastIndexOf('修武县')).toBeLessThan(counties.indexOf('博爱县'));
    for (const code of [clean.code, quiet.code, gone.code]) expect(r.items.some((i) => i.enterpriseCode === code)).toBe(false);
  });

  it('filters by kind and county, pages, and the summary still counts every kind of the scope', async () => {
    const r = (await get(admin, '?kind=grade_missing').expect(200)).body as Report;
    expect(r.items.map((i) => i.enterpriseCode)).toEqual([ungraded.code]);
    expect(r.total).toBe(1);
    expect(r.summary.problems).toBe(7);
    const boai = (await get(viewer, `?county=${encodeURIComponent('博爱县')}`).expect(200)).body as Report;
    expect(boai.county).toBe('博爱县');
    expect(boai.items.map((i) => i.enterpriseCode).sort()).toEqual([weak.code, noFigures.code, ungraded.code].sort());
    expect(boai.summary).toMatchObject({ enterprises: 4, airEmitting: 3, problems: 3 });
    const page2 = (await get(admin, '?pageSize=3&page=2').expect(200)).body as Report;
    expect(page2).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    expect(page2.items).toHaveLength(3);
    await get(admin, '?county=火星县').expect(400);
    await get(admin, '?kind=nonsense').expect(400);
  });

  it('a county officer sees its own county only, whatever county it asks for', async () => {
    const own = (await get(officer).expect(200)).body as Report;
    expect(own.county).toBe('博爱县');
    expect(new Set(own.items.map((i) => i.county))).toEqual(new Set(['博爱县']));
    expect(own.total).toBe(3);
    const asked = (await get(officer, `?county=${encodeURIComponent('修武县')}`).expect(200)).body as Report;
    expect(asked.county).toBe('博爱县');
    expect(asked.total).toBe(3);
    const csv = await get(officer, '?format=csv').expect(200);
    expect(csv.text).not.toContain(noRed.code);
    expect(csv.text).toContain(weak.code);
  });

  it('answers CSV with Chinese headers for ?format=csv and for Accept: text/csv', async () => {
    const res = await get(admin, '?format=csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('registry-quality.csv');
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(res.text.slice(1)) as string[][];
    expect(rows[0]).toEqual(['县区', '统一社会信用代码', '企业名称', '问题类型', '预警级别', '生产线代码', '生产线名称', '整改要求']);
    expect(rows).toHaveLength(8);
    expect(rows).toContainEqual(['修武县', noRed.code, noRed.name, '缺少预警级别减排措施', '红色预警', '', '', expect.stringContaining('红色预警')]);
    expect(rows).toContainEqual(['博爱县', noFigures.code, noFigures.name, '生产线未填报排放数据', '', 'L2', noFigures.lines[1]!.name, expect.stringContaining('kg/h')]);
    const accepted = await t.http.get('/api/v1/registry/quality?kind=grade_expired').set('Authorization', admin).set('Accept', 'text/csv').expect(200);
    expect(accepted.headers['content-type']).toMatch(/^text\/csv/);
    expect(parse(accepted.text.slice(1))).toHaveLength(2);
  });

  it('is not for enterprises or inspectors; changing the registry changes the report', async () => {
    await get(enterpriseUser).expect(403);
    const fixed = { ...ungraded, grade: 'B', gradedOn: '2026-11-01', gradingAuthority: '焦作市生态环境局', version: 1 };
    await t.http.put(`/api/v1/enterprises/${ungraded.code}`).set('Authorization', admin).send(fixed).expect(200);
    const r = (await get(admin).expect(200)).body as Report;
    expect(r.summary.byKind.find((k) => k.kind === 'grade_missing')!.problems).toBe(0);
    expect(r.summary.problems).toBe(6);
  });
});
