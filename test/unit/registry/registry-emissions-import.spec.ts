import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { parseRegistryImport } from '../../../src/registry/import/registry-import.js';
import { validateEnterprise } from '../../../src/registry/validation/enterprise.validator.js';
import { codeFor, sampleEnterprise } from '../../support/fixtures.js';

const city = loadCityConfig();
const CODE = codeFor(7);
const YEAR = 2025;
const context = { currentYear: YEAR + 1, today: `${YEAR + 1}-12-31` };

const CHINESE_HEADER = [
  '统一社会信用代码',
  '企业名称',
  '县区',
  '行业',
  '生产线编号',
  '生产线名称',
  '产能',
  '产能单位',
  '二氧化硫排放速率(kg/h)',
  '氮氧化物排放速率（kg/h）',
  '颗粒物排放速率(kg/h)',
  'VOCs排放速率(kg/h)',
  '排放数据来源',
  '数据年份',
];
const lineRow = (line: string, figures: string[]): string[] => [CODE, '焦作排放测试水泥有限公司', '修武县', '水泥熟料', line, `${line} 熟料线`, '4500', 't/d', ...figures];

function csv(rows: string[][]): string {
  return [CHINESE_HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

async function xlsx(rows: Array<Array<string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业');
  sheet.addRow(CHINESE_HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('emission inventory in registry imports', () => {
  it('reads CSV with Chinese headers and Chinese source names; empty figures mean "not reported"', async () => {
    const result = await parseRegistryImport(
      'csv',
      csv([lineRow('L1', ['16.5', '43', '12 kg/h', '0', '排污许可证', String(YEAR)]), lineRow('L2', ['1', '2', '3', '4', '监测', String(YEAR)]), lineRow('L3', ['', '', '', '', '', ''])]),
      city,
      context,
    );
    expect(result.errors).toEqual([]);
    expect(result.enterprises[0]!.lines.map((l) => l.emissions)).toEqual([
      { kgPerHour: { so2: 16.5, nox: 43, pm: 12, vocs: 0 }, source: 'permit', year: YEAR },
      { kgPerHour: { so2: 1, nox: 2, pm: 3, vocs: 4 }, source: 'monitoring', year: YEAR },
      null,
    ]);
  });

  it('reads XLSX number cells and the English source keys', async () => {
    const result = await parseRegistryImport('xlsx', await xlsx([[...lineRow('L1', []), 0.25, 7, 1.5, 30, 'inventory', YEAR]]), city, context);
    expect(result.errors).toEqual([]);
    expect(result.enterprises[0]!.lines[0]!.emissions).toEqual({ kgPerHour: { so2: 0.25, nox: 7, pm: 1.5, vocs: 30 }, source: 'inventory', year: YEAR });
  });

  it('reports bad figures on their own spreadsheet row, naming the column; nothing is accepted', async () => {
    const result = await parseRegistryImport('csv', csv([lineRow('L1', ['-1', '2', 'abc', '4', '估算', String(YEAR)]), lineRow('L2', ['1', '', '3', '4', '清单', String(YEAR + 5)])]), city, context);
    expect(result.enterprises).toEqual([]);
    const found = result.errors.map((e) => ({ row: e.row, field: e.field }));
    expect(found).toEqual([
      { row: 2, field: 'line_so2_kg_h' },
      { row: 2, field: 'line_pm_kg_h' },
      { row: 2, field: 'line_emission_source' },
      { row: 3, field: 'line_nox_kg_h' },
      { row: 3, field: 'line_emission_year' },
    ]);
    const message = (row: number, field: string): string => result.errors.find((e) => e.row === row && e.field === field)!.message;
    expect(message(2, 'line_so2_kg_h')).toMatch(/^line_so2_kg_h must be a number of at least 0, in kg\/h .*\(got -1\)$/);
    expect(message(2, 'line_pm_kg_h')).toMatch(/\(got "abc"\)$/);
    expect(message(2, 'line_emission_source')).toMatch(/^line_emission_source must be one of permit \(排污许可证.*\(got "估算"\)$/);
    expect(message(3, 'line_nox_kg_h')).toMatch(/is required when a line has emission figures/);
    expect(message(3, 'line_emission_year')).toContain(`from ${city.emissionInventory.earliestYear} to ${context.currentYear}`);
  });

  it('refuses a rate in another unit, in a cell and in a header', async () => {
    const cell = await parseRegistryImport('csv', csv([lineRow('L1', ['3 t/a', '2', '1', '4', '清单', String(YEAR)])]), city, context);
    expect(cell.errors.map((e) => [e.row, e.field])).toEqual([[2, 'line_so2_kg_h']]);
    const header = 'code,name,county,industry,line_code,line_name,line_capacity,line_unit,二氧化硫排放量(t/a),备注\n' + `${CODE},某公司,修武县,cement_clinker,L1,线,1,t/d,12,无\n`;
    const result = await parseRegistryImport('csv', header, city, context);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 1, field: '二氧化硫排放量(t/a)' });
    expect(result.errors[0]!.message).toMatch(/kg\/h/);
  });

  it('validates the JSON form with the JSON path of each field', async () => {
    const good = sampleEnterprise(7);
    good.lines[0] = { ...good.lines[0]!, emissions: { kgPerHour: { so2: 1, nox: 2, pm: 3, vocs: 4 }, source: 'permit', year: YEAR } };
    const bad = sampleEnterprise(8);
    bad.lines[1] = { ...bad.lines[1]!, emissions: { kgPerHour: { so2: Number.NaN, nox: 2, pm: 3 }, source: '排污许可证', year: 1990 } as never };
    const result = await parseRegistryImport('json', JSON.parse(JSON.stringify({ enterprises: [good, bad] })), city, context);
    expect(result.errors.map((e) => [e.index, e.field])).toEqual([
      [1, 'lines[1].emissions.kgPerHour.so2'],
      [1, 'lines[1].emissions.kgPerHour.vocs'],
      [1, 'lines[1].emissions.source'],
      [1, 'lines[1].emissions.year'],
    ]);
    // NaN does not survive JSON (it becomes null): the message shows what arrived.
    expect(result.errors[0]!.message).toMatch(/\(got null\)$/);
    const ok = await parseRegistryImport('json', { enterprises: [good] }, city, context);
    expect(ok.errors).toEqual([]);
    expect(ok.enterprises[0]!.lines.map((l) => l.emissions)).toEqual([good.lines[0]!.emissions, null]);
  });

  it('bounds the year by the configured earliest year and the current year of the context', () => {
    const at = (year: number, currentYear: number) => {
      const e = sampleEnterprise(9);
      e.lines[0] = { ...e.lines[0]!, emissions: { kgPerHour: { so2: 0, nox: 0, pm: 0, vocs: 0 }, source: 'inventory', year } };
      return validateEnterprise(e, city, { currentYear, today: `${currentYear}-12-31` }).ok;
    };
    const earliest = city.emissionInventory.earliestYear;
    expect([at(earliest - 1, 2030), at(earliest, 2030), at(2030, 2030), at(2031, 2030), at(2030.5, 2031)]).toEqual([false, true, true, false, false]);
  });
});
