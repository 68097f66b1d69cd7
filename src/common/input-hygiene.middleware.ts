import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CommonErrorCode } from './common.errors.js';
import type { ErrorBody } from './error-body.js';

/** How deep a JSON body may nest; the deepest legitimate body (an import) nests 5 levels. */
export const MAX_JSON_DEPTH = 32;

// C0 controls except tab, line feed and carriage return, and DEL: PostgreSQL cannot store
// NUL at all, and none of them belongs in a name, a code or a note.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// The same, percent-encoded in a URL (tab, LF and CR included: none belongs in a path or query).
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;
const TEXT_TYPES = /^(text\/|application\/(csv|json))/i;

function refuse(res: Response, message: string, field?: string): void {
  const body: ErrorBody = { error: { code: CommonErrorCode.INVALID_INPUT, message, ...(field ? { details: [{ field, message }] } : {}) } };
  res.status(400).json(body);
}

/** UTF-8 never uses bytes below 0x80 inside a multi-byte character, so a byte scan is exact. */
function hasControlByte(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return true;
  }
  return false;
}

/** Whether a parsed value holds a problem, walked without building paths (the common case: none). */
function hasProblem(v: unknown, depth: number, maxDepth: number): boolean {
  if (typeof v === 'string') return CONTROL.test(v);
  if (typeof v !== 'object' || v === null) return false;
  if (depth >= maxDepth) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (hasProblem(v[i], depth + 1, maxDepth)) return true;
    return false;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    if (CONTROL.test(k) || hasProblem(o[k], depth + 1, maxDepth)) return true;
  }
  return false;
}

/**
 * First problem in a parsed value: a control character, or nesting past the bound. A quick
 * walk first (recursion is bounded by maxDepth); only a value with a problem is walked again,
 * without recursion, to name the field.
 */
export function inputProblem(value: unknown, maxDepth: number): { field: string; message: string } | null {
  if (!hasProblem(value, 0, maxDepth)) return null;
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (CONTROL.test(v)) return { field: path || '(value)', message: `${path || 'the value'} contains a control character (e.g. NUL); remove it` };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) return { field: path || '(body)', message: `The JSON nests deeper than ${maxDepth} levels` };
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const childPath = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      if (CONTROL.test(k)) return { field: childPath, message: `A field name contains a control character (e.g. NUL); remove it` };
      stack.push({ v: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Refuses, with 400 before any handler runs, input no handler should ever see: control
 * characters (NUL first of all) in the URL, the query or a JSON / text body, and JSON
 * nested beyond MAX_JSON_DEPTH. Runs after the body parsers.
 */
export function inputHygieneMiddleware(maxDepth = MAX_JSON_DEPTH): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const url = req.originalUrl ?? req.url;
    if (ENCODED_CONTROL.test(url) || CONTROL.test(url)) return refuse(res, 'The URL contains a control character (e.g. %00); remove it');
    const inQuery = inputProblem(req.query, 4);
    if (inQuery) return refuse(res, `Query parameter ${inQuery.message}`, inQuery.field);
    const body: unknown = req.body;
    if (Buffer.isBuffer(body)) {
      if (TEXT_TYPES.test(req.headers['content-type'] ?? '') && hasControlByte(body)) return refuse(res, 'The text body contains a control character (e.g. NUL); remove it');
    } else if (body !== undefined) {
      const problem = inputProblem(body, maxDepth);
      if (problem) return refuse(res, problem.message, problem.field);
    }
    next();
  };
}
