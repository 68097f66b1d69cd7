import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { demoRegistry } from '../../../src/registry/demo/registry-generator.js';
import { COLUMN_ALIASES, REGISTRY_COLUMNS } from '../../../src/registry/import/registry-columns.js';
import { parseRegistryImport } from '../../../src/registry/import/registry-import.js';
import { registryToXlsx } from '../../../src/registry/import/registry-xlsx.js';

const city = loadCityConfig();
const demo = demoRegistry(city);
const colNo = (name: (typeof REGISTRY_COLUMNS)[number]): number => REGISTRY_COLUMNS.indexOf(name) + 1;

async function load(buffer: Buffer): Promise<{ workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return { workbook, sheet: workbook.worksheets[0]! };
}

async function save(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('XLSX registry import', () => {
  it('round trip: registryToXlsx then parse gives the same enterprises', async () => {
    const buffer = await registryToXlsx(demo);
    const { sheet } = await load(buffer);
    expect(sheet.getRow(1).values).toEqual([undefined, ...REGISTRY_COLUMNS]);
    const result = await parseRegistryImport('xlsx', buffer, city);
    expect(result.errors).toEqual([]);
    expect(result.enterprises).toEqual(demo);
  });

  it('reports exactly the 3 bad rows among many, with their spreadsheet row numbers', async () => {
    const { workbook, sheet } = await load(await registryToXlsx(demo));
    expect(sheet.rowCount).toBeGreaterThan(1000);
    sheet.getRow(120).getCell(colNo('line_capacity')).value = 'abc';
    sheet.getRow(640).getCell(colNo('measure_orange')).value = 'limit:-10';
    sheet.getRow(1001).getCell(colNo('line_unit')).value = '';
    const result = await parseRegistryImport('xlsx', await save(workbook), city);
    expect(result.errors.map((e) => [e.row, e.field, e.index])).toEqual([
      [120, 'line_capacity', null],
      [640, 'measure_orange', null],
      [1001, 'line_unit', null],
    ]);
    expect(result.errors[0]!.enterpriseCode).toBe(sheet.getRow(120).getCell(1).value);
    expect(result.enterprises).toHaveLength(demo.length - 3);
  });

  it('normalises rich text, hyperlinks, formulas, dates and numbers; accepts Chinese headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业清单');
    const columns = [
      'code',
      'name',
      'county',
      'industry',
      'air_emitting',
      'livelihood_duty',
      'livelihood_max_load_percent',
      'livelihood_filed_on',
      'contacts',
      'webhook_url',
      'line_code',
      'line_name',
      'line_capacity',
      'line_unit',
      'measure_red',
    ] as const;
    sheet.addRow(columns.map((c) => COLUMN_ALIASES[c][0]!));
    sheet.addRow([
      { richText: [{ text: '91350100M0001' }, { font: { bold: true }, text: '00Y43' }] },
      '焦作示例水泥有限公司',
      '修武县',
      '水泥熟料',
      true,
      'heating',
      0.4 * 100,
      new Date(Date.UTC(2026, 8, 20)),
      '张三|env_officer|a@example.com|13800000000',
      { text: 'https://hooks.example.com/x', hyperlink: 'https://hooks.example.com/x' },
      1,
      '4500t/d 熟料线',
      { formula: '1500*3', result: 4500 },
      't/d',
      '停产',
    ]);
    const result = await parseRegistryImport('xlsx', await save(workbook), city);
    expect(result.errors).toEqual([]);
    const e = result.enterprises[0]!;
    expect(e.code).toBe('91350100M000100Y43');
    expect(e.industry).toBe('cement_clinker');
    expect(e.livelihood).toEqual({ duty: 'heating', maxLoadPercent: 40, filedOn: '2026-09-20' });
    expect(e.webhookUrl).toBe('https://hooks.example.com/x');
    expect(e.lines).toEqual([{ code: '1', name: '4500t/d 熟料线', capacity: 4500, unit: 't/d', cells: null, emissions: null }]);
    expect(e.measures).toEqual({ red: [{ line: '1', action: 'stop', maxLoadPercent: null }] });
  });

  it('refuses a code that Excel stored as a number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('x');
    sheet.addRow(['code', 'name', 'county', 'industry', 'line_code', 'line_name', 'line_capacity', 'line_unit']);
    // A USCC typed into Excel becomes a lossy number: that loss is what this test is about.
    // eslint-disable-next-line no-loss-of-precision
    sheet.addRow([914403001922038216, '某公司', '温县', 'other', 'L1', '线', 1, 't']);
    const result = await parseRegistryImport('xlsx', await save(workbook), city);
    expect(result.errors[0]).toMatchObject({ row: 2, field: 'code', message: expect.stringMatching(/^code must be stored as text/) });
  });

  it('reports an unreadable workbook and a wrong body as file issues', async () => {
    expect((await parseRegistryImport('xlsx', Buffer.from('not a zip'), city)).errors[0]).toMatchObject({ row: null, field: 'file' });
    expect((await parseRegistryImport('xlsx', 'text', city)).errors[0]).toMatchObject({ field: 'file' });
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('empty');
    expect((await parseRegistryImport('xlsx', await save(empty), city)).errors[0]!.message).toMatch(/empty/);
  });
});
