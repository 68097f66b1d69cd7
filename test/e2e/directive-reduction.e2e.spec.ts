import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import type { Enterprise, LineEmissions } from '../../src/rules/enterprise.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const rules = loadRulesConfig();
const perDay = (kgPerHour: number) => (kgPerHour * rules.emissions.hoursPerDay) / 1000;
const figures = (so2: number, nox: number): LineEmissions => ({ kgPerHour: { so2, nox, pm: 0, vocs: 0 }, source: 'permit', year: 2025 });

// Coking: no season phase, only the level's listed measures act. Orange stops L1 and caps L2 at 50 %.
// 修武县, four plants: L1 10 kg/h SO2, L2 20 kg/h SO2 → orange plans 10 + 10 = 20 of 30 kg/h each.
// 博爱县, one plant: L1 40 kg/h SO2, L2 none → orange plans 40 of 40.
const measures = {
  orange: [
    { line: 'L1', action: 'stop' as const, maxLoadPercent: null },
    { line: 'L2', action: 'limit' as const, maxLoadPercent: 50 },
  ],
};
function plant(i: number): Enterprise {
  const e = sampleEnterprise(1500 + i, { code: codeFor(1500 + i), county: i < 4 ? '修武县' : '博爱县', industry: 'coking', fuel: null, measures });
  const [a, b] = i < 4 ? [10, 20] : [40, 0];
  return {
    ...e,
    lines: [
      { ...e.lines[0]!, emissions: figures(a, a / 2) },
      { ...e.lines[1]!, emissions: figures(b, b / 2) },
    ],
  };
}
const plants = Array.from({ length: 5 }, (_, i) => plant(i));

type Figure = { tonnesPerDay: number; kgPerHour: number; percent: number | null; shortfall: boolean };
type Stages = { pollutant: string; baselineKgPerHour: number; baselineTonnesPerDay: number; targetPercent: number | null; planned: Figure; confirmed: Figure; verified: Figure };
type Scope = {
  county: string | null;
  level: string | null;
  emissions: Array<{ pollutant: string; reductionTonnesPerDay: number; percent: number | null; shortfall: boolean }>;
  stages: Stages[];
  lines: { planned: number; confirmed: number; verified: number; violated: number };
};
type Answer = { inForce: boolean; at: string; counties: Scope[]; city: Scope; directive: { number: string } };
const so2 = (s: Scope) => s.stages.find((x) => x.pollutant === 'so2')!;
const kg = (f: Figure) => [f.kgPerHour, f.percent];

describe('the reduction of an issued directive: planned, confirmed, verified (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let directiveId: string;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const orders: Record<string, { orderId: string; modification: number }> = {};
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await t.adminToken();
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: plants }).expect(200);
    // The meter of plant 3's L2 before the order: about 1,000 kW.
    const before = [1, 2, 3, 4].map((d) => ({ enterpriseCode: plants[3]!.code, lineCode: 'L2', at: `2026-12-0${d}T12:00:00+08:00`, kw: 1000 }));
    await t.http.post('/api/v1/power-readings').set('Authorization', admin).send({ readings: before }).expect(201);
    const res = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县', '博爱县'], endsAt: null, basis: '橙色预警' })
      .expect(200);
    directiveId = res.body.id;
    const list = (await t.http.get('/api/v1/orders').set('Authorization', admin).expect(200)).body.items as Array<{ orderId: string; modification: number; enterprise: { code: string } }>;
    for (const o of list) orders[o.enterprise.code] = { orderId: o.orderId, modification: o.modification };
    for (const i of [0, 1, 3]) {
      await t.http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ username: `plant${i}`, password: 'plant-pass-1', role: 'enterprise', enterpriseCode: plants[i]!.code })
        .expect(201);
      token[i] = await t.login(`plant${i}`, 'plant-pass-1');
    }
    await t.http.post('/api/v1/teams').set('Authorization', admin).send({ key: 'team-1', name: '督导一组' }).expect(201);
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'insp', password: 'inspector-pass', role: 'inspector', team: 'team-1' }).expect(201);
    token.insp = await t.login('insp', 'inspector-pass');
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'county-xw', password: 'county-pass-1', role: 'county_officer', county: '修武县' }).expect(201);
    token.county = await t.login('county-xw', 'county-pass-1');
  });
  afterAll(() => t?.close());

  const reduction = async (auth: string, at?: string): Promise<Answer> =>
    (
      await t.http
        .get(`/api/v1/directives/${directiveId}/reduction`)
        .query(at ? { at } : {})
        .set('Authorization', auth)
        .expect(200)
    ).body;

  it('right after issuing, everything is planned and nothing confirmed or verified', async () => {
    const r = await reduction(admin);
    expect(r.inForce).toBe(true);
    const [xiuwu, boai] = r.counties;
    expect(xiuwu!.level).toBe('orange');
    expect(so2(xiuwu!)).toMatchObject({ baselineKgPerHour: 120, baselineTonnesPerDay: perDay(120), targetPercent: rules.emissionTargets.orange });
    expect(kg(so2(xiuwu!).planned)).toEqual([80, 66.67]);
    expect(so2(xiuwu!).planned.tonnesPerDay).toBe(perDay(80));
    expect(kg(so2(xiuwu!).confirmed)).toEqual([0, 0]);
    expect(so2(xiuwu!).confirmed.shortfall).toBe(true);
    expect(kg(so2(boai!).planned)).toEqual([40, 100]);
    // The planned figures are the dry run's accounting: the same t/day and percent in `emissions`.
    expect(xiuwu!.emissions.find((e) => e.pollutant === 'so2')).toMatchObject({ reductionTonnesPerDay: perDay(80), percent: 66.67, shortfall: false });
    expect(xiuwu!.lines).toEqual({ planned: 8, confirmed: 0, verified: 0, violated: 0 });
  });

  it('confirmations, a status report, findings and the meter move lines to confirmed and verified, counted by hand', async () => {
    // Plant 0 confirms both lines implemented.
    clock.set('2026-12-10T10:30:00+08:00');
    const o0 = orders[plants[0]!.code]!;
    await t.http
      .post(`/api/v1/orders/${o0.orderId}/versions/${o0.modification}/implementation`)
      .set('Authorization', token[0]!)
      .send({
        lines: [
          { line: 'L1', stoppedAt: '2026-12-10T10:20:00+08:00' },
          { line: 'L2', stoppedAt: '2026-12-10T10:20:00+08:00' },
        ],
      })
      .expect((res) => expect(res.status).toBeLessThan(300));
    // Plant 1 reports L1 stopped and L2 limited at 50 %.
    await t.http
      .post('/api/v1/status-reports')
      .set('Authorization', token[1]!)
      .send({
        lines: [
          { line: 'L1', state: 'stopped' },
          { line: 'L2', state: 'limited', loadPercent: 50 },
        ],
      })
      .expect(201);
    // Plant 3 confirms L1, but an inspection later finds it running: a violation takes it back to planned.
    const o3 = orders[plants[3]!.code]!;
    await t.http
      .post(`/api/v1/orders/${o3.orderId}/versions/${o3.modification}/implementation`)
      .set('Authorization', token[3]!)
      .send({ lines: [{ line: 'L1', stoppedAt: '2026-12-10T10:20:00+08:00' }] })
      .expect((res) => expect(res.status).toBeLessThan(300));
    clock.set('2026-12-10T11:00:00+08:00');
    for (const [i, state] of [
      [2, 'stopped'],
      [3, 'running'],
    ] as const) {
      const task = await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: plants[i]!.code, team: 'team-1', reason: '核查' }).expect(201);
      const f = await t.http
        .post(`/api/v1/tasks/${task.body.id}/findings`)
        .set('Authorization', token.insp!)
        .send({ lineCode: 'L1', observedState: state, observedAt: '2026-12-10T10:55:00+08:00' })
        .expect(201);
      expect(f.body.verdict).toBe(state === 'stopped' ? 'compliant' : 'violation');
    }
    // Plant 3's L2 meter after the start: 500 kW of a 1,000 kW baseline, within 50 % + the 20 % threshold.
    await t.http
      .post('/api/v1/power-readings')
      .set('Authorization', admin)
      .send({ readings: [{ enterpriseCode: plants[3]!.code, lineCode: 'L2', at: '2026-12-10T10:50:00+08:00', kw: 500 }] })
      .expect(201);

    const r = await reduction(admin);
    const [xiuwu, boai] = r.counties;
    // Planned: 4 × 20 = 80 of 120 kg/h.
    expect(kg(so2(xiuwu!).planned)).toEqual([80, 66.67]);
    // Confirmed: plant 0 20, plant 1 20, plant 2 L1 10 (verified), plant 3 L2 10 (verified) = 60 of 120 (plant 3 L1 violated).
    expect(kg(so2(xiuwu!).confirmed)).toEqual([60, 50]);
    expect(so2(xiuwu!).confirmed.tonnesPerDay).toBe(perDay(60));
    // Verified: plant 2 L1 (finding) 10 + plant 3 L2 (meter) 10 = 20 of 120 = 16.67 %, short of orange's 20 %.
    expect(kg(so2(xiuwu!).verified)).toEqual([20, 16.67]);
    expect(so2(xiuwu!).verified.shortfall).toBe(true);
    expect(so2(xiuwu!).confirmed.shortfall).toBe(false);
    expect(xiuwu!.lines).toEqual({ planned: 8, confirmed: 6, verified: 2, violated: 1 });
    // NOx is half of SO2 on every line: the same percentages.
    const nox = xiuwu!.stages.find((s) => s.pollutant === 'nox')!;
    expect([nox.planned.kgPerHour, nox.confirmed.kgPerHour, nox.verified.kgPerHour]).toEqual([40, 30, 10]);
    // 博爱县: planned only. City: 120 / 60 / 20 of 160 kg/h.
    expect(kg(so2(boai!).confirmed)).toEqual([0, 0]);
    expect([kg(so2(r.city).planned), kg(so2(r.city).confirmed), kg(so2(r.city).verified)]).toEqual([
      [120, 75],
      [60, 37.5],
      [20, 12.5],
    ]);
  });

  it('at a time before the directive nothing of it is in force: baseline only, no level, no target', async () => {
    const r = await reduction(admin, '2026-12-10T09:00:00+08:00');
    expect(r.inForce).toBe(false);
    expect(r.counties[0]!.level).toBe('none');
    expect(so2(r.counties[0]!)).toMatchObject({ baselineKgPerHour: 120, targetPercent: null });
    expect([kg(so2(r.city).planned), kg(so2(r.city).confirmed), kg(so2(r.city).verified)]).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    // Between the confirmations and the findings: plant 0 and plant 3's L1 confirmed, nothing verified.
    const mid = await reduction(admin, '2026-12-10T10:40:00+08:00');
    expect(kg(so2(mid.counties[0]!).confirmed)).toEqual([50, 41.67]);
    expect(kg(so2(mid.counties[0]!).verified)).toEqual([0, 0]);
  });

  it('a county officer sees its own county only; an unknown directive is 404, a bad time 422', async () => {
    const r = await reduction(token.county!);
    expect(r.counties.map((c) => c.county)).toEqual(['修武县']);
    expect(kg(so2(r.city).planned)).toEqual([80, 66.67]);
    await t.http.get('/api/v1/directives/00000000-0000-4000-8000-000000000000/reduction').set('Authorization', admin).expect(404);
    await t.http.get(`/api/v1/directives/${directiveId}/reduction`).query({ at: 'yesterday' }).set('Authorization', admin).expect(400);
    await t.http.get(`/api/v1/directives/${directiveId}/reduction`).query({ at: '1900-01-01T00:00:00+08:00' }).set('Authorization', admin).expect(422);
  });

  it('the daily report shows the directive per pollutant planned / confirmed / verified as JSON, CSV and the printable page', async () => {
    const json = (await t.http.get('/api/v1/reports/daily').query({ date: '2026-12-10' }).set('Authorization', admin).expect(200)).body as {
      totals: Record<string, number>;
      reduction: Array<{ directiveId: string; number: string; counties: string[]; at: string; stages: Stages[]; lines: Scope['lines'] }>;
    };
    expect(json.reduction).toHaveLength(1);
    const [d] = json.reduction;
    expect(d).toMatchObject({ directiveId, counties: ['修武县', '博爱县'], lines: { planned: 10, confirmed: 6, verified: 2, violated: 1 } });
    const s = d!.stages.find((x) => x.pollutant === 'so2')!;
    expect([kg(s.planned), kg(s.confirmed), kg(s.verified)]).toEqual([
      [120, 75],
      [60, 37.5],
      [20, 12.5],
    ]);
    // A county officer: its county's part only.
    const mine = (await t.http.get('/api/v1/reports/daily').query({ date: '2026-12-10' }).set('Authorization', token.county!).expect(200)).body;
    expect(mine.reduction[0].counties).toEqual(['修武县']);
    expect(kg(mine.reduction[0].stages.find((x: Stages) => x.pollutant === 'so2').confirmed)).toEqual([60, 50]);
    // The day before: no directive in force.
    const before = (await t.http.get('/api/v1/reports/daily').query({ date: '2026-12-09' }).set('Authorization', admin).expect(200)).body;
    expect(before.reduction).toEqual([]);
    // A poller (the overview) may leave the costly accounting out; the rest of the report is the same.
    const lean = (await t.http.get('/api/v1/reports/daily').query({ date: '2026-12-10', reduction: 'omit' }).set('Authorization', admin).expect(200)).body;
    expect(lean).not.toHaveProperty('reduction');
    expect(lean.totals).toEqual(json.totals);
    await t.http.get('/api/v1/reports/daily').query({ reduction: 'sometimes' }).set('Authorization', admin).expect(400);

    const csv = (await t.http.get('/api/v1/reports/daily').query({ date: '2026-12-10', format: 'csv' }).set('Authorization', admin).expect(200)).text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const blank = csv.indexOf('');
    expect(blank).toBeGreaterThan(0);
    const so2Row = csv
      .slice(blank + 2)
      .find((l) => l.includes('二氧化硫'))!
      .split(',');
    // 日期, 文号, 级别, 县区, 污染物, 基线, 目标, 计划 t/d, %, 确认 t/d, %, 核实 t/d, %
    expect(so2Row.slice(4)).toEqual(['二氧化硫', String(perDay(160)), String(rules.emissionTargets.orange), String(perDay(120)), '75', String(perDay(60)), '37.5', String(perDay(20)), '12.5']);
    expect(csv.slice(blank + 2)).toHaveLength(4);

    const page = (await t.http.get('/api/v1/reports/daily').query({ date: '2026-12-10', format: 'html' }).set('Authorization', admin).expect(200)).text;
    expect(page).toContain('减排核算');
    expect(page).toContain(d!.number);
    // Verified SO2 (12.5 %) is short of orange's 20 %: shown in red.
    expect(page).toMatch(/color:#c0392b;font-weight:bold;">0\.48 吨\/日（12\.5%）/);
  });

  it('a later lift takes its county over from its start: that county counts nothing of the directive from then on', async () => {
    clock.set('2026-12-10T11:30:00+08:00');
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'lift', counties: ['博爱县'], basis: '博爱县解除' })
      .expect(200);
    const r = (await reduction(admin)) as Answer & { countiesInForce: string[] };
    expect(r.inForce).toBe(true);
    expect(r.countiesInForce).toEqual(['修武县']);
    const boai = r.counties[1]!;
    expect(boai.level).toBe('none');
    expect(kg(so2(boai).planned)).toEqual([0, 0]);
    expect(kg(so2(r.city).planned)).toEqual([80, 50]);
    // Before the lift both counties were under it.
    const before = (await reduction(admin, '2026-12-10T11:20:00+08:00')) as Answer & { countiesInForce: string[] };
    expect(before.countiesInForce).toEqual(['修武县', '博爱县']);
    expect(kg(so2(before.city).planned)).toEqual([120, 75]);
    // The daily report still lists the orange directive (修武县 is under it), as of now.
    const day = (await t.http.get('/api/v1/reports/daily').query({ date: '2026-12-10' }).set('Authorization', admin).expect(200)).body;
    expect(day.reduction).toHaveLength(1);
    expect(kg(day.reduction[0].stages.find((x: Stages) => x.pollutant === 'so2').planned)).toEqual([80, 50]);
  });
});
