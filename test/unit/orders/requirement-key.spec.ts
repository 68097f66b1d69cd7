import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linesOfKey, requirementKey } from '../../../src/orders/order-plan.js';
import type { OrderLine } from '../../../src/rules/orders/order.types.js';

const line = fc.record({
  // Line codes are free text in the registry: separators of the key included.
  code: fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('A', '7', '|', ':', '窑', '-', ' ') }),
  action: fc.constantFrom<OrderLine['action']>('run', 'limit', 'stop'),
  maxLoadPercent: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
  stoppedCells: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  noKilnBanking: fc.boolean(),
});

describe('requirement key', () => {
  it('reads back exactly the requirement of every line, whatever the line codes hold', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), fc.array(line, { maxLength: 6 }), (max, lines) => {
        const back = linesOfKey(requirementKey(max, lines));
        expect(back).toEqual(lines.map((l) => ({ ...l, reasons: [] })));
      }),
    );
  });

  it('differs when any part of the requirement differs, and ignores reasons', () => {
    const a: OrderLine = { code: 'L1', action: 'limit', maxLoadPercent: 50, stoppedCells: null, noKilnBanking: false, reasons: [] };
    const key = requirementKey(null, [a]);
    const withReasons: OrderLine = { ...a, reasons: [{ rule: 'x', clause: '', text: 'y' }] };
    expect(requirementKey(null, [withReasons])).toBe(key);
    for (const changed of [{ maxLoadPercent: 40 }, { action: 'stop' as const }, { stoppedCells: 2 }, { noKilnBanking: true }, { code: 'L2' }]) {
      expect(requirementKey(null, [{ ...a, ...changed }])).not.toBe(key);
    }
    expect(requirementKey(50, [a])).not.toBe(key);
    // A code holding the separators cannot make two different line lists collide.
    expect(requirementKey(null, [{ ...a, code: 'L1:limit:50:null:0|2:L2' }])).not.toBe(requirementKey(null, [a, { ...a, code: 'L2' }]));
  });
});
