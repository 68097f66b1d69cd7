import { describe, expect, it } from 'vitest';
import { loadGradingConfig } from '../../../src/config/grading-config.js';
import type { Enterprise, Measures } from '../../../src/rules/enterprise.js';
import type { GradingTable } from '../../../src/rules/grading/grading-table.js';
import { deriveOrder } from '../../../src/rules/orders/order-derivation.js';
import type { Order, OrderConfig } from '../../../src/rules/orders/order.types.js';
import { validateProposal } from '../../../src/rules/orders/proposal-validation.js';
import { cfg as base, city, enterprise, line } from './rules-fixtures.js';

const grading = loadGradingConfig();
const cfg: OrderConfig = { ...base, grading };
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
// Coking has no season group: only the level measures (and the grade) act.
const coking = (grade: string | null, over: Partial<Enterprise> = {}) => enterprise({ industry: 'coking', lines: lines4, measures, grade, ...over });
const rules = (o: Order, code: string) => o.lines.find((l) => l.code === code)!.reasons.map((r) => r.rule);
const listedUpTo = (levelIdx: number) => new Set(city.levels.slice(0, levelIdx + 1).flatMap((l) => (measures[l.key] ?? []).map((m) => m.line)));

describe('the default grading table at every level (RULES.md §5)', () => {
  const cases = Object.keys(grading.grades).flatMap((grade) => city.levels.map((l, i) => [grade, l.key, i] as const));

  it.each(cases)('grade %s at %s follows its table entry', (grade, level, levelIdx) => {
    const listed = deriveOrder(coking(null), OFF_SEASON, level, cfg);
    const graded = deriveOrder(coking(grade), OFF_SEASON, level, cfg);
    const t = grading.grades[grade]!.levels[level] ?? { kind: 'listed' as const };
    const rule = `grading.${grade}.${level}`;
    const inList = listedUpTo(levelIdx);
    for (const [i, l] of graded.lines.entries()) {
      const before = listed.lines[i]!;
      if (t.kind === 'listed') {
        expect(l).toEqual(before);
      } else if (t.kind === 'exempt') {
        expect(l.action).toBe('run');
        expect(l.reasons.map((r) => r.rule)).toEqual(inList.has(l.code) ? [rule] : []);
      } else if (t.kind === 'full_stop') {
        expect(l.action).toBe('stop');
        expect(l.reasons.map((r) => r.rule)).toContain(rule);
      } else if (before.action === 'stop') {
        expect([l.action, l.maxLoadPercent]).toEqual(['limit', t.maxLoadPercent]);
        expect(l.reasons.map((r) => r.rule)).toContain(rule);
      } else {
        expect(l).toEqual(before);
      }
    }
    // A cap changes nothing where no listed stop is in force yet (B at blue here).
    const changes = t.kind === 'exempt' || t.kind === 'full_stop' || (t.kind === 'cap' && listed.lines.some((l) => l.action === 'stop'));
    if (t.kind === 'listed') expect(graded.notes).toEqual(listed.notes);
    else if (!changes) expect(graded).toEqual(listed);
    else {
      expect(graded.lines.some((l) => l.reasons.some((r) => r.rule === rule))).toBe(true);
      const reason = graded.lines.flatMap((l) => l.reasons).find((r) => r.rule === rule)!;
      expect(reason.clause).toBe(grading.clause);
      expect(reason.text).toContain(grading.source);
      expect(reason.text).toContain(grading.grades[grade]!.name);
    }
  });

  it('covers the grades the city configures, with something other than the listed measures for A, B and D', () => {
    expect(Object.keys(grading.grades).sort()).toEqual([...city.grades].sort());
    for (const g of ['A', '引领性', 'B', 'D']) expect(Object.values(grading.grades[g]!.levels).some((t) => t.kind !== 'listed')).toBe(true);
  });
});

describe('grades against the listed measures', () => {
  it('an ungraded enterprise, and a grade the table does not list, take exactly the listed measures', () => {
    const without = deriveOrder(coking(null), OFF_SEASON, 'red', base);
    expect(deriveOrder(coking(null), OFF_SEASON, 'red', cfg)).toEqual(without);
    expect(deriveOrder(coking('E'), OFF_SEASON, 'red', cfg).lines).toEqual(without.lines);
    expect(without.lines.map((l) => l.action)).toEqual(['stop', 'limit', 'stop', 'stop']);
  });

  it('A is exempt at orange (every line runs, the listed ones say why) and takes its listed measures at red', () => {
    const orange = deriveOrder(coking('A'), OFF_SEASON, 'orange', cfg);
    expect(orange.lines.map((l) => l.action)).toEqual(['run', 'run', 'run', 'run']);
    expect(rules(orange, 'L4')).toEqual(['grading.A.orange']);
    expect(orange.notes.join()).toContain('grading.A.orange');
    const red = deriveOrder(coking('A'), OFF_SEASON, 'red', cfg);
    expect(red.lines).toEqual(deriveOrder(coking(null), OFF_SEASON, 'red', cfg).lines);
  });

  it('D stops every line from orange, keeping the listed reasons beside the grading reason', () => {
    const yellow = deriveOrder(coking('D'), OFF_SEASON, 'yellow', cfg);
    expect(yellow.lines.map((l) => l.action)).toEqual(['limit', 'limit', 'stop', 'run']);
    const orange = deriveOrder(coking('D'), OFF_SEASON, 'orange', cfg);
    expect(orange.lines.map((l) => l.action)).toEqual(['stop', 'stop', 'stop', 'stop']);
    expect(orange.stoppedCapacityPercent).toBe(100);
    expect(rules(orange, 'L1')).toEqual(['grading.D.orange']);
    expect(rules(orange, 'L4')).toEqual(['level.orange.stop', 'grading.D.orange']);
    // A proposal must stop the grade's lines too.
    expect(validateProposal(coking('D'), OFF_SEASON, 'orange', cfg, ['L3', 'L4']).ok).toBe(false);
  });

  it('B runs a listed stop at the cap below orange, with both reasons; a stricter listed limit stays', () => {
    const cap = (grading.grades.B!.levels.yellow as { maxLoadPercent: number }).maxLoadPercent;
    const yellow = deriveOrder(coking('B'), OFF_SEASON, 'yellow', cfg);
    const l3 = yellow.lines.find((l) => l.code === 'L3')!;
    expect([l3.action, l3.maxLoadPercent]).toEqual(['limit', cap]);
    expect(rules(yellow, 'L3')).toEqual(['level.yellow.stop', 'grading.B.yellow']);
    const strict = deriveOrder(coking('B', { measures: { ...measures, blue: [{ line: 'L3', action: 'limit', maxLoadPercent: cap - 10 }] } }), OFF_SEASON, 'yellow', cfg);
    const s3 = strict.lines.find((l) => l.code === 'L3')!;
    expect([s3.maxLoadPercent, rules(strict, 'L3')]).toEqual([cap - 10, ['level.blue.limit']]);
  });

  it('combines with the season: a full-stop phase still stops an exempt A-grade kiln, a D-grade stop keeps both reasons', () => {
    const kiln = (grade: string) => enterprise({ industry: 'cement_clinker', lines: lines4, measures, grade });
    const a = deriveOrder(kiln('A'), DEC, 'orange', cfg);
    expect(a.lines.every((l) => l.action === 'stop' && l.noKilnBanking)).toBe(true);
    expect(rules(a, 'L4')).toEqual(['season.kiln.full_stop']);
    const d = deriveOrder(kiln('D'), DEC, 'orange', cfg);
    expect(rules(d, 'L1')).toEqual(['season.kiln.full_stop', 'grading.D.orange']);
  });

  it('a filed livelihood duty keeps its own rule at warning levels whatever the grade', () => {
    const lh = { duty: 'heating', maxLoadPercent: 60, filedOn: '2026-09-01' };
    const d = deriveOrder(coking('D', { livelihood: lh }), OFF_SEASON, 'orange', cfg);
    expect(d.lines.flatMap((l) => l.reasons.map((r) => r.rule)).some((r) => r.startsWith('grading.'))).toBe(false);
  });

  it('a city table changes the order: D full stop from yellow, A exempt at red too', () => {
    const table: GradingTable = {
      ...grading,
      grades: { ...grading.grades, D: { name: 'D级企业', levels: { yellow: { kind: 'full_stop' } } }, A: { name: 'A级企业', levels: { red: { kind: 'exempt' } } } },
    };
    const city2: OrderConfig = { ...base, grading: table };
    expect(deriveOrder(coking('D'), OFF_SEASON, 'yellow', city2).lines.every((l) => l.action === 'stop')).toBe(true);
    expect(deriveOrder(coking('A'), OFF_SEASON, 'red', city2).lines.every((l) => l.action === 'run')).toBe(true);
    // The compiled table is per table object: the default is unaffected.
    expect(deriveOrder(coking('A'), OFF_SEASON, 'red', cfg).lines.some((l) => l.action === 'stop')).toBe(true);
  });
});
