// Readers for one field each: they record an issue and return undefined when the value is
// unacceptable, so a caller can keep going and collect every issue of a record.
import { IssueList } from './field-issue.js';

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent, null and blank strings all mean "no value" in the JSON form. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function readText(value: unknown, field: string, max: number, issues: IssueList): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    issues.add(field, `must be a non-empty text of at most ${max} characters`, value);
    return undefined;
  }
  const text = value.trim();
  if (text.length > max) {
    issues.add(field, `must be at most ${max} characters long`, `${text.length} characters`);
    return undefined;
  }
  return text;
}

export function readOptionalText(value: unknown, field: string, max: number, issues: IssueList): string | null | undefined {
  return isBlank(value) ? null : readText(value, field, max, issues);
}

/** A key of a configured list; the message lists what is allowed. */
export function readKey(value: unknown, field: string, allowed: ReadonlySet<string>, issues: IssueList): string | undefined {
  const text = typeof value === 'string' ? value.trim() : value;
  if (typeof text === 'string' && allowed.has(text)) return text;
  issues.add(field, `must be one of ${[...allowed].join(', ')}`, value);
  return undefined;
}

export function readOptionalKey(value: unknown, field: string, allowed: ReadonlySet<string>, issues: IssueList): string | null | undefined {
  return isBlank(value) ? null : readKey(value, field, allowed, issues);
}

export function readPercent(value: unknown, field: string, issues: IssueList): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100) return value;
  issues.add(field, 'must be a number from 0 to 100', value);
  return undefined;
}

export function readPositiveNumber(value: unknown, field: string, issues: IssueList): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  issues.add(field, 'must be a number greater than 0', value);
  return undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function readDate(value: unknown, field: string, issues: IssueList): string | undefined {
  const text = typeof value === 'string' ? value.trim() : value;
  if (typeof text === 'string' && isIsoDate(text)) return text;
  issues.add(field, 'must be a real date written YYYY-MM-DD', value);
  return undefined;
}

// Deliberately loose: a mailbox, an @, a domain with a dot; delivery proves the rest.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isPlausibleEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

// Mobile or landline, optionally with a country prefix and separators.
const PHONE = /^\+?[0-9][0-9 -]*[0-9]$/;

export function isPlausiblePhone(value: string): boolean {
  return value.length >= 7 && value.length <= 20 && PHONE.test(value);
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
