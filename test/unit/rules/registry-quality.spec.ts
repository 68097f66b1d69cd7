import { describe, expect, it } from 'vitest';
import { loadGradingConfig } from '../../../src/config/grading-config.js';
import type { Enterprise, Measures } from '../../../src/rules/enterprise.js';
import type { QualityKind } from '../../../src/rules/registry-quality/quality-problem.js';
import { checkRegistryQuality, gradeValidUntil, type QualityCheckConfig } from '../../../src/rules/registry-quality/registry-quality.js';
import { emits, lineWith } from './emissions/emissions-fixtures.js';
import { cfg as base, enterprise, line, rules } from './rules-fixtures.js';

const NOW = '2026-12-10T08:00:00+08:00';
const orders = { ...base, grading: loadGradingConfig() };
const qcfg: QualityCheckConfig = { quality: rules.registryQuality, orders };

// Two lines of equal emissions: blue and yellow cut L1 to 80 % (10 % of the total), orange stops L1 (50 %), red both (100 %).
const measures: Measures = {
  blue: [{ line: 'L1', action: 'limit', maxLoadPercent: 95 }],
  yellow: [{ line: 'L1', action: 'limit', maxLoadPercent: 80 }],
  orange: [{ line: 'L1', action: 'stop', maxLoadPercent: null }],
  red: [{ line: 'L2', action: 'stop', maxLoadPercent: null }],
};
const clean = (over: Partial<Enterprise> = {}): Enterprise =>
  enterprise({
    industry: 'coking',
    grade: 'C',
    gradedOn: '2026-09-15',
    gradingAuthority: '河南省生态环境厅',
    lines: [lineWith('L1', 100, emits(10, 10, 10, 10)), lineWith('L2', 100, emits(10, 10, 10, 10))],
    measures,
    ...over,
  });
const check = (es: Enterprise[], c: QualityCheckConfig = qcfg, now = NOW) => checkRegistryQuality(es, c, now);
const kinds = (es: Enterprise[], c?: QualityCheckConfig): QualityKind[] => check(es, c).problems.map((p) => p.kind);

describe('registry quality: a clean enterprise', () => {
  it('has no problem (each level reaches its target exactly or more)', () => {
    const r = check([clean()]);
    expect(r).toEqual({ enterprises: 1, airEmitting: 1, problems: [] });
  });
});

describe('registry quality: air-emitting', () => {
  const bare = (over: Partial<Enterprise>) => enterprise({ industry: 'other', airEmitting: false, measures: {}, lines: [line('L1', 10)], ...over });

  it('an enterprise without the flag, figures above 0 or a listed industry is not checked', () => {
    expect(check([bare({})])).toEqual({ enterprises: 1, airEmitting: 0, problems: [] });
    expect(check([bare({ lines: [lineWith('L1', 10, emits(0, 0, 0, 0))] })]).airEmitting).toBe(0);
  });

  it('the flag, a figure above 0, or an industry in registryQuality.airEmittingIndustries makes it air-emitting', () => {
    expect(check([bare({ airEmitting: true })]).airEmitting).toBe(1);
    expect(check([bare({ lines: [lineWith('L1', 10, emits(0, 0, 0.1, 0))] })]).airEmitting).toBe(1);
    const listed: QualityCheckConfig = { ...qcfg, quality: { ...qcfg.quality, airEmittingIndustries: ['other'] } };
    expect(check([bare({})], listed).airEmitting).toBe(1);
    expect(kinds([bare({})], listed)).toEqual(['measures_missing', 'measures_missing', 'measures_missing', 'measures_missing', 'line_emissions_missing', 'grade_missing']);
  });
});

describe('registry quality: measures per warning level', () => {
  it('reports each warning level without listed measures (not the control levels), and not also as short of its target', () => {
    const r = check([clean({ measures: { light: measures.blue, yellow: measures.yellow, orange: measures.orange } })]);
    expect(r.problems.map((p) => [p.kind, p.level])).toEqual([
      ['measures_missing', 'blue'],
      ['measures_missing', 'red'],
    ]);
    expect(r.problems[0]).toMatchObject({ enterpriseCode: clean().code, enterpriseName: '示例企业', county: '修武县', lineCode: null });
  });

  it('a livelihood duty filed in time is a recorded exemption; one filed late is not', () => {
    const duty = (filedOn: string) => clean({ measures: {}, livelihood: { duty: 'heating', maxLoadPercent: 60, filedOn } });
    expect(kinds([duty('2026-09-20')])).toEqual([]);
    expect(kinds([duty('2026-10-20')])).toEqual(['measures_missing', 'measures_missing', 'measures_missing', 'measures_missing']);
  });

  it('the grading table exempts A up to orange and stops D from orange: those levels need no listed measures', () => {
    expect(check([clean({ grade: 'A', measures: {} })]).problems.map((p) => p.level)).toEqual(['red']);
    expect(check([clean({ grade: 'D', measures: {} })]).problems.map((p) => p.level)).toEqual(['blue', 'yellow']);
  });
});

describe('registry quality: measures that do not reach the target for the enterprise itself', () => {
  it('names the level and each pollutant short of it, with the percentages', () => {
    const weak = { ...measures, yellow: [{ line: 'L1', action: 'limit' as const, maxLoadPercent: 90 }] };
    // VOCs: none emitted, so no target to miss.
    const e = clean({ measures: weak, lines: [lineWith('L1', 100, emits(10, 10, 10, 0)), lineWith('L2', 100, emits(10, 10, 10, 0))] });
    const r = check([e]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: 'target_not_met',
      level: 'yellow',
      gaps: [
        { pollutant: 'so2', percent: 5, targetPercent: 10 },
        { pollutant: 'nox', percent: 5, targetPercent: 10 },
        { pollutant: 'pm', percent: 5, targetPercent: 10 },
      ],
    });
  });

  it('counts per pollutant: a stop of the line that emits the NOx reaches it, the SO2 of the other line stays short', () => {
    const e = clean({
      lines: [lineWith('L1', 100, emits(0, 10)), lineWith('L2', 100, emits(10, 0))],
      measures: { blue: measures.blue, yellow: [{ line: 'L1', action: 'stop', maxLoadPercent: null }], orange: measures.orange, red: measures.red },
    });
    const r = check([e]);
    expect(r.problems.map((p) => [p.kind, p.level, p.gaps?.map((g) => `${g.pollutant}:${g.percent}`)])).toEqual([
      ['target_not_met', 'yellow', ['so2:0']],
      ['target_not_met', 'orange', ['so2:0']],
    ]);
  });

  it('the grade applies: B caps a listed stop at 50 % below orange', () => {
    // Yellow lists L1 stopped; as B it runs at 50 %: 25 % of the total, still ≥ 10 %.
    const e = clean({ grade: 'B', measures: { ...measures, yellow: [{ line: 'L1', action: 'stop', maxLoadPercent: null }] } });
    expect(kinds([e])).toEqual([]);
    const small = clean({
      grade: 'B',
      lines: [lineWith('L1', 100, emits(1)), lineWith('L2', 100, emits(19))],
      measures: { ...measures, yellow: [{ line: 'L1', action: 'stop', maxLoadPercent: null }] },
    });
    expect(check([small]).problems.find((p) => p.level === 'yellow')?.gaps).toEqual([{ pollutant: 'so2', percent: 2.5, targetPercent: 10 }]);
  });

  it('is not checked when registryQuality.checkEnterpriseTargets is false', () => {
    const off: QualityCheckConfig = { ...qcfg, quality: { ...qcfg.quality, checkEnterpriseTargets: false } };
    expect(kinds([clean({ measures: { ...measures, yellow: [{ line: 'L1', action: 'limit', maxLoadPercent: 99 }] } })], off)).toEqual([]);
  });
});

describe('registry quality: emission figures', () => {
  it('a line without figures, and figures older than emissionFiguresMaxAgeYears, each name the line', () => {
    const old = { ...emits(10, 10, 10, 10), year: 2022 };
    const e = clean({ lines: [lineWith('L1', 100, null), lineWith('L2', 100, old), lineWith('L3', 100, { ...old, year: 2023 })] });
    const r = check([e]);
    expect(r.problems.filter((p) => p.kind.startsWith('line_')).map((p) => [p.kind, p.lineCode, p.year, p.oldestYear])).toEqual([
      ['line_emissions_missing', 'L1', null, null],
      ['line_emissions_outdated', 'L2', 2022, 2023],
    ]);
  });
});

describe('registry quality: grades', () => {
  it('grade missing, set without a date, or graded longer ago than gradeValidityMonths', () => {
    expect(kinds([clean({ grade: null, gradedOn: null })])).toEqual(['grade_missing']);
    expect(kinds([clean({ gradedOn: null })])).toEqual(['grade_undated']);
    const expired = check([clean({ gradedOn: '2025-12-10' })]).problems;
    expect(expired).toMatchObject([{ kind: 'grade_expired', gradedOn: '2025-12-10', validUntil: '2026-12-09' }]);
    expect(kinds([clean({ gradedOn: '2025-12-11' })])).toEqual([]);
  });

  it('today is the city-local date', () => {
    // 2026-12-09T17:00Z is already 12-10 in Asia/Shanghai.
    expect(check([clean({ gradedOn: '2025-12-10' })], qcfg, '2026-12-09T17:00:00Z').problems.map((p) => p.kind)).toEqual(['grade_expired']);
    expect(check([clean({ gradedOn: '2025-12-10' })], qcfg, '2026-12-09T15:59:00Z').problems).toEqual([]);
  });

  it('the validity ends the day before the same date N months later (month ends clamp)', () => {
    expect(gradeValidUntil('2025-09-15', 12)).toBe('2026-09-14');
    expect(gradeValidUntil('2025-08-31', 6)).toBe('2026-02-27');
    expect(gradeValidUntil('2024-01-01', 1)).toBe('2024-01-31');
  });
});

describe('registry quality: several enterprises', () => {
  it('keeps the input order and the kind order within an enterprise; refuses a bad time', () => {
    const a = clean({ code: 'A1', grade: null, measures: {}, lines: [lineWith('L1', 10, null)] });
    const b = clean({ code: 'B1' });
    const c = clean({ code: 'C1', gradedOn: '2020-01-01' });
    const r = check([a, b, c]);
    expect(r.enterprises).toBe(3);
    expect(r.problems.map((p) => `${p.enterpriseCode}:${p.kind}`)).toEqual([
      'A1:measures_missing',
      'A1:measures_missing',
      'A1:measures_missing',
      'A1:measures_missing',
      'A1:line_emissions_missing',
      'A1:grade_missing',
      'C1:grade_expired',
    ]);
    expect(() => check([a], qcfg, 'yesterday')).toThrow(/now/);
  });
});
