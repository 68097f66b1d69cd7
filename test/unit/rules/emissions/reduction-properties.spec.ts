import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLLUTANTS, type Enterprise, type Measure } from '../../../../src/rules/enterprise.js';
import { removedShare, type LineRequirement } from '../../../../src/rules/emissions/line-reduction.js';
import type { LevelKey, LevelOrNone } from '../../../../src/rules/levels/level-ladder.js';
import { city, enterprise } from '../rules-fixtures.js';
import { account, emits, lineWith } from './emissions-fixtures.js';

const LADDER: LevelOrNone[] = ['none', ...city.levels.map((l) => l.key)];
const WARNING_LEVELS = city.levels.map((l) => l.key);
const atArb = fc.constantFrom('2026-10-20T12:00:00+08:00', '2026-11-10T12:00:00+08:00', '2026-12-10T12:00:00+08:00', '2027-02-10T12:00:00+08:00', '2027-04-01T12:00:00+08:00');
const kg = fc.integer({ min: 0, max: 500 });

/**
 * Industries and times where the season constraint is a full stop or nothing (no kiln limit
 * phase in February): no set-level minimum picks extra lines by capacity. Where one does, a
 * higher level's forced stop can change which lines the minimum picks, and the emissions
 * removed may fall (the selection weighs capacity, not emissions): RULES.md §5.
 */
const noMinimumAtArb = fc.constantFrom('2026-10-20T12:00:00+08:00', '2026-11-10T12:00:00+08:00', '2026-12-10T12:00:00+08:00', '2027-04-01T12:00:00+08:00');
const stopOrNone = [
  { industry: 'other', process: null },
  { industry: 'cement_clinker', process: null },
  { industry: 'brick_tile', process: 'sintered' },
  { industry: 'pharma', process: null },
];
/** Industries with a set-level minimum (whole lines or cells). */
const withMinimum = [
  { industry: 'steel', process: 'sintered' },
  { industry: 'alumina', process: null },
  { industry: 'electrolytic_aluminium', process: null },
];

function enterpriseArb(kinds: { industry: string; process: string | null }[]): fc.Arbitrary<Enterprise> {
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      lines: fc.array(fc.record({ cap: fc.integer({ min: 1, max: 50 }), cells: fc.option(fc.integer({ min: 1, max: 20 })), known: fc.boolean(), so2: kg, nox: kg, pm: kg, vocs: kg }), {
        minLength: 1,
        maxLength: 8,
      }),
      measures: fc.array(fc.record({ level: fc.constantFrom<LevelKey>(...WARNING_LEVELS), line: fc.nat(7), stop: fc.boolean(), load: fc.integer({ min: 0, max: 100 }) }), { maxLength: 8 }),
      livelihood: fc.option(fc.record({ filedOn: fc.constantFrom('2026-09-30', '2026-10-01'), maxLoadPercent: fc.integer({ min: 0, max: 100 }) })),
      approval: fc.option(fc.integer({ min: 0, max: 100 })),
    })
    .map(({ kind, lines, measures, livelihood, approval }) => {
      const ls = lines.map((l, i) => lineWith(`L${i}`, l.cap, l.known ? emits(l.so2, l.nox, l.pm, l.vocs) : null, l.cells));
      const m: Partial<Record<LevelKey, Measure[]>> = {};
      for (const x of measures) if (x.line < ls.length) (m[x.level] ??= []).push({ line: ls[x.line]!.code, action: x.stop ? 'stop' : 'limit', maxLoadPercent: x.stop ? null : x.load });
      return enterprise({
        ...kind,
        lines: ls,
        measures: m,
        livelihood: livelihood ? { duty: 'heating', ...livelihood } : null,
        provincialApproval: approval === null ? null : { maxLoadPercent: approval, approvedOn: '2026-09-01', reference: null },
      });
    });
}

const reductionsAt = (e: Enterprise, at: string, level: LevelOrNone) => account([e], at, () => level).report.enterprises[0]!;

describe('reduction accounting properties', () => {
  it('the reduction is never negative and never exceeds the baseline, per pollutant, line and scope', () => {
    fc.assert(
      fc.property(enterpriseArb([...stopOrNone, ...withMinimum]), atArb, fc.constantFrom(...LADDER), (e, at, level) => {
        const { report } = account([e], at, () => level);
        const r = report.enterprises[0]!;
        for (const p of POLLUTANTS) {
          expect(r.reduction[p]).toBeGreaterThanOrEqual(0);
          expect(r.reduction[p]).toBeLessThanOrEqual(r.baseline[p] + 1e-9);
        }
        for (const x of report.city.emissions) {
          expect(x.reductionTonnesPerDay).toBeLessThanOrEqual(x.baselineTonnesPerDay);
          if (x.percent !== null) expect(x.percent).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the reduction never decreases when the level rises', () => {
    fc.assert(
      fc.property(enterpriseArb(stopOrNone), noMinimumAtArb, fc.integer({ min: 0, max: LADDER.length - 2 }), fc.integer({ min: 1, max: LADDER.length - 1 }), (e, at, lo, step) => {
        const hi = Math.min(LADDER.length - 1, lo + step);
        const low = reductionsAt(e, at, LADDER[lo]!);
        const high = reductionsAt(e, at, LADDER[hi]!);
        for (const p of POLLUTANTS) expect(high.reduction[p]).toBeGreaterThanOrEqual(low.reduction[p] - 1e-9);
      }),
      { numRuns: 400 },
    );
  });

  it('a stricter requirement on a line never removes less (stop ≥ fewer running cells ≥ lower cap ≥ run)', () => {
    const req = fc.record({
      action: fc.constantFrom<'run' | 'limit' | 'stop'>('run', 'limit', 'stop'),
      maxLoadPercent: fc.option(fc.integer({ min: 0, max: 100 })),
      stoppedCells: fc.option(fc.integer({ min: 0, max: 20 })),
    });
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 1, max: 20 })), req, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 20 }), (cells, r, lower, more) => {
        const line = { cells };
        const base: LineRequirement = r;
        const share = removedShare(line, base);
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
        expect(removedShare(line, { action: 'stop', maxLoadPercent: null, stoppedCells: null })).toBe(1);
        if (base.action !== 'limit') return;
        const capped = { ...base, maxLoadPercent: Math.min(base.maxLoadPercent ?? 100, lower) };
        expect(removedShare(line, capped)).toBeGreaterThanOrEqual(share - 1e-12);
        const cellsOff = { ...base, stoppedCells: (base.stoppedCells ?? 0) + more };
        expect(removedShare(line, cellsOff)).toBeGreaterThanOrEqual(share - 1e-12);
      }),
      { numRuns: 500 },
    );
  });
});
