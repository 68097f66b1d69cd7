import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLLUTANTS, type Enterprise } from '../../../../src/rules/enterprise.js';
import { lineStage, powerShowsDrop, reportMatches, type LineEvidence, type LineStage } from '../../../../src/rules/emissions/line-stages.js';
import { accountReductions, accountReductionsKeeping } from '../../../../src/rules/emissions/reduction-accounting.js';
import { reaches } from '../../../../src/rules/emissions/line-stages.js';
import { accountStages, type StagedItem } from '../../../../src/rules/emissions/stage-accounting.js';
import type { Order, OrderLine } from '../../../../src/rules/orders/order.types.js';
import { inspectionConfig, orderLine } from '../inspection/inspection-fixtures.js';
import { cfg, enterprise } from '../rules-fixtures.js';
import { emits, lineWith, perDay } from './emissions-fixtures.js';

const stageCfg = { powerAnomaly: inspectionConfig().powerAnomaly };
const START = Date.parse('2026-12-10T10:00:00+08:00');
const H = 3_600_000;
const none: LineEvidence = { versionFrom: START, statements: [], finding: null, readings: [] };
const stop = orderLine({ action: 'stop' });
const cap50 = orderLine({ action: 'limit', maxLoadPercent: 50 });
const meter = (kwAfter: number): LineEvidence => ({
  ...none,
  readings: [...[1, 2, 3].map((d) => ({ at: START - d * 24 * H, kw: 1000 })), { at: START + H, kw: kwAfter }],
});

function order(e: Enterprise, lines: OrderLine[]): Order {
  return { enterpriseCode: e.code, at: '2026-12-10T12:00:00+08:00', level: 'orange', phase: null, lines, stoppedCapacityPercent: 0, maxLoadPercent: null, notes: [] };
}

describe('a line’s stage (planned ≥ confirmed ≥ verified)', () => {
  it('no evidence: planned; an implementation confirmation: confirmed', () => {
    expect(lineStage(stop, 0, none, stageCfg)).toEqual({ stage: 'planned', violated: false, by: null });
    expect(lineStage(stop, 0, { ...none, statements: [{ at: START + H, kind: 'implementation' }] }, stageCfg).stage).toBe('confirmed');
  });

  it('a status report confirms only when it matches the requirement; the latest statement counts', () => {
    const report = (state: 'running' | 'stopped' | 'limited' | 'banked', loadPercent: number | null, at = START + H) => ({ at, kind: 'status_report' as const, state, loadPercent });
    expect(lineStage(stop, 0, { ...none, statements: [report('stopped', null)] }, stageCfg).stage).toBe('confirmed');
    expect(lineStage(stop, 0, { ...none, statements: [report('banked', null)] }, stageCfg).stage).toBe('confirmed');
    expect(lineStage(stop, 0, { ...none, statements: [report('limited', 30)] }, stageCfg).stage).toBe('planned');
    expect(lineStage(cap50, 0.5, { ...none, statements: [report('limited', 50)] }, stageCfg).stage).toBe('confirmed');
    expect(lineStage(cap50, 0.5, { ...none, statements: [report('limited', 60)] }, stageCfg).stage).toBe('planned');
    // A confirmation, then a report that the line runs: no longer confirmed.
    const later = [{ at: START + H, kind: 'implementation' as const }, report('running', 100, START + 2 * H)];
    expect(lineStage(stop, 0, { ...none, statements: later }, stageCfg).stage).toBe('planned');
    expect(reportMatches(orderLine({ action: 'limit', maxLoadPercent: null, stoppedCells: 2 }), 'limited', null)).toBe(true);
    expect(reportMatches(orderLine({ action: 'run' }), 'stopped', null)).toBe(false);
  });

  it('a compliant finding or the meter verifies; a violation finding keeps it at planned whatever was confirmed', () => {
    const confirmed = { ...none, statements: [{ at: START + H, kind: 'implementation' as const }] };
    expect(lineStage(stop, 0, { ...confirmed, finding: { at: START + 2 * H, verdict: 'compliant' } }, stageCfg)).toEqual({ stage: 'verified', violated: false, by: 'finding' });
    expect(lineStage(stop, 0, { ...confirmed, finding: { at: START + 2 * H, verdict: 'violation' } }, stageCfg)).toEqual({ stage: 'planned', violated: true, by: null });
    expect(lineStage(stop, 0, meter(150), stageCfg)).toEqual({ stage: 'verified', violated: false, by: 'power' });
    expect(lineStage(stop, 0, { ...meter(150), finding: { at: START + 2 * H, verdict: 'violation' } }, stageCfg).stage).toBe('planned');
  });

  it('the meter shows the drop within remaining share + threshold of the baseline, and judges nothing without a baseline', () => {
    // Stop: ≤ 20 % of 1,000 kW. Cap 50 %: ≤ 70 %.
    expect(powerShowsDrop(meter(200), 0, stageCfg)).toBe(true);
    expect(powerShowsDrop(meter(201), 0, stageCfg)).toBe(false);
    expect(powerShowsDrop(meter(700), 0.5, stageCfg)).toBe(true);
    expect(powerShowsDrop(meter(701), 0.5, stageCfg)).toBe(false);
    expect(powerShowsDrop({ versionFrom: START, readings: [{ at: START + H, kw: 0 }] }, 0, stageCfg)).toBe(false);
    // Only readings before the start: no reading shows anything yet.
    expect(powerShowsDrop({ versionFrom: START, readings: meter(0).readings.slice(0, 3) }, 0, stageCfg)).toBe(false);
  });

  it('a line the order lets run has nothing to confirm', () => {
    expect(lineStage(orderLine({ action: 'run' }), 1, { ...none, finding: { at: START, verdict: 'compliant' } }, stageCfg).stage).toBe('planned');
    expect(lineStage(undefined, 1, none, stageCfg).stage).toBe('planned');
  });
});

describe('stage accounting per county and city', () => {
  const a = enterprise({ code: 'A', county: '修武县', lines: [lineWith('L1', 10, emits(10, 4)), lineWith('L2', 10, emits(20, 8))] });
  const b = enterprise({ code: 'B', county: '博爱县', lines: [lineWith('L1', 10, emits(40)), lineWith('L2', 10, null)] });
  const items: StagedItem[] = [
    {
      enterprise: a,
      order: order(a, [orderLine({ code: 'L1' }), orderLine({ code: 'L2', action: 'limit', maxLoadPercent: 50 })]),
      stages: new Map([
        ['L1', 'verified' as LineStage],
        ['L2', 'confirmed' as LineStage],
      ]),
    },
    { enterprise: b, order: order(b, [orderLine({ code: 'L1' }), orderLine({ code: 'L2' })]), stages: new Map(), violated: new Set(['L1']) },
  ];
  const counties = [
    { county: '修武县', level: 'orange' as const },
    { county: '博爱县', level: 'orange' as const },
  ];

  it('counts a stopped line whole and a 50 % cap half, at each stage it reached', () => {
    const r = accountStages(items, counties, cfg);
    const so2 = (i: number) => r.counties[i]!.stages.find((s) => s.pollutant === 'so2')!;
    expect(so2(0)).toMatchObject({ baselineKgPerHour: 30, targetPercent: cfg.rules.emissionTargets.orange });
    expect([so2(0).planned.kgPerHour, so2(0).confirmed.kgPerHour, so2(0).verified.kgPerHour]).toEqual([20, 20, 10]);
    expect(so2(0).verified).toMatchObject({ tonnesPerDay: perDay(10), percent: 33.33, shortfall: false });
    expect([so2(1).planned.kgPerHour, so2(1).confirmed.kgPerHour]).toEqual([40, 0]);
    expect(so2(1).confirmed.shortfall).toBe(true);
    const city = r.city.stages.find((s) => s.pollutant === 'so2')!;
    expect([city.planned.kgPerHour, city.confirmed.kgPerHour, city.verified.kgPerHour, city.baselineKgPerHour]).toEqual([60, 20, 10, 70]);
    expect(r.counties[1]!.lines).toEqual({ planned: 2, confirmed: 0, verified: 0, violated: 1 });
    // A's L1 is verified, so confirmed too; L2 confirmed.
    expect(r.city.lines).toEqual({ planned: 4, confirmed: 2, verified: 1, violated: 1 });
    // The planned figures are the dry run's accounting (shortfall list and all).
    expect(r.counties[0]!.planned.emissions.find((e) => e.pollutant === 'so2')!.reductionTonnesPerDay).toBe(perDay(20));
  });
});

describe('property: planned ≥ confirmed ≥ verified, none above the baseline', () => {
  const stageArb = fc.constantFrom<LineStage>('planned', 'confirmed', 'verified');
  const lineArb = fc.record({
    so2: fc.integer({ min: 0, max: 500 }),
    nox: fc.integer({ min: 0, max: 500 }),
    known: fc.boolean(),
    cells: fc.option(fc.integer({ min: 1, max: 8 })),
    action: fc.constantFrom<OrderLine['action']>('stop', 'limit', 'run'),
    load: fc.option(fc.integer({ min: 0, max: 100 })),
    stopped: fc.option(fc.integer({ min: 0, max: 10 })),
    stage: stageArb,
  });
  const enterpriseArb = fc.record({ county: fc.constantFrom('修武县', '博爱县', '温县'), lines: fc.array(lineArb, { minLength: 1, maxLength: 5 }) });

  it('holds for every scope and pollutant', () => {
    fc.assert(
      fc.property(fc.array(enterpriseArb, { minLength: 1, maxLength: 12 }), (raw) => {
        const items: StagedItem[] = raw.map((r, n) => {
          const e = enterprise({ code: `E${n}`, county: r.county, lines: r.lines.map((l, i) => lineWith(`L${i}`, 10, l.known ? emits(l.so2, l.nox) : null, l.cells)) });
          const lines = r.lines.map((l, i) =>
            orderLine({ code: `L${i}`, action: l.action, maxLoadPercent: l.action === 'limit' ? l.load : null, stoppedCells: l.action === 'limit' ? l.stopped : null }),
          );
          return { enterprise: e, order: order(e, lines), stages: new Map(r.lines.map((l, i) => [`L${i}`, l.stage])) };
        });
        const r = accountStages(
          items,
          ['修武县', '博爱县', '温县'].map((county) => ({ county, level: 'orange' as const })),
          cfg,
        );
        for (const scope of [...r.counties, r.city]) {
          expect(scope.stages.map((s) => s.pollutant)).toEqual([...POLLUTANTS]);
          for (const s of scope.stages) {
            expect(s.planned.tonnesPerDay).toBeGreaterThanOrEqual(s.confirmed.tonnesPerDay);
            expect(s.confirmed.tonnesPerDay).toBeGreaterThanOrEqual(s.verified.tonnesPerDay);
            expect(s.verified.tonnesPerDay).toBeGreaterThanOrEqual(0);
            expect(s.planned.tonnesPerDay).toBeLessThanOrEqual(s.baselineTonnesPerDay);
          }
          expect(scope.lines.planned).toBeGreaterThanOrEqual(scope.lines.confirmed);
          expect(scope.lines.confirmed).toBeGreaterThanOrEqual(scope.lines.verified);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: the one-pass partial accountings are the accounting of the released orders', () => {
  // Fractional figures, so that any change in the order of the sums would show in the last bits.
  const lineArb = fc.record({
    so2: fc.integer({ min: 0, max: 50_000 }),
    pm: fc.integer({ min: 0, max: 50_000 }),
    known: fc.boolean(),
    cells: fc.option(fc.integer({ min: 1, max: 8 })),
    action: fc.constantFrom<OrderLine['action']>('stop', 'limit', 'run'),
    load: fc.option(fc.integer({ min: 0, max: 100 })),
    stopped: fc.option(fc.integer({ min: 0, max: 10 })),
    stage: fc.constantFrom<LineStage>('planned', 'confirmed', 'verified'),
    ordered: fc.boolean(),
  });
  const enterpriseArb = fc.record({ county: fc.constantFrom('修武县', '博爱县', '温县', '孟州市'), lines: fc.array(lineArb, { minLength: 1, maxLength: 5 }) });
  /** What the accounting did before the one pass: the order with every line below `wanted` released. */
  const releasedBelow = (item: StagedItem, wanted: LineStage): Order => ({
    ...item.order,
    lines: item.order.lines.map((l) => (reaches(item.stages.get(l.code) ?? 'planned', wanted) ? l : { ...l, action: 'run', maxLoadPercent: null, stoppedCells: null })),
  });

  it('equals, to the last bit, accountReductions over the orders with the other lines released', () => {
    fc.assert(
      fc.property(fc.array(enterpriseArb, { minLength: 1, maxLength: 15 }), fc.constantFrom('orange' as const, 'red' as const), (raw, level) => {
        const items: StagedItem[] = raw.map((r, n) => {
          const e = enterprise({ code: `E${n}`, county: r.county, lines: r.lines.map((l, i) => lineWith(`L${i}`, 10, l.known ? emits(l.so2 / 7, 0.1, l.pm / 3) : null, l.cells)) });
          // Some lines have no order line at all (the order skips them).
          const lines = r.lines.flatMap((l, i) =>
            l.ordered ? [orderLine({ code: `L${i}`, action: l.action, maxLoadPercent: l.action === 'limit' ? l.load : null, stoppedCells: l.action === 'limit' ? l.stopped : null })] : [],
          );
          return { enterprise: e, order: order(e, lines), stages: new Map(r.lines.map((l, i) => [`L${i}`, l.stage])) };
        });
        // 孟州市 is not among the counties in scope: it is added after them, as the accounting does.
        const counties = ['修武县', '博爱县', '温县'].map((county) => ({ county, level }));
        const { report, partial } = accountReductionsKeeping(
          { items, counties },
          cfg,
          (['confirmed', 'verified'] as const).map((w) => (i: StagedItem, l: OrderLine) => reaches(i.stages.get(l.code) ?? 'planned', w)),
        );
        expect(report).toEqual(accountReductions({ items, counties }, cfg));
        (['confirmed', 'verified'] as const).forEach((wanted, k) => {
          const old = accountReductions({ items: items.map((i) => ({ enterprise: i.enterprise, order: releasedBelow(i, wanted) })), counties, candidates: false }, cfg);
          expect(partial[k]).toEqual({ counties: old.counties, city: old.city });
        });
      }),
      { numRuns: 300 },
    );
  });
});
