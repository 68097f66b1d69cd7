import { CommonErrorCode } from './common.errors.js';
import { DomainError } from './domain-error.js';

/**
 * Opaque keyset cursors for paged lists: base64url of JSON `[list, total, ...key]`, where
 * `key` is the sort key of the last row served and `total` the count when the walk began.
 * Anything else (tampered, from another list) is a 400 that says to start again without it.
 */
export interface PageCursor {
  total: number;
  key: string[];
}

export function encodeCursor(list: string, total: number, key: string[]): string {
  return Buffer.from(JSON.stringify([list, total, ...key]), 'utf8').toString('base64url');
}

export function decodeCursor(list: string, raw: string, keyLength: number): PageCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const a: unknown[] = Array.isArray(parsed) ? parsed : [];
  const ok = a.length === keyLength + 2 && a[0] === list && Number.isInteger(a[1]) && (a[1] as number) >= 0 && a.slice(2).every((k) => typeof k === 'string' && k.length <= 200);
  if (!ok) throw new DomainError(CommonErrorCode.INVALID_INPUT, `cursor is not one this list (${list}) gave out: ask for the first page without a cursor and follow nextCursor.`);
  return { total: a[1] as number, key: a.slice(2) as string[] };
}
