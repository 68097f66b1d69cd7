// XLSX form of the registry layout (import-format.md): the first worksheet, header in its
// first non-empty row.
import ExcelJS from 'exceljs';
import type { CityConfig } from '../../config/city-config.js';
import type { Enterprise } from '../../rules/enterprise.js';
import type { Cell } from './cell-values.js';
import type { ValidationContext } from '../validation/enterprise.validator.js';
import type { RegistryImportResult } from './import-issue.js';
import { REGISTRY_COLUMNS } from './registry-columns.js';
import { enterpriseRows } from './registry-rows.js';
import { registryFromSheet, type SheetRow } from './sheet-to-registry.js';

/** Flattens what exceljs gives for a cell (rich text, hyperlinks, formulas, errors) to a plain value. */
export function normaliseXlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : normaliseXlsxCell(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return null;
    return typeof result === 'object' && !(result instanceof Date) ? `#${result.error}` : result;
  }
  if ('error' in value) return String(value.error);
  return null;
}

function fileIssue(message: string): RegistryImportResult<Enterprise> {
  return { enterprises: [], errors: [{ row: null, index: null, enterpriseCode: null, field: 'file', message }] };
}

export async function parseRegistryXlsx(body: Buffer, city: CityConfig, context?: ValidationContext): Promise<RegistryImportResult<Enterprise>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch (err) {
    return fileIssue(`the file is not a readable .xlsx workbook: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fileIssue('the workbook has no worksheet');
  let header: Cell[] | null = null;
  let width = 0;
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (header === null) {
      width = row.cellCount;
      header = Array.from({ length: width }, (_, i) => normaliseXlsxCell(row.getCell(i + 1).value));
      return;
    }
    rows.push({ row: rowNumber, cells: Array.from({ length: width }, (_, i) => normaliseXlsxCell(row.getCell(i + 1).value)) });
  });
  if (header === null) return fileIssue('the first worksheet is empty; it needs a header row');
  return registryFromSheet({ header, rows }, city, context);
}

/** Writes the registry in the import layout to a one-sheet workbook. */
export async function registryToXlsx(enterprises: Iterable<Enterprise>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('registry');
  sheet.addRow([...REGISTRY_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  // Codes as text, so that Excel never turns an all-digit code into a rounded number.
  sheet.getColumn(REGISTRY_COLUMNS.indexOf('code') + 1).numFmt = '@';
  for (const e of enterprises) {
    for (const row of enterpriseRows(e)) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
