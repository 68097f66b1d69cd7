import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Enterprise, Measure } from '../../../src/rules/enterprise.js';
import type { LevelKey } from '../../../src/rules/levels/level-ladder.js';
import { deriveOrder } from '../../../src/rules/orders/order-derivation.js';
import { validateProposal } from '../../../src/rules/orders/proposal-validation.js';
import { cfg, enterprise, line } from './rules-fixtures.js';

const LEVELS: LevelKey[] = ['light', 'moderate', 'blue', 'yellow', 'orange', 'red'];
const levelArb = fc.constantFrom<'none' | LevelKey>('none', ...LEVELS);
const atArb = fc.constantFrom('2026-10-20T12:00:00+08:00', '2026-11-10T12:00:00+08:00', '2026-12-10T12:00:00+08:00', '2027-02-10T12:00:00+08:00', '2027-04-01T12:00:00+08:00');
const industryArb = fc.constantFrom(
  { industry: 'cement_clinker', process: null, fuel: null },
  { industry: 'steel', process: 'non_sintered', fuel: null },
  { industry: 'steel', process: 'sintered', fuel: null },
  { industry: 'alumina', process: null, fuel: null },
  { industry: 'brick_tile', process: 'sintered', fuel: null },
  { industry: 'pharma', process: null, fuel: null },
  { industry: 'coking', process: null, fuel: null },
);

/** Random enterprise with ≤ 10 integer-capacity lines (unique codes, shuffled order) and random measures. */
const enterpriseArb: fc.Arbitrary<Enterprise> = fc
  .record({
    kind: industryArb,
    caps: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }),
    order: fc.array(fc.nat(), { maxLength: 10 }),
    measures: fc.array(fc.record({ level: fc.constantFrom(...LEVELS), line: fc.nat(9), stop: fc.boolean(), load: fc.integer({ min: 0, max: 100 }) }), { maxLength: 6 }),
    livelihood: fc.option(fc.record({ filedOn: fc.constantFrom('2026-09-30', '2026-10-01'), maxLoadPercent: fc.integer({ min: 0, max: 100 }) })),
  })
  .map(({ kind, caps, order, measures, livelihood }) => {
    const codes = caps.map((_, i) => `L${String.fromCharCode(65 + ((i * 7 + (order[i] ?? 0)) % 26))}${i}`);
    const lines = caps.map((c, i) => line(codes[i]!, c));
    const m: Partial<Record<LevelKey, Measure[]>> = {};
    for (const x of measures) {
      if (x.line >= lines.length) continue;
      (m[x.level] ??= []).push({ line: lines[x.line]!.code, action: x.stop ? 'stop' : 'limit', maxLoadPercent: x.stop ? null : x.load });
    }
    return enterprise({
      ...kind,
      airEmitting: true,
      lines,
      measures: m,
      livelihood: livelihood ? { duty: 'heating', ...livelihood } : null,
    });
  });

function forcedOf(e: Enterprise, level: 'none' | LevelKey): Set<string> {
  const idx = level === 'none' ? -1 : LEVELS.indexOf(level);
  const s = new Set<string>();
  for (let i = 0; i <= idx; i++) for (const m of e.measures[LEVELS[i]!] ?? []) if (m.action === 'stop') s.add(m.line);
  return s;
}

describe('order properties', () => {
  it('every order meets its constraints, and no whole-line set overshoots less', () => {
    fc.assert(
      fc.property(enterpriseArb, atArb, levelArb, (e, at, level) => {
        const o = deriveOrder(e, at, level, cfg);
        const total = e.lines.reduce((s, l) => s + l.capacity, 0);
        const stopped = new Set(o.lines.filter((l) => l.action === 'stop').map((l) => l.code));
        // Every constrained line says why.
        for (const l of o.lines) if (l.action !== 'run') expect(l.reasons.length).toBeGreaterThan(0);
        const livelihoodOk = e.livelihood?.filedOn === '2026-09-30';
        // Level stops are honoured unless a timely livelihood filing exempts warning measures.
        if (!livelihoodOk) for (const code of forcedOf(e, level)) expect(stopped.has(code)).toBe(true);
        const phase = o.phase?.phase;
        const group = o.phase?.group;
        if (!livelihoodOk && phase === 'full_stop' && group !== 'pharma_pesticide') expect(stopped.size).toBe(e.lines.length);
        if (livelihoodOk && phase !== undefined && phase !== 'before' && phase !== 'after') expect(o.maxLoadPercent).toBe(e.livelihood!.maxLoadPercent);
        if (!livelihoodOk && phase === 'limit') {
          const minimum = group === 'alumina' ? 30 : 50;
          const stoppedCap = e.lines.filter((l) => stopped.has(l.code)).reduce((s, l) => s + l.capacity, 0);
          expect(stoppedCap * 100).toBeGreaterThanOrEqual(minimum * total);
          // Brute force: the forced set plus any subset of the others.
          const forced = forcedOf(e, level);
          const free = e.lines.filter((l) => !forced.has(l.code));
          const forcedCap = e.lines.filter((l) => forced.has(l.code)).reduce((s, l) => s + l.capacity, 0);
          let best = Infinity;
          let bestCodes: string[] = [];
          for (let mask = 0; mask < 1 << free.length; mask++) {
            const chosen = free.filter((_, i) => mask & (1 << i));
            const sum = forcedCap + chosen.reduce((s, l) => s + l.capacity, 0);
            if (sum * 100 < minimum * total) continue;
            const codes = chosen.map((l) => l.code).sort();
            if (sum < best || (sum === best && firstDiffWins(codes, bestCodes))) {
              best = sum;
              bestCodes = codes;
            }
          }
          expect(stoppedCap).toBe(best);
          expect([...stopped].filter((c) => !forced.has(c)).sort()).toEqual(bestCodes);
          // The derived selection is itself an acceptable proposal.
          expect(validateProposal(e, at, level, cfg, [...stopped]).ok).toBe(true);
        }
      }),
      { numRuns: 600, seed: 20261110 },
    );
  });

  it('cell counting meets ≥ 30% and overshoots by less than one cell', () => {
    const aluArb = fc.array(fc.record({ capacity: fc.integer({ min: 10, max: 5000 }), cells: fc.option(fc.integer({ min: 1, max: 400 })) }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(aluArb, (spec) => {
        const lines = spec.map((l, i) => line(`P${i}`, l.capacity, l.cells));
        const o = deriveOrder(enterprise({ industry: 'electrolytic_aluminium', lines }), '2026-12-10T00:00:00+08:00', 'none', cfg);
        const total = lines.reduce((s, l) => s + l.capacity, 0);
        let stopped = 0;
        o.lines.forEach((ol, i) => {
          const l = lines[i]!;
          const k = ol.action === 'stop' ? (l.cells ?? 1) : (ol.stoppedCells ?? 0);
          expect(k).toBeLessThanOrEqual(l.cells ?? 1);
          if (k > 0) expect(ol.reasons.length).toBeGreaterThan(0);
          stopped += (l.capacity * k) / (l.cells ?? 1);
        });
        const largestCell = Math.max(...lines.map((l) => l.capacity / (l.cells ?? 1)));
        expect(stopped).toBeGreaterThanOrEqual(0.3 * total - 1e-6);
        expect(stopped - 0.3 * total).toBeLessThan(largestCell + 1e-6);
        expect(o.stoppedCapacityPercent).toBeCloseTo((stopped / total) * 100, 1);
      }),
      { numRuns: 400, seed: 43 },
    );
  });

  it('deriving is deterministic and independent of the order lines are listed in', () => {
    fc.assert(
      fc.property(enterpriseArb, atArb, levelArb, (e, at, level) => {
        const a = deriveOrder(e, at, level, cfg);
        const reversed = deriveOrder({ ...e, lines: [...e.lines].reverse() }, at, level, cfg);
        const key = (o: typeof a) => o.lines.map((l) => `${l.code}:${l.action}:${l.maxLoadPercent}`).sort();
        expect(key(reversed)).toEqual(key(a));
        expect(deriveOrder(e, at, level, cfg)).toEqual(a);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('a higher level is never milder than a lower one', () => {
    fc.assert(
      fc.property(enterpriseArb, atArb, (e, at) => {
        let previous = -1;
        for (const level of ['none', ...LEVELS] as const) {
          const p = deriveOrder(e, at, level, cfg).stoppedCapacityPercent;
          expect(p).toBeGreaterThanOrEqual(previous);
          previous = p;
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

/** Tie rule of the derivation: the set holding the smallest code among the differing ones wins. */
function firstDiffWins(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  const diff = [...a.filter((c) => !sb.has(c)), ...b.filter((c) => !sa.has(c))].sort();
  return diff.length > 0 && sa.has(diff[0]!);
}
