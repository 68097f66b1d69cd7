// Entry point of bulk registry imports: parse, map onto the JSON form, validate. Pure; the
// service decides what to do with a file that has errors (it writes nothing).
import type { CityConfig } from '../../config/city-config.js';
import type { Enterprise } from '../../rules/enterprise.js';
import type { ValidationContext } from '../validation/enterprise.validator.js';
import type { ImportIssue, RegistryImportResult } from './import-issue.js';
import { parseRegistryCsv } from './registry-csv.js';
import { parseRegistryJson } from './registry-json.js';
import { parseRegistryXlsx } from './registry-xlsx.js';

export type { ImportIssue } from './import-issue.js';
export type RegistryImportKind = 'json' | 'csv' | 'xlsx';

function wrongBody(kind: RegistryImportKind, body: unknown): RegistryImportResult<Enterprise> {
  const issue: ImportIssue = {
    row: null,
    index: null,
    enterpriseCode: null,
    field: 'file',
    message: `a ${kind} import needs the file's ${kind === 'csv' ? 'text or bytes' : 'bytes'} (got ${body === null ? 'null' : typeof body})`,
  };
  return { enterprises: [], errors: [issue] };
}

export async function parseRegistryImport(
  kind: RegistryImportKind,
  body: Buffer | string | unknown,
  city: CityConfig,
  context?: ValidationContext,
): Promise<{ enterprises: Enterprise[]; errors: ImportIssue[] }> {
  switch (kind) {
    case 'json':
      return parseRegistryJson(body, city, context);
    case 'csv':
      return typeof body === 'string' || Buffer.isBuffer(body) ? parseRegistryCsv(body, city, context) : wrongBody(kind, body);
    case 'xlsx':
      if (body instanceof Uint8Array) return parseRegistryXlsx(Buffer.isBuffer(body) ? body : Buffer.from(body), city, context);
      return wrongBody(kind, body);
    default: {
      // The kind usually comes from a request; refuse an unknown one as bad input, not a crash.
      const issue: ImportIssue = {
        row: null,
        index: null,
        enterpriseCode: null,
        field: 'kind',
        message: `kind must be json, csv or xlsx (got ${String(kind as unknown)})`,
      };
      return { enterprises: [], errors: [issue] };
    }
  }
}
