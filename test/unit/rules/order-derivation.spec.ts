import { describe, expect, it } from 'vitest';
import type { Measures } from '../../../src/rules/enterprise.js';
import { deriveOrder } from '../../../src/rules/orders/order-derivation.js';
import { validateProposal } from '../../../src/rules/orders/proposal-validation.js';
import { RulesInputError } from '../../../src/rules/rules.errors.js';
import { cfg, enterprise, line, rules } from './rules-fixtures.js';

const lines4 = [line('L1', 40), line('L2', 30), line('L3', 20), line('L4', 10)];
const measures: Measures = {
  light: [{ line: 'L1', action: 'limit', maxLoadPercent: 80 }],
  moderate: [{ line: 'L2', action: 'limit', maxLoadPercent: 60 }],
  blue: [{ line: 'L1', action: 'limit', maxLoadPercent: 70 }],
  yellow: [{ line: 'L3', action: 'stop', maxLoadPercent: null }],
  orange: [{ line: 'L4', action: 'stop', maxLoadPercent: null }],
  red: [{ line: 'L1', action: 'stop', maxLoadPercent: null }],
};
const OFF_SEASON = '2026-10-10T10:00:00+08:00';
const DEC = '2026-12-10T08:00:00+08:00';
const FEB = '2027-02-10T08:00:00+08:00';
const view = (o: ReturnType<typeof deriveOrder>) => o.lines.map((l) => [l.code, l.action, l.maxLoadPercent]);

describe('level measures with inheritance (RULES §2: a level applies every milder level too)', () => {
  const e = enterprise({ industry: 'coking', lines: lines4, measures });
  it.each([
    [
      'none',
      [
        ['L1', 'run', null],
        ['L2', 'run', null],
        ['L3', 'run', null],
        ['L4', 'run', null],
      ],
      0,
    ],
    [
      'light',
      [
        ['L1', 'limit', 80],
        ['L2', 'run', null],
        ['L3', 'run', null],
        ['L4', 'run', null],
      ],
      0,
    ],
    [
      'moderate',
      [
        ['L1', 'limit', 80],
        ['L2', 'limit', 60],
        ['L3', 'run', null],
        ['L4', 'run', null],
      ],
      0,
    ],
    [
      'blue',
      [
        ['L1', 'limit', 70],
        ['L2', 'limit', 60],
        ['L3', 'run', null],
        ['L4', 'run', null],
      ],
      0,
    ],
    [
      'yellow',
      [
        ['L1', 'limit', 70],
        ['L2', 'limit', 60],
        ['L3', 'stop', null],
        ['L4', 'run', null],
      ],
      20,
    ],
    [
      'orange',
      [
        ['L1', 'limit', 70],
        ['L2', 'limit', 60],
        ['L3', 'stop', null],
        ['L4', 'stop', null],
      ],
      30,
    ],
    [
      'red',
      [
        ['L1', 'stop', null],
        ['L2', 'limit', 60],
        ['L3', 'stop', null],
        ['L4', 'stop', null],
      ],
      70,
    ],
  ] as const)('%s', (level, expected, stopped) => {
    const o = deriveOrder(e, OFF_SEASON, level, cfg);
    expect(view(o)).toEqual(expected);
    expect(o.stoppedCapacityPercent).toBe(stopped);
    expect(o.phase).toBeNull();
    for (const l of o.lines) if (l.action !== 'run') expect(l.reasons.length).toBeGreaterThan(0);
    if (level === 'red') expect(o.lines[0]!.reasons.map((r) => r.rule)).toEqual(['level.red.stop']);
    if (level === 'blue') expect(o.lines[0]!.reasons).toEqual([expect.objectContaining({ rule: 'level.blue.limit', clause: '41' })]);
  });

  it('a limit without a load is read as 0% with a note', () => {
    const o = deriveOrder(enterprise({ measures: { light: [{ line: 'L1', action: 'limit', maxLoadPercent: null }] } }), OFF_SEASON, 'light', cfg);
    expect(view(o)[0]).toEqual(['L1', 'limit', 0]);
    expect(o.notes).toHaveLength(1);
  });

  it('a measure naming an unknown line is ignored with a note', () => {
    const o = deriveOrder(enterprise({ measures: { orange: [{ line: 'X9', action: 'stop', maxLoadPercent: null }] } }), OFF_SEASON, 'orange', cfg);
    expect(o.lines.every((l) => l.action === 'run')).toBe(true);
    expect(o.notes.join()).toContain('X9');
  });
});

describe('combined season + level constraints', () => {
  it('limit phase: a level stop counts towards the 50% and the rest is topped up', () => {
    const e = enterprise({ industry: 'cement_clinker', lines: lines4, measures });
    const o = deriveOrder(e, FEB, 'orange', cfg);
    // L3 (yellow) + L4 (orange) forced = 30; 20 more needed: L3/L4 taken, so L2 (30) or L1 (40): L2 overshoots less.
    expect(o.lines.filter((l) => l.action === 'stop').map((l) => l.code)).toEqual(['L2', 'L3', 'L4']);
    expect(o.stoppedCapacityPercent).toBe(60);
    expect(o.lines[0]).toMatchObject({ action: 'limit', maxLoadPercent: 70 });
    expect(o.lines[1]!.reasons.map((r) => r.rule)).toEqual(['season.kiln.limit']);
    expect(o.lines[3]!.reasons.map((r) => r.rule)).toEqual(['level.orange.stop']);
  });

  it('full-stop phase: every line stops, level stop reasons are kept beside the season reason', () => {
    const e = enterprise({ industry: 'cement_clinker', lines: lines4, measures });
    const o = deriveOrder(e, DEC, 'red', cfg);
    expect(o.lines.every((l) => l.action === 'stop' && l.noKilnBanking)).toBe(true);
    expect(o.lines[0]!.reasons.map((r) => r.rule)).toEqual(['season.kiln.full_stop', 'level.red.stop']);
    expect(o.lines[1]!.reasons.map((r) => r.rule)).toEqual(['season.kiln.full_stop']);
  });

  it('level limit and season limit: lines not stopped keep their level cap', () => {
    const e = enterprise({ industry: 'alumina', lines: lines4, measures });
    const o = deriveOrder(e, DEC, 'blue', cfg);
    expect(view(o)).toEqual([
      ['L1', 'limit', 70],
      ['L2', 'stop', null],
      ['L3', 'run', null],
      ['L4', 'run', null],
    ]);
  });
});

describe('livelihood exemption (filed by Sep 30 of the first year)', () => {
  const lh = (filedOn: string) => ({ duty: 'heating', maxLoadPercent: 40, filedOn });
  it('filed Sep 30: no peak-shifting, capped at the approved load, with a note', () => {
    const o = deriveOrder(enterprise({ industry: 'cement_clinker', lines: lines4, livelihood: lh('2026-09-30') }), DEC, 'none', cfg);
    expect(o.lines.every((l) => l.action === 'limit' && l.maxLoadPercent === 40 && !l.noKilnBanking)).toBe(true);
    expect(o.lines[0]!.reasons.map((r) => r.rule)).toEqual(['season.livelihood.max_load']);
    expect(o.maxLoadPercent).toBe(40);
    expect(o.stoppedCapacityPercent).toBe(0);
    expect(o.notes.join()).toContain('居民供暖');
  });

  it('filed Oct 1: no exemption, full stop, and the order says why', () => {
    const o = deriveOrder(enterprise({ industry: 'cement_clinker', lines: lines4, livelihood: lh('2026-10-01') }), DEC, 'none', cfg);
    expect(o.lines.every((l) => l.action === 'stop')).toBe(true);
    expect(o.maxLoadPercent).toBeNull();
    expect(o.notes).toHaveLength(1);
    expect(o.notes[0]).toContain('2026-10-01');
    expect(o.notes[0]).toContain('2026-09-30');
    expect(o.notes[0]).toContain('不予豁免');
  });

  it('missing filing date: no exemption, with a note', () => {
    const o = deriveOrder(enterprise({ industry: 'cement_clinker', lines: lines4, livelihood: lh('') }), DEC, 'none', cfg);
    expect(o.lines.every((l) => l.action === 'stop')).toBe(true);
    expect(o.notes[0]).toContain('未提供');
  });

  it('takes no warning measures by default, but control measures still apply', () => {
    const e = enterprise({ industry: 'coking', lines: lines4, measures, livelihood: lh('2026-09-01') });
    const o = deriveOrder(e, OFF_SEASON, 'red', cfg);
    expect(view(o)).toEqual([
      ['L1', 'limit', 80],
      ['L2', 'limit', 60],
      ['L3', 'run', null],
      ['L4', 'run', null],
    ]);
    expect(o.notes.join()).toContain('不执行预警级别');
  });

  it('takes warning measures when the config says so; a late filing takes them anyway', () => {
    const e = enterprise({ industry: 'coking', lines: lines4, measures, livelihood: lh('2026-09-01') });
    const takes = { ...cfg, rules: { ...rules, livelihood: { takesWarningMeasures: true } } };
    expect(deriveOrder(e, OFF_SEASON, 'red', takes).stoppedCapacityPercent).toBe(70);
    expect(deriveOrder({ ...e, livelihood: lh('2026-10-01') }, OFF_SEASON, 'red', cfg).stoppedCapacityPercent).toBe(70);
  });

  it('a stricter level limit beats the livelihood cap per line', () => {
    const e = enterprise({ industry: 'cement_clinker', lines: lines4, measures: { light: [{ line: 'L1', action: 'limit', maxLoadPercent: 30 }] }, livelihood: lh('2026-09-01') });
    const o = deriveOrder(e, DEC, 'light', cfg);
    expect(view(o)[0]).toEqual(['L1', 'limit', 30]);
    expect(o.lines[0]!.reasons.map((r) => r.rule)).toEqual(['level.light.limit']);
    expect(view(o)[1]).toEqual(['L2', 'limit', 40]);
  });
});

describe('provincial approval (air-emitting pharma / pesticide)', () => {
  const approval = (approvedOn: string) => ({ maxLoadPercent: 60, approvedOn, reference: '豫环函〔2026〕1号' });
  it('caps load instead of a full stop', () => {
    const o = deriveOrder(enterprise({ industry: 'pharma', airEmitting: true, lines: lines4, provincialApproval: approval('2026-11-01') }), DEC, 'none', cfg);
    expect(o.lines.every((l) => l.action === 'limit' && l.maxLoadPercent === 60)).toBe(true);
    expect(o.lines[0]!.reasons.map((r) => r.rule)).toEqual(['season.provincial_approval.max_load']);
    expect(o.maxLoadPercent).toBe(60);
    expect(o.notes.join()).toContain('豫环函');
  });
  it('an approval dated after the order time does not count yet', () => {
    const o = deriveOrder(enterprise({ industry: 'pesticide', airEmitting: true, lines: lines4, provincialApproval: approval('2026-12-11') }), DEC, 'none', cfg);
    expect(o.lines.every((l) => l.action === 'stop')).toBe(true);
    expect(o.notes).toHaveLength(1);
  });
  it('means nothing for an industry whose full stop it cannot replace', () => {
    const o = deriveOrder(enterprise({ industry: 'brick_tile', process: 'sintered', lines: lines4, provincialApproval: approval('2026-11-01') }), DEC, 'none', cfg);
    expect(o.lines.every((l) => l.action === 'stop')).toBe(true);
  });
});

describe('cells (electrolytic aluminium)', () => {
  it('stops whole cells, counting each by its share of its line', () => {
    // L1: 300 t in 100 cells (3 t each); L2: 200 t in 50 cells (4 t each). 30% of 500 = 150.
    const e = enterprise({ industry: 'electrolytic_aluminium', lines: [line('L1', 300, 100), line('L2', 200, 50)] });
    const o = deriveOrder(e, DEC, 'none', cfg);
    // Larger cells first: L2 alone gives 37 cells = 148, one more 3 t cell on L1 → 151.
    expect(o.lines.map((l) => [l.code, l.action, l.stoppedCells])).toEqual([
      ['L1', 'limit', 1],
      ['L2', 'limit', 37],
    ]);
    expect(o.stoppedCapacityPercent).toBe(30.2);
    expect(o.lines.every((l) => l.reasons[0]!.rule === 'season.electrolytic_aluminium.limit')).toBe(true);
  });
  it('a level stop on a cell line counts in full', () => {
    const e = enterprise({ industry: 'electrolytic_aluminium', lines: [line('L1', 300, 100), line('L2', 200, 50)], measures: { orange: [{ line: 'L2', action: 'stop', maxLoadPercent: null }] } });
    const o = deriveOrder(e, DEC, 'orange', cfg);
    expect(o.lines.map((l) => [l.code, l.action, l.stoppedCells])).toEqual([
      ['L1', 'run', null],
      ['L2', 'stop', 50],
    ]);
    expect(o.stoppedCapacityPercent).toBe(40);
  });
});

describe('proposals', () => {
  const e = enterprise({ industry: 'cement_clinker', lines: lines4, measures });
  it('accepts a different set that meets the minimum', () => {
    const r = validateProposal(e, FEB, 'none', cfg, ['L2', 'L3']);
    expect(r).toMatchObject({ ok: true, stoppedCapacityPercent: 50, requiredPercent: 50 });
  });
  it('rejects a shortfall with the missing percentage points', () => {
    const r = validateProposal(e, FEB, 'none', cfg, ['L2']);
    expect(r).toMatchObject({ ok: false, shortfallPercentPoints: 20, stoppedCapacityPercent: 30, missingForcedLines: [], unknownLines: [] });
    if (!r.ok) expect(r.message).toContain('20个百分点');
  });
  it('rejects when a forced line (level stop) is missing, even if the share is met', () => {
    const r = validateProposal(e, FEB, 'orange', cfg, ['L1', 'L3']);
    expect(r).toMatchObject({ ok: false, missingForcedLines: ['L4'], shortfallPercentPoints: 0 });
  });
  it('rejects unknown lines, and any gap during a full stop', () => {
    expect(validateProposal(e, FEB, 'none', cfg, ['L1', 'L9'])).toMatchObject({ ok: false, unknownLines: ['L9'] });
    expect(validateProposal(e, DEC, 'none', cfg, ['L1', 'L2', 'L3'])).toMatchObject({ ok: false, missingForcedLines: ['L4'] });
    expect(validateProposal(e, DEC, 'none', cfg, ['L1', 'L2', 'L3', 'L4']).ok).toBe(true);
  });
  it('accepts cells for a cell-counted line', () => {
    const alu = enterprise({ industry: 'electrolytic_aluminium', lines: [line('L1', 300, 100), line('L2', 200, 50)] });
    expect(validateProposal(alu, DEC, 'none', cfg, [{ line: 'L1', cells: 50 }]).ok).toBe(true);
    expect(validateProposal(alu, DEC, 'none', cfg, [{ line: 'L1', cells: 49 }])).toMatchObject({ ok: false, shortfallPercentPoints: 0.6 });
  });
});

describe('input errors', () => {
  it('names a bad time or level', () => {
    expect(() => deriveOrder(enterprise(), 'yesterday', 'none', cfg)).toThrow(RulesInputError);
    // Without a zone the server's own zone would decide: refused.
    expect(() => deriveOrder(enterprise(), '2026-12-10T08:00:00', 'none', cfg)).toThrow(/ISO 8601/);
    expect(() => deriveOrder(enterprise(), '2026-12-10', 'none', cfg)).toThrow(RulesInputError);
    expect(() => deriveOrder(enterprise(), DEC, 'purple' as 'red', cfg)).toThrow(/level/);
  });
  it('reports order time as UTC ISO and exact 2-decimal percentages', () => {
    const o = deriveOrder(enterprise({ industry: 'alumina', lines: [line('A', 1), line('B', 1), line('C', 1)] }), DEC, 'none', cfg);
    expect(o.at).toBe('2026-12-10T00:00:00.000Z');
    expect(o.stoppedCapacityPercent).toBe(33.33);
  });
});
