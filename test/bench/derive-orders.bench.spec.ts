import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { loadCityConfig, type CityConfig } from '../../src/config/city-config.js';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import { loadSeasonConfig } from '../../src/config/season-config.js';
import type { Enterprise } from '../../src/rules/enterprise.js';
import type { LevelOrNone } from '../../src/rules/levels/level-ladder.js';
import { generateRegistry } from '../../src/registry/demo/registry-generator.js';
import { deriveOrder } from '../../src/rules/orders/order-derivation.js';
import type { Order, OrderConfig } from '../../src/rules/orders/order.types.js';

// DESIGN.md target: every order for 100,000 enterprises / 400,000 lines, one moment and
// level, in process, under 1 s. Printed beside a baseline from the same run; only the
// result's correctness is asserted, never the time.

const ENTERPRISES = 100_000;

/** The registry generator's benchmark size: realistic industries, cells, exemptions and measures. */
function generate(seed: number, city: CityConfig): { enterprises: Enterprise[]; lines: number } {
  const enterprises = generateRegistry({ seed, enterprises: ENTERPRISES, city });
  return { enterprises, lines: enterprises.reduce((n, e) => n + e.lines.length, 0) };
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
  const { enterprises, lines } = generate(20261210, city);

  it.each([
    ['orange, full-stop phase', '2026-12-10T08:00:00+08:00', 'orange'],
    ['orange, limit phase', '2027-02-10T08:00:00+08:00', 'orange'],
  ] as const)('%s', (label, at, level) => {
    expect(enterprises).toHaveLength(ENTERPRISES);
    expect(lines).toBeGreaterThan(380_000);
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
    expect(orderLines).toBe(lines);
    expect(stopped).toBeGreaterThan(0);
    const perSecond = Math.round(ENTERPRISES / (run.ms / 1000));
    console.log(
      `[bench] ${label}: ${ENTERPRISES} enterprises / ${orderLines} lines in ${run.ms.toFixed(1)} ms ` +
        `(${perSecond.toLocaleString('en-US')} enterprises/s, ${stopped} lines stopped); ` +
        `baseline capacity sum ${base.ms.toFixed(2)} ms; ratio ${(run.ms / base.ms).toFixed(1)}×; target < 1000 ms`,
    );
  });
});
