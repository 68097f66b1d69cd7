/**
 * The one CSV writer: RFC 4180 records with CRLF line ends. `toCsv` is for what people open in
 * a spreadsheet (every CSV export): a UTF-8 BOM so that Excel reads the Chinese text, and the
 * formula guard. `writeCsv` is the core (csv-stringify, the sibling of the csv-parse the
 * importer reads with), which the registry's import-layout file also uses.
 */
import { stringify } from 'csv-stringify/sync';

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

/** The core: records as CSV text, each ending in CRLF. */
export function writeCsv(records: Iterable<readonly CsvCell[]>, options: CsvOptions): string {
  const text = (value: CsvCell): string => {
    if (value === null || value === undefined) return '';
    return options.guardFormulas ? guardFormula(String(value)) : String(value);
  };
  // csv-stringify would write booleans as 1/'' and quotes neither edge spaces nor a lone LF: cast every cell
  // to its text first, and quote those too.
  const rows = [...records].map((r) => r.map(text));
  if (rows.length === 0) return options.bom ? '\uFEFF' : '';
  return stringify(rows, { bom: options.bom, record_delimiter: 'windows', quoted_match: [/^\s|\s$/, /[\r\n]/] });
}

/** An export for people: header row, then the rows; BOM and formula guard. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return writeCsv([header, ...rows], { bom: true, guardFormulas: true });
}
