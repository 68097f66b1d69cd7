import { describe, expect, it } from 'vitest';
import { deriveOrder } from '../../../src/rules/orders/order-derivation.js';
import { cfg, enterprise, line, rules } from './rules-fixtures.js';

describe('line selection beyond the exact limit', () => {
  it('uses the greedy heuristic and still meets the minimum', () => {
    const lines = Array.from({ length: 25 }, (_, i) => line(`L${String(i).padStart(2, '0')}`, 10 + ((i * 7) % 13)));
    const e = enterprise({ industry: 'alumina', lines });
    const o = deriveOrder(e, '2026-12-10T00:00:00+08:00', 'none', cfg);
    expect(o.stoppedCapacityPercent).toBeGreaterThanOrEqual(30);
    const total = lines.reduce((s, l) => s + l.capacity, 0);
    const stopped = o.lines.filter((l) => l.action === 'stop');
    const stoppedCap = lines.filter((l) => stopped.some((s) => s.code === l.code)).reduce((s, l) => s + l.capacity, 0);
    const smallestRunning = Math.min(...lines.filter((l) => !stopped.some((s) => s.code === l.code)).map((l) => l.capacity));
    expect(stoppedCap - 0.3 * total).toBeLessThan(Math.max(smallestRunning, 10 + 12));
    // Same data under the exact limit (raised) finds an overshoot no larger.
    const exact = { ...cfg, rules: { ...rules, orders: { ...rules.orders, exactSearchMaxLines: 24 } } };
    expect(deriveOrder(e, '2026-12-10T00:00:00+08:00', 'none', exact).stoppedCapacityPercent).toBeLessThanOrEqual(o.stoppedCapacityPercent);
  });
});
