// Turns the rows of a CSV / XLSX sheet (layout in import-format.md) into validated
// enterprises, reporting every problem with its spreadsheet row and column.
import type { CityConfig } from '../../config/city-config.js';
import { EMISSION_SOURCES, POLLUTANTS, type Enterprise } from '../../rules/enterprise.js';
import { LEVEL_KEYS, type LevelKey } from '../../rules/levels/level-ladder.js';
import { validateEnterprise, type ValidationContext } from '../validation/enterprise.validator.js';
import type { FieldIssue } from '../validation/field-issue.js';
import { booleanCell, cellText, emissionSourceCell, isBlankCell, keyCell, measureCell, numberCell, rateCell, textOrUndefined, type Cell } from './cell-values.js';
import { parseContactsCell } from './contacts-cell.js';
import type { ImportIssue, RegistryImportResult } from './import-issue.js';
import {
  EMISSION_COLUMNS,
  EMISSION_RATE_COLUMNS,
  EMISSION_SOURCE_ALIASES,
  ENTERPRISE_COLUMNS,
  REQUIRED_COLUMNS,
  columnForHeader,
  looksLikeEmissionFigure,
  type EnterpriseColumn,
  type RegistryColumn,
} from './registry-columns.js';

export interface SheetRow {
  /** 1-based spreadsheet row number. */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  header: Cell[];
  /** Data rows, in file order; blank rows may be included (they are skipped). */
  rows: SheetRow[];
}

type RowValues = { row: number; get: (column: RegistryColumn) => Cell | undefined };

interface Group {
  code: string | null;
  rows: RowValues[];
}

/** Where each part of the candidate came from, to point issues at rows and columns. */
interface Origin {
  firstRow: number;
  lineRows: number[];
  measureRows: Partial<Record<LevelKey, number[]>>;
  measureText: Partial<Record<LevelKey, string[]>>;
}

function readHeader(header: Cell[]): { columns: Map<RegistryColumn, number>; errors: ImportIssue[] } {
  const columns = new Map<RegistryColumn, number>();
  const errors: ImportIssue[] = [];
  const issue = (field: string, message: string): ImportIssue => ({ row: 1, index: null, enterpriseCode: null, field, message });
  header.forEach((cell, i) => {
    const text = cellText(cell);
    const column = columnForHeader(text);
    if (!column && looksLikeEmissionFigure(text)) {
      errors.push(
        issue(
          text,
          `column ${i + 1} ("${text}") looks like an emission figure in a unit this import does not read: give each line's rate at normal load in kg/h under ${POLLUTANTS.map((p) => EMISSION_RATE_COLUMNS[p]).join(', ')} (or 二氧化硫排放速率(kg/h), 氮氧化物排放速率(kg/h), 颗粒物排放速率(kg/h), VOCs排放速率(kg/h)), or rename the column if it is a remark`,
        ),
      );
      return;
    }
    if (!column) return; // unknown columns (remarks and the like) are ignored
    if (columns.has(column)) errors.push(issue(column, `${column} appears twice in the header row (columns ${columns.get(column)! + 1} and ${i + 1})`));
    else columns.set(column, i);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.has(column)) errors.push(issue(column, `the header row must have a ${column} column`));
  }
  return { columns, errors };
}

function groupRows(sheet: Sheet, columns: Map<RegistryColumn, number>): Group[] {
  const groups = new Map<string, Group>();
  for (const { row, cells } of sheet.rows) {
    if (cells.every(isBlankCell)) continue;
    const get = (column: RegistryColumn): Cell | undefined => {
      const i = columns.get(column);
      return i === undefined ? undefined : cells[i];
    };
    const code = cellText(get('code')).toUpperCase();
    // Rows without a code cannot be grouped: each stands alone and fails on its code.
    const key = code === '' ? `#${row}` : code;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { code: code === '' ? null : code, rows: [] }));
    group.rows.push({ row, get });
  }
  return [...groups.values()];
}

/** The enterprise's value of a column: the first non-blank one; other, different values conflict. */
function enterpriseCells(group: Group, errors: ImportIssue[]): Map<EnterpriseColumn, { cell: Cell | undefined; row: number }> {
  const values = new Map<EnterpriseColumn, { cell: Cell | undefined; row: number }>();
  for (const column of ENTERPRISE_COLUMNS) {
    let chosen: { cell: Cell | undefined; row: number } = { cell: undefined, row: group.rows[0]!.row };
    for (const r of group.rows) {
      const cell = r.get(column);
      if (isBlankCell(cell)) continue;
      if (isBlankCell(chosen.cell)) chosen = { cell, row: r.row };
      else if (cellText(cell) !== cellText(chosen.cell)) {
        errors.push({
          row: r.row,
          index: null,
          enterpriseCode: group.code,
          field: column,
          message: `${column} differs from row ${chosen.row} of the same enterprise ("${cellText(cell)}" vs "${cellText(chosen.cell)}"); repeat the enterprise's values on each of its rows or leave them empty`,
        });
      }
    }
    values.set(column, chosen);
  }
  return values;
}

function candidate(group: Group, city: CityConfig, errors: ImportIssue[]): { input: Record<string, unknown>; origin: Origin } {
  const e = enterpriseCells(group, errors);
  const cell = (column: EnterpriseColumn): Cell | undefined => e.get(column)!.cell;
  const origin: Origin = { firstRow: group.rows[0]!.row, lineRows: [], measureRows: {}, measureText: {} };
  const code = cell('code');
  if (typeof code === 'number') {
    // Excel turns an all-digit code into a number and drops digits beyond 15.
    errors.push({
      row: e.get('code')!.row,
      index: null,
      enterpriseCode: group.code,
      field: 'code',
      message: `code must be stored as text, not as a number: format the column as text and re-enter it (got ${code})`,
    });
  }
  const livelihoodCells = [cell('livelihood_duty'), cell('livelihood_max_load_percent'), cell('livelihood_filed_on')];
  const provincialCells = [cell('provincial_max_load_percent'), cell('provincial_approved_on'), cell('provincial_reference')];
  const contacts = parseContactsCell(cellText(cell('contacts')), city.contactRoles);
  for (const message of contacts.problems) {
    errors.push({ row: e.get('contacts')!.row, index: null, enterpriseCode: group.code, field: 'contacts', message });
  }
  const measures: Partial<Record<LevelKey, Record<string, unknown>[]>> = {};
  const lines = group.rows.map((r) => {
    origin.lineRows.push(r.row);
    const lineCode = textOrUndefined(r.get('line_code'));
    LEVEL_KEYS.forEach((level) => {
      const raw = r.get(`measure_${level}`);
      const measure = measureCell(raw);
      if (!measure) return;
      (measures[level] ??= []).push({ line: lineCode, ...measure });
      (origin.measureRows[level] ??= []).push(r.row);
      (origin.measureText[level] ??= []).push(cellText(raw));
    });
    const cells = r.get('line_cells');
    // All emission columns empty: no figures reported; any filled: all are required (the validator says which is missing).
    const emissions = EMISSION_COLUMNS.every((c) => isBlankCell(r.get(c)))
      ? null
      : {
          kgPerHour: Object.fromEntries(POLLUTANTS.map((p) => [p, rateCell(r.get(EMISSION_RATE_COLUMNS[p]))])),
          source: emissionSourceCell(r.get('line_emission_source'), EMISSION_SOURCE_ALIASES),
          year: numberCell(r.get('line_emission_year')),
        };
    return {
      code: lineCode,
      name: textOrUndefined(r.get('line_name')),
      capacity: numberCell(r.get('line_capacity')),
      unit: textOrUndefined(r.get('line_unit')),
      cells: isBlankCell(cells) ? null : numberCell(cells),
      emissions,
    };
  });
  const input: Record<string, unknown> = {
    code: code === undefined ? undefined : cellText(code),
    name: textOrUndefined(cell('name')),
    county: textOrUndefined(cell('county')),
    industry: keyCell(cell('industry'), city.industries),
    process: keyCell(cell('process'), city.processes) ?? null,
    fuel: keyCell(cell('fuel'), city.fuels) ?? null,
    airEmitting: booleanCell(cell('air_emitting')),
    grade: textOrUndefined(cell('grade'))?.toUpperCase() ?? null,
    gradedOn: textOrUndefined(cell('graded_on')) ?? null,
    gradingAuthority: textOrUndefined(cell('grading_authority')) ?? null,
    livelihood: livelihoodCells.every(isBlankCell)
      ? null
      : { duty: keyCell(livelihoodCells[0], city.livelihoodDuties), maxLoadPercent: numberCell(livelihoodCells[1]), filedOn: textOrUndefined(livelihoodCells[2]) },
    provincialApproval: provincialCells.every(isBlankCell)
      ? null
      : { maxLoadPercent: numberCell(provincialCells[0]), approvedOn: textOrUndefined(provincialCells[1]), reference: textOrUndefined(provincialCells[2]) ?? null },
    contacts: contacts.contacts,
    lines,
    measures,
    webhookUrl: textOrUndefined(cell('webhook_url')) ?? null,
  };
  return { input, origin };
}

const ENTERPRISE_FIELD_COLUMN: Readonly<Record<string, EnterpriseColumn>> = {
  code: 'code',
  name: 'name',
  county: 'county',
  industry: 'industry',
  process: 'process',
  fuel: 'fuel',
  airEmitting: 'air_emitting',
  grade: 'grade',
  gradedOn: 'graded_on',
  gradingAuthority: 'grading_authority',
  webhookUrl: 'webhook_url',
  livelihood: 'livelihood_duty',
  'livelihood.duty': 'livelihood_duty',
  'livelihood.maxLoadPercent': 'livelihood_max_load_percent',
  'livelihood.filedOn': 'livelihood_filed_on',
  provincialApproval: 'provincial_max_load_percent',
  'provincialApproval.maxLoadPercent': 'provincial_max_load_percent',
  'provincialApproval.approvedOn': 'provincial_approved_on',
  'provincialApproval.reference': 'provincial_reference',
  contacts: 'contacts',
};

const LINE_FIELD_COLUMN: Readonly<Record<string, RegistryColumn>> = {
  code: 'line_code',
  name: 'line_name',
  capacity: 'line_capacity',
  unit: 'line_unit',
  cells: 'line_cells',
  ...Object.fromEntries(POLLUTANTS.map((p) => [`emissions.kgPerHour.${p}`, EMISSION_RATE_COLUMNS[p]])),
  'emissions.source': 'line_emission_source',
  'emissions.year': 'line_emission_year',
};

const SOURCE_VALUES = EMISSION_SOURCES.map((s) => `${s} (${EMISSION_SOURCE_ALIASES[s].join('/')})`).join(', ');

/** Re-addresses a validator issue (JSON path) to the spreadsheet row and column it came from. */
function toImportIssue(issue: FieldIssue, origin: Origin, code: string | null, rowOf: Map<EnterpriseColumn, number>): ImportIssue | null {
  const at = (row: number, field: string, message: string): ImportIssue => ({ row, index: null, enterpriseCode: code, field, message });
  const rest = issue.message.slice(issue.field.length); // " must be ... (got ...)"
  const line = /^lines\[(\d+)\]\.([\w.]+)$/.exec(issue.field);
  if (line) {
    const column = LINE_FIELD_COLUMN[line[2]!] ?? (line[2]!.startsWith('emissions') ? EMISSION_RATE_COLUMNS.so2 : 'line_code');
    const row = origin.lineRows[Number(line[1])] ?? origin.firstRow;
    if (column === 'line_emission_source') return at(row, column, `${column} must be one of ${SOURCE_VALUES}${rest.slice(rest.indexOf(' (got '))}`);
    return at(row, column, column + rest);
  }
  const measure = /^measures\.(\w+)\[(\d+)\]/.exec(issue.field);
  if (measure) {
    const level = measure[1] as LevelKey;
    const i = Number(measure[2]);
    const column = `measure_${level}`;
    if (issue.field.endsWith('.line')) {
      // A measure names the line of its own row: a blank or repeated line_code is reported there.
      return null;
    }
    const problem = `${column} must be empty, stop, or limit:N with N from 0 to 100 (got "${origin.measureText[level]?.[i] ?? ''}")`;
    return at(origin.measureRows[level]?.[i] ?? origin.firstRow, column, problem);
  }
  if (issue.field.startsWith('measures')) return at(origin.firstRow, 'measure_' + issue.field.slice(9), issue.message);
  const contact = /^contacts\[(\d+)\]\.?(.*)$/.exec(issue.field);
  if (contact) {
    const message = `contacts entry ${Number(contact[1]) + 1}${contact[2] ? ' ' + contact[2] : ''}${rest}`;
    return at(rowOf.get('contacts') ?? origin.firstRow, 'contacts', message);
  }
  if (issue.field === 'lines') return at(origin.firstRow, 'line_code', 'line_code' + rest);
  const column = ENTERPRISE_FIELD_COLUMN[issue.field];
  if (column) return at(rowOf.get(column) ?? origin.firstRow, column, column + rest);
  return at(origin.firstRow, issue.field, issue.message);
}

/** Validates every enterprise of a sheet; all problems of all rows are reported. */
export function registryFromSheet(sheet: Sheet, city: CityConfig, context?: ValidationContext): RegistryImportResult<Enterprise> {
  const { columns, errors } = readHeader(sheet.header);
  if (errors.length > 0) return { enterprises: [], errors };
  const enterprises: Enterprise[] = [];
  const groups = groupRows(sheet, columns);
  if (groups.length === 0) {
    errors.push({ row: null, index: null, enterpriseCode: null, field: 'file', message: 'the file has a header row but no enterprise rows' });
  }
  for (const group of groups) {
    const before = errors.length;
    const { input, origin } = candidate(group, city, errors);
    const result = validateEnterprise(input, city, context);
    if (result.ok) {
      if (errors.length === before) enterprises.push(result.value);
      continue;
    }
    const rowOf = new Map<EnterpriseColumn, number>();
    for (const column of ENTERPRISE_COLUMNS) {
      const r = group.rows.find((x) => !isBlankCell(x.get(column)));
      if (r) rowOf.set(column, r.row);
    }
    for (const issue of result.errors) {
      const mapped = toImportIssue(issue, origin, group.code, rowOf);
      if (mapped) errors.push(mapped);
    }
  }
  return { enterprises, errors };
}
