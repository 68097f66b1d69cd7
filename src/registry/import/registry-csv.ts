// CSV form of the registry layout (import-format.md). UTF-8; a leading BOM (Excel) is accepted.
import { parse } from 'csv-parse/sync';
import type { CityConfig } from '../../config/city-config.js';
import type { Enterprise } from '../../rules/enterprise.js';
import type { ValidationContext } from '../validation/enterprise.validator.js';
import type { RegistryImportResult } from './import-issue.js';
import { REGISTRY_COLUMNS } from './registry-columns.js';
import { enterpriseRows, type FlatValue } from './registry-rows.js';
import { writeCsv } from '../../web/export/csv-writer.js';
import { registryFromSheet, type SheetRow } from './sheet-to-registry.js';

export function parseRegistryCsv(body: Buffer | string, city: CityConfig, context?: ValidationContext): RegistryImportResult<Enterprise> {
  let records: string[][];
  try {
    // No skip_empty_lines: record n is spreadsheet row n, as Excel would show it.
    records = parse(body, { bom: true, relax_column_count: true, relax_quotes: false, trim: false }) as string[][];
  } catch (err) {
    const e = err as Error & { lines?: number };
    return {
      enterprises: [],
      errors: [{ row: e.lines ?? null, index: null, enterpriseCode: null, field: 'file', message: `the file is not valid CSV: ${e.message}` }],
    };
  }
  if (records.length === 0) {
    return { enterprises: [], errors: [{ row: null, index: null, enterpriseCode: null, field: 'file', message: 'the file is empty; it needs a header row' }] };
  }
  const rows: SheetRow[] = records.slice(1).map((cells, i) => ({ row: i + 2, cells }));
  return registryFromSheet({ header: records[0]!, rows }, city, context);
}

/**
 * Writes the registry in the import layout (header row first, CRLF line ends, no BOM). Not
 * formula-guarded: the file is read back by the importer, which takes every cell literally.
 */
export function registryToCsv(enterprises: Iterable<Enterprise>): string {
  function* records(): Generator<readonly FlatValue[]> {
    yield REGISTRY_COLUMNS;
    for (const e of enterprises) yield* enterpriseRows(e);
  }
  return writeCsv(records(), { bom: false, guardFormulas: false });
}
