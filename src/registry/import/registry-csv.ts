// CSV form of the registry layout (import-format.md). UTF-8; a leading BOM (Excel) is accepted.
import { parse } from 'csv-parse/sync';
import type { CityConfig } from '../../config/city-config.js';
import type { Enterprise } from '../../rules/enterprise.js';
import type { RegistryImportResult } from './import-issue.js';
import { REGISTRY_COLUMNS } from './registry-columns.js';
import { enterpriseRows, type FlatValue } from './registry-rows.js';
import { registryFromSheet, type SheetRow } from './sheet-to-registry.js';

export function parseRegistryCsv(body: Buffer | string, city: CityConfig): RegistryImportResult<Enterprise> {
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
  return registryFromSheet({ header: records[0]!, rows }, city);
}

function csvField(value: FlatValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the registry in the import layout (header row first, CRLF line ends, no BOM). */
export function registryToCsv(enterprises: Iterable<Enterprise>): string {
  const out: string[] = [REGISTRY_COLUMNS.join(',')];
  for (const e of enterprises) {
    for (const row of enterpriseRows(e)) out.push(row.map(csvField).join(','));
  }
  return out.join('\r\n') + '\r\n';
}
