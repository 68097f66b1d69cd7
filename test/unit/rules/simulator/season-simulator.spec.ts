import { describe, expect, it } from 'vitest';
import { loadGradingConfig } from '../../../../src/config/grading-config.js';
import type { Enterprise, LineEmissions } from '../../../../src/rules/enterprise.js';
import type { GradingTable } from '../../../../src/rules/grading/grading-table.js';
import type { OrderConfig } from '../../../../src/rules/orders/order.types.js';
import { RulesInputError } from '../../../../src/rules/rules.errors.js';
import { replayLevels } from '../../../../src/rules/simulator/level-replay.js';
import type { CountyAqi, SimulationEffect } from '../../../../src/rules/simulator/season-simulation.types.js';
import { simulateSeason } from '../../../../src/rules/simulator/season-simulator.js';
import { cfg as base, enterprise, line } from '../rules-fixtures.js';

const grading = loadGradingConfig();
const orders: OrderConfig = { ...base, grading };
const sim = { orders, forecastDays: 5 };

const kg = (k: Partial<LineEmissions['kgPerHour']>): LineEmissions => ({ kgPerHour: { so2: 0, nox: 0, pm: 0, vocs: 0, ...k }, source: 'permit', year: 2025 });

// Two counties, five days in December (every rule group in one phase throughout), daily AQI.
// 修武县 320, 330, 310, 90, 80: orange from day 1 (72 h above 200 with 24 h above 300), held
// on days 2 and 3 (yellow, then blue recommended, but orange is lifted only by 36 h at or
// below 200), lifted on day 4. 温县 120, 160, 90, 90, 90: light (above 100), moderate (above
// 150) the next day (its rolling means pass 150 on day 1 only after noon), which expires by itself on day 3.
const A: CountyAqi = { county: '修武县', resolution: 'daily', firstDate: '2026-12-10', values: [320, 330, 310, 90, 80] };
const B: CountyAqi = { county: '温县', resolution: 'daily', firstDate: '2026-12-10', values: [120, 160, 90, 90, 90] };

// E1 (修武县, other): L1 stops from yellow, L2 runs at 50 % from orange. At orange: 150 of 200
// capacity lost (0.75), SO2 10 kg/h × 24 h = 0.24 t, NOx 20 × 0.5 × 24 = 0.24 t a day.
const e1 = enterprise({
  code: 'E1',
  county: '修武县',
  lines: [
    { ...line('L1', 100), emissions: kg({ so2: 10 }) },
    { ...line('L2', 100), emissions: kg({ nox: 20 }) },
  ],
  measures: { yellow: [{ line: 'L1', action: 'stop', maxLoadPercent: null }], orange: [{ line: 'L2', action: 'limit', maxLoadPercent: 50 }] },
});
// E2 (修武县, chemical, grade D): the table stops every line from orange: PM 5 × 24 = 0.12 t a day.
const e2 = enterprise({
  code: 'E2',
  county: '修武县',
  industry: 'chemical',
  grade: 'D',
  lines: [{ ...line('L1', 50), emissions: kg({ pm: 5 }) }],
  measures: { orange: [{ line: 'L1', action: 'limit', maxLoadPercent: 70 }] },
});
// E3 (温县, other): L1 at 80 % under light (0.2 × 100 / 200 = 0.1 lost, VOCs 10 × 0.2 × 24 = 0.048 t),
// stopped under moderate (0.5 lost, 0.24 t); L2 has no emission figures.
const e3 = enterprise({
  code: 'E3',
  county: '温县',
  lines: [{ ...line('L1', 100), emissions: kg({ vocs: 10 }) }, line('L2', 100)],
  measures: { light: [{ line: 'L1', action: 'limit', maxLoadPercent: 80 }], moderate: [{ line: 'L1', action: 'stop', maxLoadPercent: null }] },
});

const round = (e: SimulationEffect) => ({
  restricted: e.enterpriseDaysRestricted,
  stopped: e.enterpriseDaysStopped,
  capacity: Math.round(e.capacityDaysLost * 1e6) / 1e6,
  so2: Math.round(e.tonnesAvoided.so2 * 1e6) / 1e6,
  nox: Math.round(e.tonnesAvoided.nox * 1e6) / 1e6,
  pm: Math.round(e.tonnesAvoided.pm * 1e6) / 1e6,
  vocs: Math.round(e.tonnesAvoided.vocs * 1e6) / 1e6,
  issued: e.ordersIssued,
});

describe('season simulator: a five-day season counted by hand', () => {
  const result = simulateSeason({ aqi: [A, B], enterprises: [e1, e2, e3] }, sim);

  it('replays the levels the recommendation rules issue, hold, expire and lift', () => {
    expect(result.series.map((d) => d.counties.map((c) => c.level))).toEqual([
      ['orange', 'light'],
      ['orange', 'moderate'],
      ['orange', 'none'],
      ['none', 'none'],
      ['none', 'none'],
    ]);
    expect(result.counties[0]!.levelDays).toEqual({ orange: 3, none: 2 });
    expect(result.counties[1]!.levelDays).toEqual({ light: 1, moderate: 1, none: 3 });
    expect([result.firstDate, result.lastDate, result.days]).toEqual(['2026-12-10', '2026-12-14', 5]);
  });

  it('totals per county: enterprise-days, capacity-days, tonnes avoided, orders issued', () => {
    // 修武县: three orange days of E1 (0.75 a day) and E2 (stopped whole); orders on day 1 (two) and the lift on day 4 (two).
    expect(round(result.counties[0]!)).toEqual({ restricted: 6, stopped: 3, capacity: 5.25, so2: 0.72, nox: 0.72, pm: 0.36, vocs: 0, issued: 4 });
    // 温县: light 0.1 + moderate 0.5; orders on days 1, 2 and 3 (the moderate level expiring).
    expect(round(result.counties[1]!)).toEqual({ restricted: 2, stopped: 0, capacity: 0.6, so2: 0, nox: 0, pm: 0, vocs: 0.288, issued: 3 });
    expect(round(result.city)).toEqual({ restricted: 8, stopped: 3, capacity: 5.85, so2: 0.72, nox: 0.72, pm: 0.36, vocs: 0.288, issued: 7 });
    expect(result.city.enterprises).toBe(3);
    expect(result.unknownLines).toBe(1);
  });

  it('totals per industry', () => {
    const by = Object.fromEntries(result.industries.map((i) => [i.industry, { enterprises: i.enterprises, ...round(i) }]));
    expect(by).toEqual({
      other: { enterprises: 2, restricted: 5, stopped: 0, capacity: 2.85, so2: 0.72, nox: 0.72, pm: 0, vocs: 0.288, issued: 5 },
      chemical: { enterprises: 1, restricted: 3, stopped: 3, capacity: 3, so2: 0, nox: 0, pm: 0.36, vocs: 0, issued: 2 },
    });
  });

  it('day by day', () => {
    expect(result.series.map((d) => round(d.city))).toEqual([
      { restricted: 3, stopped: 1, capacity: 1.85, so2: 0.24, nox: 0.24, pm: 0.12, vocs: 0.048, issued: 3 },
      { restricted: 3, stopped: 1, capacity: 2.25, so2: 0.24, nox: 0.24, pm: 0.12, vocs: 0.24, issued: 1 },
      { restricted: 2, stopped: 1, capacity: 1.75, so2: 0.24, nox: 0.24, pm: 0.12, vocs: 0, issued: 1 },
      { restricted: 0, stopped: 0, capacity: 0, so2: 0, nox: 0, pm: 0, vocs: 0, issued: 2 },
      { restricted: 0, stopped: 0, capacity: 0, so2: 0, nox: 0, pm: 0, vocs: 0, issued: 0 },
    ]);
  });

  it('derives once per distinct situation, and the per-day loop gives the same answer', () => {
    // 修武县: orange, none; 温县: light, moderate, none.
    expect(result.situations).toBe(5);
    expect(result.derivations).toBe(2 * 2 + 3 * 1);
    const naive = simulateSeason({ aqi: [A, B], enterprises: [e1, e2, e3] }, sim, { groupSituations: false });
    expect(naive.derivations).toBe(5 * 2 + 5 * 1);
    expect({ ...naive, situations: 0, derivations: 0 }).toEqual({ ...result, situations: 0, derivations: 0 });
  });

  it('another grading table changes the totals (D takes its listed 70 % at orange)', () => {
    const listed: GradingTable = { ...grading, grades: { ...grading.grades, D: { name: 'D级企业', levels: {} } } };
    const other = simulateSeason({ aqi: [A, B], enterprises: [e1, e2, e3] }, { orders: { ...orders, grading: listed }, forecastDays: 5 });
    // E2: 0.3 of its capacity and of 0.12 t PM a day, never stopped whole.
    expect(round(other.counties[0]!)).toEqual({ restricted: 6, stopped: 0, capacity: 3.15, so2: 0.72, nox: 0.72, pm: 0.108, vocs: 0, issued: 4 });
  });

  it('other thresholds change the levels', () => {
    const rules = {
      ...orders.rules,
      recommendation: { ...orders.rules.recommendation, levels: { ...orders.rules.recommendation.levels, light: [[{ comparison: 'above' as const, threshold: 160, hours: 24 }]] } },
    };
    const levels = replayLevels(B, { rules, levels: orders.levels, timezone: orders.season.timezone, forecastDays: 5 });
    // 120 is no longer light; 160 is still moderate.
    expect(levels).toEqual(['none', 'moderate', 'none', 'none', 'none']);
  });
});

describe('season simulator: the season calendar', () => {
  // A kiln enterprise over the end of the full stop (to 2027-01-31) and the start of the
  // 50 % limit by lines (L1, 60 of 100, stops), with no level at all.
  const kiln: Enterprise = enterprise({ code: 'K1', industry: 'cement_clinker', lines: [line('L1', 60), line('L2', 40)] });
  const aqi: CountyAqi = { county: '修武县', resolution: 'daily', firstDate: '2027-01-30', values: [50, 50, 50, 50, 50] };
  const r = simulateSeason({ aqi: [aqi], enterprises: [kiln] }, sim);

  it('counts the peak-shifting phases: two days stopped, three at 60 % lost; two situations', () => {
    expect(r.series.map((d) => d.counties[0]!.level)).toEqual(['none', 'none', 'none', 'none', 'none']);
    expect(round(r.city)).toEqual({ restricted: 5, stopped: 2, capacity: 3.8, so2: 0, nox: 0, pm: 0, vocs: 0, issued: 2 });
    expect(r.situations).toBe(2);
    // Lines without figures: both.
    expect(r.unknownLines).toBe(2);
  });

  it('hourly values give the same levels as the same daily values', () => {
    const hourly: CountyAqi = { ...A, resolution: 'hourly', values: A.values.flatMap((v) => Array<number>(24).fill(v)) };
    const h = simulateSeason({ aqi: [hourly], enterprises: [e1, e2] }, sim);
    const d = simulateSeason({ aqi: [A], enterprises: [e1, e2] }, sim);
    expect(h.series.map((x) => x.counties[0]!.level)).toEqual(d.series.map((x) => x.counties[0]!.level));
    expect(round(h.city)).toEqual(round(d.city));
  });

  it('refuses unusable input', () => {
    expect(() => simulateSeason({ aqi: [], enterprises: [] }, sim)).toThrow(RulesInputError);
    expect(() => simulateSeason({ aqi: [A, A], enterprises: [] }, sim)).toThrow(/more than one/);
    expect(() => simulateSeason({ aqi: [{ ...A, values: [1, -2] }], enterprises: [] }, sim)).toThrow(/AQI ≥ 0/);
  });
});
