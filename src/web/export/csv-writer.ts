/**
 * The one CSV writer: RFC 4180 records with CRLF line ends. `toCsv` is for what people open in
 * a spreadsheet (every CSV export): a UTF-8 BOM so that Excel reads the Chinese text, and the
 * formula guard. `writeCsv` is the core, which the registry's import-layout file also uses.
 * Swapping the core for a library (csv-stringify: `stringify(rows, { bom, record_delimiter:
 * 'windows', cast })`) means replacing `writeCsv` alone.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Lead with a UTF-8 BOM (Excel). */
  bom: boolean;
  /** Prefix an apostrophe to a text cell a spreadsheet would run as a formula. */
  guardFormulas: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell starting with = + - @ tab or CR would be run as a formula by spreadsheets (CSV
 * injection): it is prefixed with an apostrophe. Plain negative numbers stay numbers.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function field(value: CsvCell, guard: boolean): string {
  if (value === null || value === undefined) return '';
  const text = guard ? guardFormula(String(value)) : String(value);
  // Quoted when it holds a delimiter, a quote or a line break, or edge spaces a reader might trim.
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The core: records as CSV text, each ending in CRLF. */
export function writeCsv(records: Iterable<readonly CsvCell[]>, options: CsvOptions): string {
  const lines: string[] = [];
  for (const r of records) lines.push(r.map((v) => field(v, options.guardFormulas)).join(','));
  return (options.bom ? '\uFEFF' : '') + lines.map((l) => `${l}\r\n`).join('');
}

/** An export for people: header row, then the rows; BOM and formula guard. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return writeCsv([header, ...rows], { bom: true, guardFormulas: true });
}
