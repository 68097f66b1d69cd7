import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/rules/prng.js';
import { allocateByCounty, drawInspections, drawWeight, type DrawCandidate, type DrawInput, type DrawTeam } from '../../../../src/rules/inspection/double-random-draw.js';
import { RulesInputError } from '../../../../src/rules/rules.errors.js';
import { candidates, inspectionConfig } from './inspection-fixtures.js';

const weights = inspectionConfig().draw.weights;
const COUNTIES = ['修武县', '博爱县', '武陟县', '温县', '沁阳市', '孟州市', '解放区'];
const teams: DrawTeam[] = [
  { key: 'T01', homeCounty: '修武县' },
  { key: 'T02', homeCounty: '博爱县' },
  { key: 'T03', homeCounty: '武陟县' },
  { key: 'T04', homeCounty: null },
  { key: 'T05', homeCounty: '温县' },
];

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const rng = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function baseInput(over: Partial<DrawInput> = {}): DrawInput {
  const cands = candidates({ 修武县: 120, 博爱县: 80, 武陟县: 60, 温县: 40 }).map((c, i) => ({
    ...c,
    risk: { overdueAck: i % 7 === 0, powerAnomaly: i % 11 === 0, pastViolations: i % 5 },
  }));
  return { seed: '2026-12-01 第12期', size: 30, candidates: cands, teams, weights, ...over };
}

const codes = (r: ReturnType<typeof drawInspections>): string[] => r.picks.map((p) => p.code);

describe('drawInspections: reproducibility', () => {
  it('gives the identical draw for the same seed and the same sets, whatever their order', () => {
    const input = baseInput();
    const a = drawInspections(input);
    const b = drawInspections(input);
    const c = drawInspections({ ...input, candidates: shuffle(input.candidates, 1), teams: shuffle(input.teams, 2) });
    const d = drawInspections({ ...input, candidates: [...input.candidates].reverse(), teams: [...input.teams].reverse() });
    expect(a.picks).toHaveLength(30);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(d).toEqual(a);
  });

  it('records the seed as a string; a number is its decimal string', () => {
    const a = drawInspections(baseInput({ seed: 20261201 }));
    const b = drawInspections(baseInput({ seed: '20261201' }));
    expect(a.seed).toBe('20261201');
    expect(b).toEqual(a);
  });

  it('draws differently for different seeds', () => {
    const a = new Set(codes(drawInspections(baseInput({ seed: 'a' }))));
    const b = codes(drawInspections(baseInput({ seed: 'b' })));
    expect(b.filter((c) => a.has(c)).length).toBeLessThan(b.length);
  });

  it('numbers picks 1..n, grouped by county, each code once', () => {
    const r = drawInspections(baseInput());
    expect(r.picks.map((p) => p.order)).toEqual(r.picks.map((_, i) => i + 1));
    expect(new Set(codes(r)).size).toBe(r.picks.length);
    const counties = r.picks.map((p) => p.county);
    expect(counties).toEqual([...counties].sort());
  });

  it('keeps the enterprises drawn when only the teams change', () => {
    const a = drawInspections(baseInput());
    const b = drawInspections(baseInput({ teams: [...teams, { key: 'T06', homeCounty: null }] }));
    expect(new Set(codes(b))).toEqual(new Set(codes(a)));
  });
});

describe('drawInspections: stratification', () => {
  it('allocates in proportion to candidates per county', () => {
    const r = drawInspections({ seed: 's', size: 100, candidates: candidates({ A: 600, B: 300, C: 100 }), teams: [{ key: 'T', homeCounty: null }] });
    expect(r.allocation).toEqual({ A: 60, B: 30, C: 10 });
    for (const county of ['A', 'B', 'C']) expect(r.picks.filter((p) => p.county === county)).toHaveLength(r.allocation[county]!);
  });

  it('gives equal remainders to the county whose name sorts first (largest remainder)', () => {
    expect(
      Object.fromEntries(
        allocateByCounty(
          new Map([
            ['C', 1],
            ['B', 2],
            ['A', 7],
          ]),
          5,
        ),
      ),
    ).toEqual({ A: 4, B: 1, C: 0 });
    expect(
      Object.fromEntries(
        allocateByCounty(
          new Map([
            ['Y', 1],
            ['X', 1],
            ['Z', 1],
          ]),
          2,
        ),
      ),
    ).toEqual({ X: 1, Y: 1, Z: 0 });
  });

  it('allocation always sums to size and never exceeds a county', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (sizes, frac) => {
        const counts = new Map(sizes.map((n, i) => [`C${i}`, n]));
        const total = sizes.reduce((s, n) => s + n, 0);
        const size = Math.max(1, Math.round(frac * total));
        const alloc = allocateByCounty(counts, size);
        expect([...alloc.values()].reduce((s, n) => s + n, 0)).toBe(size);
        for (const [c, k] of alloc) {
          expect(k).toBeLessThanOrEqual(counts.get(c)!);
          expect(Math.abs(k - (size * counts.get(c)!) / total)).toBeLessThan(1);
        }
      }),
    );
  });

  it('without stratification samples the whole set at once', () => {
    const r = drawInspections({ seed: 's', size: 50, candidates: candidates({ A: 500, B: 500 }), teams: [{ key: 'T', homeCounty: null }], stratify: false });
    expect(r.picks).toHaveLength(50);
    expect((r.allocation.A ?? 0) + (r.allocation.B ?? 0)).toBe(50);
  });
});

describe('drawInspections: weights', () => {
  it('computes multiplicative risk weights with capped past violations', () => {
    expect(drawWeight(undefined, weights)).toBe(1);
    expect(drawWeight({ overdueAck: true, powerAnomaly: true }, weights)).toBe(6);
    expect(drawWeight({ pastViolations: 2 }, weights)).toBeCloseTo(2.25);
    expect(drawWeight({ pastViolations: 9 }, weights)).toBeCloseTo(1.5 ** 3);
    expect(drawWeight({ overdueAck: true, powerAnomaly: true, pastViolations: 9 }, undefined)).toBe(1);
  });

  it('draws risky enterprises more often (fixed seed, 3:1 weight on half of the set)', () => {
    const cands: DrawCandidate[] = candidates({ A: 10_000 }).map((c, i) => ({ ...c, risk: { powerAnomaly: i % 2 === 0 } }));
    const r = drawInspections({ seed: 'weights', size: 500, candidates: cands, teams: [{ key: 'T', homeCounty: null }], weights });
    const risky = r.picks.filter((p) => p.weight === 3).length / r.picks.length;
    // Expected ≈ 3/4 at a 5% sampling fraction; the window is many standard errors (≈ 0.02) wide.
    expect(risky).toBeGreaterThan(0.68);
    expect(risky).toBeLessThan(0.82);
    const unweighted = drawInspections({ seed: 'weights', size: 500, candidates: cands, teams: [{ key: 'T', homeCounty: null }] });
    const share = unweighted.picks.filter((p) => Number(p.code.slice(-6)) % 2 === 0).length / 500;
    expect(share).toBeGreaterThan(0.42);
    expect(share).toBeLessThan(0.58);
  });
});

describe('drawInspections: teams', () => {
  it('never sends a team to its own county (property)', () => {
    const county = fc.constantFrom(...COUNTIES);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ code: fc.stringMatching(/^[A-Z0-9]{1,8}$/), county }), { selector: (c) => c.code, minLength: 1, maxLength: 60 }),
        fc.uniqueArray(fc.record({ key: fc.stringMatching(/^T[0-9]{1,3}$/), homeCounty: fc.option(county, { nil: null }) }), { selector: (t) => t.key, maxLength: 8 }),
        fc.string(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (cands, tms, seed, frac, stratify) => {
          const size = Math.max(1, Math.round(frac * cands.length));
          const r = drawInspections({ seed: seed || 'x', size, candidates: cands, teams: tms, stratify });
          const home = new Map(tms.map((t) => [t.key, t.homeCounty]));
          for (const p of r.picks) expect(home.get(p.team)).not.toBe(p.county);
          expect(r.picks.length + r.unassigned.length).toBe(size);
          // Unassigned only when truly no team may go there.
          for (const u of r.unassigned) expect(tms.every((t) => t.homeCounty === u.county)).toBe(true);
          // Balanced: no task could move to an eligible team with two fewer tasks.
          const load = new Map(tms.map((t) => [t.key, r.picks.filter((p) => p.team === t.key).length]));
          for (const p of r.picks) {
            for (const t of tms) if (t.homeCounty !== p.county) expect(load.get(t.key)!).toBeGreaterThanOrEqual(load.get(p.team)! - 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports drawn enterprises no team may inspect instead of breaking the cross-county rule', () => {
    const r = drawInspections({ seed: 's', size: 10, candidates: candidates({ 温县: 10, 孟州市: 10 }), teams: [{ key: 'T', homeCounty: '温县' }] });
    expect(r.allocation).toEqual({ 温县: 5, 孟州市: 5 });
    expect(r.picks.map((p) => p.county)).toEqual(Array(5).fill('孟州市'));
    expect(r.unassigned).toHaveLength(5);
    expect(r.unassigned.every((u) => u.county === '温县' && u.reason.includes('温县'))).toBe(true);

    const allowed = drawInspections({ seed: 's', size: 10, candidates: candidates({ 温县: 10, 孟州市: 10 }), teams: [{ key: 'T', homeCounty: '温县' }], allowHomeCounty: true });
    expect(allowed.unassigned).toEqual([]);
    expect(allowed.picks).toHaveLength(10);

    const none = drawInspections({ seed: 's', size: 3, candidates: candidates({ 温县: 10 }), teams: [] });
    expect(none.picks).toEqual([]);
    expect(none.unassigned.map((u) => u.reason)).toEqual(Array(3).fill('没有可派出的检查组。'));
  });

  it('balances load across eligible teams', () => {
    const r = drawInspections({
      seed: 'bal',
      size: 60,
      candidates: candidates({ A: 100, B: 100, C: 100 }),
      teams: [
        { key: 'TA', homeCounty: 'A' },
        { key: 'TB', homeCounty: 'B' },
        { key: 'TC', homeCounty: 'C' },
      ],
    });
    const loads = ['TA', 'TB', 'TC'].map((k) => r.picks.filter((p) => p.team === k).length);
    expect(loads).toEqual([20, 20, 20]);
  });
});

describe('drawInspections: validation and speed', () => {
  it.each([
    [{ size: 0 }, 'size must be an integer'],
    [{ size: 2.5 }, 'size must be an integer'],
    [{ size: 1000 }, 'exceeds the number of candidates'],
    [{ seed: '' }, 'seed'],
    [
      {
        candidates: [
          { code: 'X', county: 'A' },
          { code: 'X', county: 'B' },
        ],
        size: 1,
      },
      'appears more than once',
    ],
    [
      {
        teams: [
          { key: 'T', homeCounty: null },
          { key: 'T', homeCounty: 'A' },
        ],
      },
      'team key T',
    ],
    [{ candidates: [{ code: 'X', county: 'A', risk: { pastViolations: -1 } }], size: 1 }, 'pastViolations'],
  ] as Array<[Partial<DrawInput>, string]>)('rejects %j', (over, message) => {
    expect(() => drawInspections(baseInput(over))).toThrow(RulesInputError);
    expect(() => drawInspections(baseInput(over))).toThrow(message);
  });

  it('draws 500 from 100,000 across counties', () => {
    const rng = mulberry32(7);
    const cands: DrawCandidate[] = Array.from({ length: 100_000 }, (_, i) => ({
      code: `E${String(i).padStart(7, '0')}`,
      county: COUNTIES[rng.int(0, COUNTIES.length - 1)]!,
      risk: { overdueAck: rng.chance(0.1), powerAnomaly: rng.chance(0.02), pastViolations: rng.int(0, 4) },
    }));
    const tms: DrawTeam[] = Array.from({ length: 20 }, (_, i) => ({ key: `T${String(i).padStart(2, '0')}`, homeCounty: COUNTIES[i % COUNTIES.length]! }));
    const r = drawInspections({ seed: 'bulk', size: 500, candidates: cands, teams: tms, weights });
    expect(r.picks).toHaveLength(500);
    expect(Object.values(r.allocation).reduce((s, n) => s + n, 0)).toBe(500);
  });
});
