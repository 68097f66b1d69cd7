import { describe, expect, it } from 'vitest';
import { accountReductions } from '../../../../src/rules/emissions/reduction-accounting.js';
import type { Enterprise, Pollutant } from '../../../../src/rules/enterprise.js';
import type { ScopeReduction } from '../../../../src/rules/emissions/reduction.types.js';
import { cfg, enterprise, rules } from '../rules-fixtures.js';
import { account, emits, lineWith, perDay } from './emissions-fixtures.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const limit = (line: string, maxLoadPercent: number) => ({ line, action: 'limit' as const, maxLoadPercent });
const WINTER = '2026-12-10T12:00:00+08:00'; // kiln full stop; aluminium limit phase
const AUTUMN = '2026-10-20T12:00:00+08:00'; // before every phase
const row = (r: ScopeReduction, p: Pollutant) => r.emissions.find((x) => x.pollutant === p)!;

describe('reduction accounting', () => {
  it('a stopped line removes all of its emissions; the running line none', () => {
    const e = enterprise({ lines: [lineWith('L1', 100, emits(10, 4)), lineWith('L2', 100, emits(30, 6))], measures: { orange: [stop('L1')] } });
    const { report } = account([e], AUTUMN, () => 'orange');
    expect(report.enterprises[0]!.reduction).toEqual({ so2: perDay(10), nox: perDay(4), pm: 0, vocs: 0 });
    const so2 = row(report.counties[0]!, 'so2');
    expect(so2).toMatchObject({ baselineTonnesPerDay: perDay(40), reductionTonnesPerDay: perDay(10), percent: 25, targetPercent: rules.emissionTargets.orange, shortfall: false });
    // NOx: 4 of 10 kg/h.
    expect(row(report.counties[0]!, 'nox').percent).toBe(40);
    expect(row(report.counties[0]!, 'pm')).toMatchObject({ baselineTonnesPerDay: 0, percent: null, shortfall: false });
  });

  it('a line capped at L % removes (100 − L) %', () => {
    const e = enterprise({ lines: [lineWith('L1', 100, emits(50))], measures: { yellow: [limit('L1', 60)], orange: [limit('L1', 70)] } });
    const { report } = account([e], AUTUMN, () => 'orange');
    // The strictest cap over yellow and orange holds: 60 %.
    expect(report.enterprises[0]!.reduction.so2).toBeCloseTo(perDay(50) * 0.4, 12);
    expect(row(report.city, 'so2').percent).toBe(40);
  });

  it('a livelihood enterprise removes what its cap removes and is never proposed for more', () => {
    const e = enterprise({
      industry: 'cement_clinker',
      livelihood: { duty: 'heating', maxLoadPercent: 70, filedOn: '2026-09-01' },
      lines: [lineWith('L1', 100, emits(20))],
      measures: { orange: [stop('L1')], red: [stop('L1')] },
    });
    const { items, report } = account([e], WINTER, () => 'orange');
    expect(items[0]!.order.lines[0]).toMatchObject({ action: 'limit', maxLoadPercent: 70 });
    expect(report.enterprises[0]!.reduction.so2).toBeCloseTo(perDay(20) * 0.3, 12);
    const county = report.counties[0]!;
    expect(row(county, 'so2')).toMatchObject({ percent: 30, shortfall: false });
    // At red the target is 30 % too: reached exactly, so no shortfall either.
    const atRed = account([e], WINTER, () => 'red').report;
    expect(row(atRed.city, 'so2')).toMatchObject({ percent: 30, targetPercent: rules.emissionTargets.red, shortfall: false });
  });

  it('a line both season-stopped and level-stopped is counted once', () => {
    const e = enterprise({ industry: 'cement_clinker', lines: [lineWith('L1', 100, emits(12, 8, 3, 1))], measures: { orange: [stop('L1')] } });
    const { items, report } = account([e], WINTER, () => 'orange');
    expect(items[0]!.order.lines[0]!.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['level.orange.stop']));
    expect(items[0]!.order.lines[0]!.reasons.length).toBe(2);
    expect(report.enterprises[0]!.reduction).toEqual(report.enterprises[0]!.baseline);
    for (const r of report.city.emissions) expect(r.percent).toBe(100);
  });

  it('cells: stopping k of n cells removes k/n', () => {
    const e = enterprise({ industry: 'electrolytic_aluminium', lines: [lineWith('P1', 200, emits(40, 0, 10), 200)] });
    const { items, report } = account([e], WINTER, () => 'none');
    const k = items[0]!.order.lines[0]!.stoppedCells!;
    expect(k).toBeGreaterThan(0);
    expect(k).toBeLessThan(200);
    expect(report.enterprises[0]!.reduction.so2).toBeCloseTo((perDay(40) * k) / 200, 12);
    expect(report.enterprises[0]!.reduction.pm).toBeCloseTo((perDay(10) * k) / 200, 12);
    // And the cap on the cells still running: 3 of 10 stopped, the rest at 50 %.
    const order = { ...items[0]!.order, lines: [{ ...items[0]!.order.lines[0]!, stoppedCells: 3, maxLoadPercent: 50 }] };
    const capped = accountReductions({ items: [{ enterprise: { ...e, lines: [{ ...e.lines[0]!, cells: 10 }] }, order }], counties: [] }, cfg);
    expect(capped.enterprises[0]!.reduction.so2).toBeCloseTo(perDay(40) * (0.3 + 0.7 * 0.5), 12);
  });

  it('lists lines without emission figures as unknown and leaves them out of the baseline', () => {
    const e = enterprise({ lines: [lineWith('L1', 100, emits(10)), lineWith('L2', 100, null)], measures: { orange: [stop('L2')] } });
    const { report } = account([e], AUTUMN, () => 'orange');
    expect(report.unknownLines).toEqual([{ enterpriseCode: e.code, enterpriseName: e.name, county: e.county, lineCode: 'L2', lineName: 'L2' }]);
    expect(report.counties[0]!.unknownLines).toBe(1);
    expect(row(report.city, 'so2')).toMatchObject({ baselineTonnesPerDay: perDay(10), reductionTonnesPerDay: 0, percent: 0, shortfall: true });
  });

  it('a shortfall ranks the enterprises by what their higher-level measures or stopping limited lines could add', () => {
    const code = (n: number) => `9141080012345678${String(n).padStart(2, '0')}`;
    const a = enterprise({ code: code(1), lines: [lineWith('L1', 100, emits(10)), lineWith('L2', 100, emits(40))], measures: { orange: [limit('L2', 80)], red: [stop('L1')] } });
    const b = enterprise({ code: code(2), lines: [lineWith('L1', 100, emits(30))], measures: { red: [limit('L1', 50)] } });
    const c = enterprise({ code: code(3), lines: [lineWith('L1', 100, emits(20))], livelihood: { duty: 'heating', maxLoadPercent: 50, filedOn: '2026-09-01' } });
    const { report } = account([a, b, c], AUTUMN, () => 'orange');
    const so2 = row(report.city, 'so2');
    // Baseline 100 kg/h; orange removes 20 % of L2 (8 kg/h): 8 %, short of 20 %.
    expect(so2).toMatchObject({ percent: 8, targetPercent: 20, shortfall: true, shortfallTonnesPerDay: perDay(12) });
    const list = report.city.shortfalls.find((s) => s.pollutant === 'so2')!.candidates;
    // a: stop its limited L2 (32 kg/h left) and take red's stop of L1 (10) = 42; b: red's cap 50 % = 15; c protected.
    expect(list.map((x) => [x.enterpriseCode, x.addTonnesPerDay])).toEqual([
      [a.code, perDay(42)],
      [b.code, perDay(15)],
    ]);
    expect(list[0]!.actions).toEqual([
      { lineCode: 'L1', action: 'stop', maxLoadPercent: null, level: 'red' },
      { lineCode: 'L2', action: 'stop', maxLoadPercent: null, level: null },
    ]);
    expect(list[1]!.actions).toEqual([{ lineCode: 'L1', action: 'limit', maxLoadPercent: 50, level: 'red' }]);
    // Pollutants these lines do not emit are not short (no baseline) and list nobody.
    expect(report.city.shortfalls.map((s) => s.pollutant)).toEqual(['so2']);
  });

  it('a shortfall lists at most the configured number of enterprises, most first', () => {
    const n = rules.emissions.shortfallCandidates;
    // Enterprise i: L1 (1 kg/h) stops at orange, L2 (i + 1 kg/h) at red: far short of 20 %.
    const many = Array.from({ length: n + 3 }, (_, i) =>
      enterprise({
        code: `9141080012345${String(i).padStart(5, '0')}`,
        lines: [lineWith('L1', 100, emits(1)), lineWith('L2', 100, emits(10 * (((i * 7) % (n + 3)) + 1)))],
        measures: { orange: [stop('L1')], red: [stop('L2')] },
      }),
    );
    const { report } = account(many, AUTUMN, () => 'orange');
    const list = report.city.shortfalls.find((s) => s.pollutant === 'so2')!.candidates;
    const expected = many.map((e) => [e.code, perDay(e.lines[1]!.emissions!.kgPerHour.so2)] as const).sort((a, b) => b[1] - a[1]);
    expect(list.map((c) => [c.enterpriseCode, c.addTonnesPerDay])).toEqual(expected.slice(0, n));
  });

  it('the city target weighs each county target by its baseline', () => {
    const inCounty = (county: string, n: number): Enterprise =>
      enterprise({ code: `91410800123456789${n}`, county, lines: [lineWith('L1', 100, emits(n === 1 ? 30 : 10))], measures: { red: [stop('L1')] } });
    const { report } = account([inCounty('修武县', 1), inCounty('博爱县', 2)], AUTUMN, (c) => (c === '修武县' ? 'red' : 'yellow'));
    const t = rules.emissionTargets;
    expect(report.city.level).toBeNull();
    expect(row(report.city, 'so2').targetPercent).toBeCloseTo((30 * t.red! + 10 * t.yellow!) / 40, 2);
    expect(report.counties.map((c) => [c.county, row(c, 'so2').targetPercent])).toEqual([
      ['修武县', t.red],
      ['博爱县', t.yellow],
    ]);
  });
});
