// Conversions from spreadsheet cells to the JSON form. A cell that cannot be converted is
// passed on as its text, so that the validator reports it with the value the person wrote.
import type { KeyName } from '../../rules/key-name.js';

/** A cell as read from CSV (always text) or XLSX (already normalised by the reader). */
export type Cell = string | number | boolean | Date | null;

export function isBlankCell(cell: Cell | undefined): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** A spreadsheet date is a calendar day; exceljs gives it as UTC midnight. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function cellText(cell: Cell | undefined): string {
  if (cell === undefined || cell === null) return '';
  if (cell instanceof Date) return isoDay(cell);
  return String(cell).trim();
}

/** Text, or undefined when blank (so that the validator sees the field as missing). */
export function textOrUndefined(cell: Cell | undefined): string | undefined {
  const text = cellText(cell);
  return text === '' ? undefined : text;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number; `60%` counts as 60; anything else is passed on as text. */
export function numberCell(cell: Cell | undefined): number | string | undefined {
  if (typeof cell === 'number') return cell;
  const text = cellText(cell).replace(/%$/, '').trim();
  if (text === '') return undefined;
  return NUMBER.test(text) ? Number(text) : cellText(cell);
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是']);
const FALSE = new Set(['false', 'no', 'n', '0', '否']);

export function booleanCell(cell: Cell | undefined): boolean | string | undefined {
  if (typeof cell === 'boolean') return cell;
  const text = cellText(cell).toLowerCase();
  if (text === '') return undefined;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return cellText(cell);
}

/** A configured key, written as the key or as its configured (Chinese) name. */
export function keyCell(cell: Cell | undefined, list: readonly KeyName[]): string | undefined {
  const text = textOrUndefined(cell);
  if (text === undefined) return undefined;
  return list.find((k) => k.key === text)?.key ?? list.find((k) => k.name === text)?.key ?? text;
}

/** A measure cell: empty, `stop` (停产) or `limit:60` (限产:60). */
export function measureCell(cell: Cell | undefined): Record<string, unknown> | undefined {
  const text = cellText(cell);
  if (text === '') return undefined;
  if (text.toLowerCase() === 'stop' || text === '停产') return { action: 'stop' };
  const limit = /^(limit|限产)\s*[:：]?\s*(.*)$/i.exec(text);
  if (limit) {
    const load = limit[2]!.trim();
    return { action: 'limit', maxLoadPercent: load === '' ? undefined : numberCell(load) };
  }
  return { action: text };
}

/** An emission rate: a number, optionally followed by its unit `kg/h` (any other unit stays text and is refused). */
export function rateCell(cell: Cell | undefined): number | string | undefined {
  if (typeof cell === 'number') return cell;
  const text = cellText(cell).replace(/\s*kg\s*\/\s*h$/i, '');
  if (text === '') return undefined;
  return NUMBER.test(text) ? Number(text) : cellText(cell);
}

/** An emission source, written as its key (any case) or one of its Chinese names. */
export function emissionSourceCell(cell: Cell | undefined, aliases: Readonly<Record<string, readonly string[]>>): string | undefined {
  const text = textOrUndefined(cell);
  if (text === undefined) return undefined;
  const key = text.toLowerCase();
  if (Object.hasOwn(aliases, key)) return key;
  return Object.keys(aliases).find((k) => aliases[k]!.includes(text)) ?? text;
}
