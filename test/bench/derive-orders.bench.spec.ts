import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../src/config/city-config.js';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import { loadSeasonConfig } from '../../src/config/season-config.js';
import type { Enterprise, LevelKey, LevelOrNone, Measures } from '../../src/rules/enterprise.js';
import { deriveOrder } from '../../src/rules/orders/order-derivation.js';
import type { Order, OrderConfig } from '../../src/rules/orders/order.types.js';

// DESIGN.md target: every order for 100,000 enterprises / 400,000 lines, one moment and
// level, in process, under 1 s. Printed beside a baseline from the same run; only the
// result's correctness is asserted, never the time.

const ENTERPRISES = 100_000;
const LINE_COUNTS = [2, 3, 4, 5, 6]; // mean 4 → 400,000 lines

/** mulberry32: a tiny seeded generator, local to the bench on purpose. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: { industry: string; process: string | null; fuel: string | null; cells?: boolean }[] = [
  { industry: 'cement_clinker', process: null, fuel: null },
  { industry: 'foundry', process: null, fuel: null },
  { industry: 'carbon', process: null, fuel: null },
  { industry: 'refractory', process: null, fuel: null },
  { industry: 'glass', process: null, fuel: 'coal' },
  { industry: 'glass', process: null, fuel: 'natural_gas' },
  { industry: 'brick_tile', process: 'sintered', fuel: null },
  { industry: 'brick_tile', process: 'non_sintered', fuel: null },
  { industry: 'steel', process: 'sintered', fuel: null },
  { industry: 'steel', process: 'non_sintered', fuel: null },
  { industry: 'electrolytic_aluminium', process: null, fuel: null, cells: true },
  { industry: 'alumina', process: null, fuel: null },
  { industry: 'pharma', process: null, fuel: null },
  { industry: 'coking', process: null, fuel: null },
  { industry: 'chemical', process: null, fuel: null },
  { industry: 'other', process: null, fuel: null },
];
const LEVELS: LevelKey[] = ['light', 'moderate', 'blue', 'yellow', 'orange', 'red'];

function generate(seed: number): { enterprises: Enterprise[]; lines: number } {
  const r = rng(seed);
  const enterprises: Enterprise[] = [];
  let lineTotal = 0;
  for (let i = 0; i < ENTERPRISES; i++) {
    const kind = KINDS[Math.floor(r() * KINDS.length)]!;
    const n = LINE_COUNTS[i % LINE_COUNTS.length]!;
    lineTotal += n;
    const lines = Array.from({ length: n }, (_, j) => {
      const cells = kind.cells ? 100 + Math.floor(r() * 200) : null;
      return { code: `L${j + 1}`, name: `${j + 1}号线`, capacity: 100 + Math.floor(r() * 4900), unit: 't/d', cells };
    });
    const measures: Measures = {};
    for (const level of LEVELS) {
      if (r() < 0.5) continue;
      const line = lines[Math.floor(r() * n)]!.code;
      measures[level] = r() < 0.4 ? [{ line, action: 'stop', maxLoadPercent: null }] : [{ line, action: 'limit', maxLoadPercent: 50 + Math.floor(r() * 40) }];
    }
    const livelihood = r() < 0.03 ? { duty: 'heating', maxLoadPercent: 60, filedOn: r() < 0.5 ? '2026-09-15' : '2026-10-08' } : null;
    const provincialApproval = kind.industry === 'pharma' && r() < 0.3 ? { maxLoadPercent: 50, approvedOn: '2026-11-01', reference: null } : null;
    enterprises.push({
      code: `91410800${String(i).padStart(10, '0')}`,
      name: `企业${i}`,
      county: '修武县',
      industry: kind.industry,
      process: kind.process,
      fuel: kind.fuel,
      airEmitting: r() < 0.8,
      grade: null,
      livelihood,
      provincialApproval,
      contacts: [],
      lines,
      measures,
      webhookUrl: null,
    });
  }
  return { enterprises, lines: lineTotal };
}

function deriveAll(enterprises: Enterprise[], at: string, level: LevelOrNone, cfg: OrderConfig): Order[] {
  const out = new Array<Order>(enterprises.length);
  for (let i = 0; i < enterprises.length; i++) out[i] = deriveOrder(enterprises[i]!, at, level, cfg);
  return out;
}

/** Baseline: the least work any derivation must do, touching every line once. */
function sumCapacities(enterprises: Enterprise[]): number {
  let sum = 0;
  for (let i = 0; i < enterprises.length; i++) {
    const lines = enterprises[i]!.lines;
    for (let j = 0; j < lines.length; j++) sum += lines[j]!.capacity;
  }
  return sum;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

describe('derive orders: 100,000 enterprises / 400,000 lines', () => {
  const city = loadCityConfig();
  const cfg: OrderConfig = { season: loadSeasonConfig('2026-2027'), rules: loadRulesConfig(), levels: city.levels, livelihoodDuties: city.livelihoodDuties };
  const { enterprises, lines } = generate(20261210);

  it.each([
    ['orange, full-stop phase', '2026-12-10T08:00:00+08:00', 'orange'],
    ['orange, limit phase', '2027-02-10T08:00:00+08:00', 'orange'],
  ] as const)('%s', (label, at, level) => {
    expect(enterprises).toHaveLength(ENTERPRISES);
    expect(lines).toBe(400_000);
    // Warm-up so that both figures are for optimised code.
    deriveAll(enterprises.slice(0, 10_000), at, level, cfg);
    sumCapacities(enterprises);
    const base = time(() => sumCapacities(enterprises));
    const run = time(() => deriveAll(enterprises, at, level, cfg));
    const orders = run.value;
    expect(orders).toHaveLength(ENTERPRISES);
    let orderLines = 0;
    let stopped = 0;
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i]!;
      orderLines += o.lines.length;
      for (const l of o.lines) {
        if (l.action === 'stop') stopped++;
        if (l.action !== 'run' && l.reasons.length === 0) throw new Error(`${o.enterpriseCode} ${l.code}: constrained line without a reason`);
      }
    }
    expect(orderLines).toBe(400_000);
    expect(stopped).toBeGreaterThan(0);
    const perSecond = Math.round(ENTERPRISES / (run.ms / 1000));
    console.log(
      `[bench] ${label}: ${ENTERPRISES} enterprises / ${orderLines} lines in ${run.ms.toFixed(1)} ms ` +
        `(${perSecond.toLocaleString('en-US')} enterprises/s, ${stopped} lines stopped); ` +
        `baseline capacity sum ${base.ms.toFixed(2)} ms; ratio ${(run.ms / base.ms).toFixed(1)}×; target < 1000 ms`,
    );
  });
});
