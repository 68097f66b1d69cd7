import { readYamlConfig } from './config-files.js';
import { LEVEL_KEYS, type LevelDefinition, type LevelKey } from '../rules/levels/level-ladder.js';
import type { GradeRow, GradeTreatment, GradingTable } from '../rules/grading/grading-table.js';

type Obj = Record<string, unknown>;

function fail(field: string, why: string): never {
  throw new Error(`grading config: ${field} ${why}`);
}

function obj(value: unknown, field: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, `must be a mapping (got ${JSON.stringify(value)})`);
  return value as Obj;
}

function str(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(field, `must be a non-empty text (got ${JSON.stringify(value)})`);
  return value.trim();
}

const TREATMENTS = 'listed, exempt, full_stop or { cap: N } with N from 0 to 100';

function treatment(value: unknown, field: string): GradeTreatment {
  if (value === 'listed' || value === 'exempt' || value === 'full_stop') return { kind: value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Obj;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'cap') {
      if (typeof o.cap !== 'number' || !Number.isFinite(o.cap) || o.cap < 0 || o.cap > 100) fail(`${field}.cap`, `must be a number from 0 to 100 (got ${JSON.stringify(o.cap)})`);
      return { kind: 'cap', maxLoadPercent: o.cap };
    }
  }
  fail(field, `must be ${TREATMENTS} (got ${JSON.stringify(value)})`);
}

function row(value: unknown, field: string): GradeRow {
  const o = obj(value, field);
  const levels: Partial<Record<LevelKey, GradeTreatment>> = {};
  for (const [k, v] of Object.entries(obj(o.levels ?? {}, `${field}.levels`))) {
    if (!LEVEL_KEYS.includes(k as LevelKey)) fail(`${field}.levels.${k}`, `is not a level key: use one of ${LEVEL_KEYS.join(', ')}`);
    levels[k as LevelKey] = treatment(v, `${field}.levels.${k}`);
  }
  return { name: str(o.name, `${field}.name`), levels };
}

/** Validates a parsed grading file; the error names the key and the value. */
export function parseGradingConfig(raw: unknown): GradingTable {
  const o = obj(raw, '(root)');
  const grades: Record<string, GradeRow> = {};
  for (const [k, v] of Object.entries(obj(o.grades, 'grades'))) grades[k] = row(v, `grades.${k}`);
  return { clause: str(String(o.clause ?? ''), 'clause'), source: str(o.source, 'source'), grades };
}

/** The table must name only the city's grades and levels (city.yaml `grades`, `levels`). */
export function checkGradingAgainstCity(table: GradingTable, grades: readonly string[], levels: readonly LevelDefinition[]): void {
  for (const [grade, r] of Object.entries(table.grades)) {
    if (!grades.includes(grade)) fail(`grades.${grade}`, `is not a grade of city.yaml (grades: ${grades.join(', ')})`);
    for (const level of Object.keys(r.levels)) {
      if (!levels.some((l) => l.key === level)) fail(`grades.${grade}.levels.${level}`, `is not a level of city.yaml (levels: ${levels.map((l) => l.key).join(', ')})`);
    }
  }
}

export function loadGradingConfig(file = process.env.HAZEOPS_GRADING_FILE ?? 'grading.yaml'): GradingTable {
  return parseGradingConfig(readYamlConfig(file));
}

/**
 * A what-if over the grading table (the season simulator's overlay): `{ grades: { D: { levels:
 * { orange: listed } } } }` replaces the named grades' rows (a row's name defaults to the
 * base's); validated like the file and against the city's grades and levels.
 */
export function overlayGrading(base: GradingTable, raw: unknown, grades: readonly string[], levels: readonly LevelDefinition[]): GradingTable {
  const o = obj(raw, '(overlay)');
  for (const k of Object.keys(o)) if (k !== 'grades') fail(k, 'cannot be changed here (grades)');
  const rows: Record<string, GradeRow> = {};
  for (const [k, v] of Object.entries(obj(o.grades ?? {}, 'grades'))) {
    const r = obj(v, `grades.${k}`);
    rows[k] = row({ name: r.name ?? base.grades[k]?.name ?? k, levels: r.levels }, `grades.${k}`);
  }
  const table: GradingTable = { ...base, grades: { ...base.grades, ...rows } };
  checkGradingAgainstCity({ ...table, grades: rows }, grades, levels);
  return table;
}
