import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import type { Enterprise, LineEmissions } from '../../src/rules/enterprise.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const rules = loadRulesConfig();
const perDay = (kgPerHour: number) => (kgPerHour * rules.emissions.hoursPerDay) / 1000;
const figures = (so2: number, nox: number): LineEmissions => ({ kgPerHour: { so2, nox, pm: 0, vocs: 0 }, source: 'permit', year: 2025 });

// Coking has no season phase: only the level's listed measures act. Orange stops L1, red L1 and L2.
// 修武县: L1 10 + L2 30 kg/h SO2 → orange removes 25 %. 博爱县: L1 2 + L2 38 → 5 %, short of 20 %.
function plant(i: number): Enterprise {
  const e = sampleEnterprise(1400 + i, { code: codeFor(1400 + i), county: i < 3 ? '修武县' : '博爱县', industry: 'coking', fuel: null });
  const [a, b] = i < 3 ? [10, 30] : [2, 38];
  return {
    ...e,
    lines: [
      { ...e.lines[0]!, emissions: figures(a, 5) },
      { ...e.lines[1]!, emissions: i === 4 ? null : figures(b, 5) },
    ],
  };
}
const plants = Array.from({ length: 5 }, (_, i) => plant(i));
type Row = { pollutant: string; baselineTonnesPerDay: number; reductionTonnesPerDay: number; percent: number | null; targetPercent: number | null; shortfall: boolean };
type Scope = { county: string | null; emissions: Row[]; shortfalls: Array<{ pollutant: string; candidates: Array<{ enterpriseCode: string; addTonnesPerDay: number }> }>; unknownLines: number };
const so2 = (s: Scope) => s.emissions.find((e) => e.pollutant === 'so2')!;

describe('a dry run for orange shows each pollutant beside the 20 % target and the shortfall list (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const orange = { action: 'issue', level: 'orange', counties: ['修武县', '博爱县'], endsAt: null, basis: '橙色预警' };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await t.adminToken();
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: plants }).expect(200);
  });
  afterAll(() => t.close());

  it('counts the registry figures per county and for the city; a short county and the city list what could still be added', async () => {
    const res = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ ...orange, dryRun: true })
      .expect(200);
    const r = res.body.reduction as { hoursPerDay: number; counties: Scope[]; city: Scope; unknownLines: { total: number; items: Array<{ enterpriseCode: string; lineCode: string }> } };
    expect(r.hoursPerDay).toBe(rules.emissions.hoursPerDay);
    const [xiuwu, boai] = r.counties;
    expect(so2(xiuwu!)).toMatchObject({ baselineTonnesPerDay: perDay(120), reductionTonnesPerDay: perDay(30), percent: 25, targetPercent: rules.emissionTargets.orange, shortfall: false });
    // 博爱县: the last plant's L2 has no figures: baseline 2 + 38 + 2, reduction 2 + 2.
    expect(so2(boai!)).toMatchObject({ baselineTonnesPerDay: perDay(42), reductionTonnesPerDay: perDay(4), shortfall: true });
    expect(so2(boai!).percent).toBeCloseTo((4 / 42) * 100, 2);
    expect(boai!.unknownLines).toBe(1);
    expect(r.unknownLines).toEqual({ total: 1, items: [expect.objectContaining({ enterpriseCode: plants[4]!.code, lineCode: 'L2' })] });
    // Red's listed stop of L2 is what each 博爱县 plant could still add (the one without figures adds nothing known).
    expect(boai!.shortfalls.find((s) => s.pollutant === 'so2')!.candidates.map((c) => [c.enterpriseCode, c.addTonnesPerDay])).toEqual([[plants[3]!.code, perDay(38)]]);
    // NOx: every line with figures emits 5 kg/h; orange stops each L1: 25 of 45 kg/h.
    expect(r.city.emissions.find((e) => e.pollutant === 'nox')!.percent).toBeCloseTo((25 / 45) * 100, 2);
    // City SO2: 34 of 162 kg/h = 21 % ≥ 20 %: no shortfall for the city.
    expect(so2(r.city)).toMatchObject({ baselineTonnesPerDay: perDay(162), reductionTonnesPerDay: perDay(34), shortfall: false, targetPercent: rules.emissionTargets.orange });
    expect(r.city.shortfalls).toEqual([]);
  });

  it('an issued directive answers without the dry-run blocks', async () => {
    const res = await t.http.post('/api/v1/directives').set('Authorization', admin).send(orange).expect(200);
    expect(res.body.dryRun).toBe(false);
    expect(res.body.number).toEqual(expect.any(String));
    expect(res.body.reduction).toBeUndefined();
  });
});
