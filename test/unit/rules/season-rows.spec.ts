import { describe, expect, it } from 'vitest';
import type { Enterprise } from '../../../src/rules/enterprise.js';
import { deriveOrder } from '../../../src/rules/orders/order-derivation.js';
import { matchGroup, phaseAt } from '../../../src/rules/season/season-calendar.js';
import { cfg, enterprise, line, season } from './rules-fixtures.js';

// RULES.md §1, every row, on both sides of every boundary (local and UTC spellings).
type Expect = 'none' | 'full_stop' | 'full_stop_cold' | { percent: number; stopped: string[]; cells?: number };
interface Row {
  name: string;
  e: Partial<Enterprise>;
  rule: string | null;
  /** Expected before Nov 1, Nov 1–14, Nov 15–Jan 31, Feb 1–Mar 15, from Mar 16. */
  spans: [Expect, Expect, Expect, Expect, Expect];
}

const lines4 = [line('L1', 40), line('L2', 30), line('L3', 20), line('L4', 10)];
const kilnSpans: Row['spans'] = ['none', 'full_stop_cold', 'full_stop_cold', { percent: 50, stopped: ['L1', 'L4'] }, 'none'];
const heatingStop: Row['spans'] = ['none', 'none', 'full_stop', 'full_stop', 'none'];
const heating50: Row['spans'] = ['none', 'none', { percent: 50, stopped: ['L1', 'L4'] }, { percent: 50, stopped: ['L1', 'L4'] }, 'none'];
const heating30: Row['spans'] = ['none', 'none', { percent: 30, stopped: ['L2'] }, { percent: 30, stopped: ['L2'] }, 'none'];
const cells30: Row['spans'] = ['none', 'none', { percent: 30, stopped: [], cells: 30 }, { percent: 30, stopped: [], cells: 30 }, 'none'];
const nothing: Row['spans'] = ['none', 'none', 'none', 'none', 'none'];

const rows: Row[] = [
  ...['cement_clinker', 'foundry', 'carbon', 'refractory', 'corundum'].map((industry): Row => ({ name: industry, e: { industry }, rule: 'season.kiln', spans: kilnSpans })),
  { name: 'glass (coal)', e: { industry: 'glass', fuel: 'coal' }, rule: 'season.kiln', spans: kilnSpans },
  { name: 'glass (natural gas): no seasonal rule', e: { industry: 'glass', fuel: 'natural_gas' }, rule: null, spans: nothing },
  { name: 'brick_tile sintered', e: { industry: 'brick_tile', process: 'sintered' }, rule: 'season.sintered_brick', spans: heatingStop },
  { name: 'brick_tile non_sintered', e: { industry: 'brick_tile', process: 'non_sintered' }, rule: 'season.non_sintered', spans: heating50 },
  { name: 'steel non_sintered', e: { industry: 'steel', process: 'non_sintered' }, rule: 'season.non_sintered', spans: heating50 },
  { name: 'steel sintered', e: { industry: 'steel', process: 'sintered' }, rule: 'season.steel_sintered', spans: heating50 },
  {
    name: 'electrolytic_aluminium (cells)',
    e: { industry: 'electrolytic_aluminium', lines: [line('L1', 40, 40), line('L2', 30, 30), line('L3', 20, 20), line('L4', 10, 10)] },
    rule: 'season.electrolytic_aluminium',
    spans: cells30,
  },
  { name: 'alumina', e: { industry: 'alumina' }, rule: 'season.alumina', spans: heating30 },
  { name: 'pharma air-emitting', e: { industry: 'pharma', airEmitting: true }, rule: 'season.pharma_pesticide', spans: heatingStop },
  { name: 'pesticide air-emitting', e: { industry: 'pesticide', airEmitting: true }, rule: 'season.pharma_pesticide', spans: heatingStop },
  { name: 'pharma not air-emitting', e: { industry: 'pharma', airEmitting: false }, rule: null, spans: nothing },
  { name: 'coking: no seasonal rule', e: { industry: 'coking' }, rule: null, spans: nothing },
];

// [instant, span index] — last moment of a day and first moment of the next.
const instants: [string, number][] = [
  ['2026-10-31T23:59:59+08:00', 0],
  ['2026-10-31T15:59:59.999Z', 0],
  ['2026-11-01T00:00:00+08:00', 1],
  ['2026-10-31T16:00:00Z', 1],
  ['2026-11-14T23:59:59+08:00', 1],
  ['2026-11-14T15:59:59Z', 1],
  ['2026-11-15T00:00:00+08:00', 2],
  ['2026-11-14T16:00:00Z', 2],
  ['2027-01-31T23:59:59+08:00', 2],
  ['2027-01-31T15:59:59Z', 2],
  ['2027-02-01T00:00:00+08:00', 3],
  ['2027-01-31T16:00:00Z', 3],
  ['2027-03-15T23:59:59+08:00', 3],
  ['2027-03-15T15:59:59Z', 3],
  ['2027-03-16T00:00:00+08:00', 4],
  ['2027-03-15T16:00:00Z', 4],
];

describe.each(rows)('RULES §1: $name', (row) => {
  it.each(instants)('at %s', (at, span) => {
    const e = enterprise({ lines: lines4, ...row.e });
    const expected = row.spans[span]!;
    const order = deriveOrder(e, at, 'none', cfg);
    expect(order.notes).toEqual([]);
    expect(order.maxLoadPercent).toBeNull();
    if (expected === 'none') {
      expect(order.lines.every((l) => l.action === 'run' && l.reasons.length === 0)).toBe(true);
      expect(order.stoppedCapacityPercent).toBe(0);
      return;
    }
    const reasonRules = new Set(order.lines.flatMap((l) => l.reasons.map((r) => r.rule)));
    expect([...reasonRules].every((r) => r.startsWith(row.rule!))).toBe(true);
    expect(order.lines.flatMap((l) => l.reasons).every((r) => r.clause === '43' && /[\u4e00-\u9fff]/.test(r.text))).toBe(true);
    if (expected === 'full_stop' || expected === 'full_stop_cold') {
      expect(order.lines.every((l) => l.action === 'stop' && l.reasons.length === 1)).toBe(true);
      expect(order.lines.every((l) => l.noKilnBanking === (expected === 'full_stop_cold'))).toBe(true);
      expect(order.stoppedCapacityPercent).toBe(100);
      expect(order.phase?.phase).toBe('full_stop');
      return;
    }
    expect(order.phase?.phase).toBe('limit');
    expect(order.stoppedCapacityPercent).toBe(expected.percent);
    expect(order.lines.filter((l) => l.action === 'stop').map((l) => l.code)).toEqual(expected.stopped);
    if (expected.cells !== undefined) {
      expect(order.lines.reduce((n, l) => n + (l.stoppedCells ?? 0), 0)).toBe(expected.cells);
      expect(order.lines.filter((l) => l.stoppedCells).every((l) => l.reasons.length >= 1)).toBe(true);
    }
    expect(order.lines.filter((l) => l.action === 'stop').every((l) => !l.noKilnBanking && l.reasons.length === 1)).toBe(true);
  });
});

describe('phaseAt', () => {
  const kiln = season.groups.find((g) => g.key === 'kiln')!;
  it.each([
    ['2026-10-31T15:59:59.999Z', 'before'],
    ['2026-10-31T16:00:00Z', 'full_stop'],
    [new Date('2027-01-31T15:59:59.999Z'), 'full_stop'],
    ['2027-02-01T00:00:00+08:00', 'limit'],
    ['2027-03-15T23:59:59.999+08:00', 'limit'],
    ['2027-03-16T00:00:00+08:00', 'after'],
  ] as const)('kiln at %s is %s', (at, phase) => {
    expect(phaseAt(kiln, at)).toBe(phase);
  });
  it('matchGroup uses process, fuel and airEmitting', () => {
    expect(matchGroup(season, { industry: 'glass', process: null, fuel: 'coal', airEmitting: true })?.key).toBe('kiln');
    expect(matchGroup(season, { industry: 'glass', process: null, fuel: 'natural_gas', airEmitting: true })).toBeNull();
    expect(matchGroup(season, { industry: 'steel', process: null, fuel: null, airEmitting: true })).toBeNull();
  });
});
