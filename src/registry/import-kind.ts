import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import type { ImportKind } from './registry-import.service.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

/** Which parser a request body needs, from ?format= or its Content-Type. */
export function importKindOf(contentType: string | undefined, format: ImportKind | undefined, body: unknown): ImportKind {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const kind: ImportKind | null = format ?? (type === 'application/json' ? 'json' : CSV_TYPES.includes(type) ? 'csv' : type === XLSX_TYPE ? 'xlsx' : null);
  if (kind === null) {
    throw new DomainError(CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, `Send the registry as application/json, text/csv or ${XLSX_TYPE} (got "${type || 'no Content-Type'}").`);
  }
  const isBinary = Buffer.isBuffer(body);
  if (kind !== 'json' && !isBinary) {
    throw new DomainError(CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, `A ${kind.toUpperCase()} import must be sent with Content-Type ${kind === 'csv' ? 'text/csv' : XLSX_TYPE}.`);
  }
  if (kind === 'json' && (body === null || typeof body !== 'object' || isBinary)) {
    throw new DomainError(CommonErrorCode.INVALID_INPUT, 'A JSON import must be an object { "enterprises": [ ... ] } sent as application/json.');
  }
  if (isBinary && body.length === 0) throw new DomainError(CommonErrorCode.INVALID_INPUT, 'The import file is empty.');
  return kind;
}
