import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { demoRegistry } from '../../../src/registry/demo/registry-generator.js';
import { COLUMN_ALIASES, REGISTRY_COLUMNS } from '../../../src/registry/import/registry-columns.js';
import { registryToCsv } from '../../../src/registry/import/registry-csv.js';
import { parseRegistryImport } from '../../../src/registry/import/registry-import.js';

const city = loadCityConfig();
const demo = demoRegistry(city);
const csv = registryToCsv(demo);
const col = (name: (typeof REGISTRY_COLUMNS)[number]): number => REGISTRY_COLUMNS.indexOf(name);

/** The CSV as rows of cells (demo values hold no commas, quotes or line breaks). */
function table(text: string): string[][] {
  return text
    .trimEnd()
    .split(/\r?\n/)
    .map((l) => l.split(','));
}
function toCsv(rows: string[][]): string {
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

const EXAMPLE = [
  'code,name,county,industry,process,fuel,air_emitting,grade,livelihood_duty,livelihood_max_load_percent,livelihood_filed_on,contacts,line_code,line_name,line_capacity,line_unit,line_cells,measure_orange,measure_red',
  '91350100M000100Y43,焦作示例水泥有限公司,修武县,cement_clinker,,,true,,heating,40,2026-09-20,张三|env_officer|a@example.com|13800000000,L1,4500t/d 熟料线,4500,t/d,,stop,stop',
  '91350100M000100Y43,焦作示例水泥有限公司,修武县,cement_clinker,,,true,,heating,40,2026-09-20,张三|env_officer|a@example.com|13800000000,L2,2500t/d 熟料线,2500,t/d,,limit:50,stop',
].join('\n');

describe('CSV registry import', () => {
  it('round trip: registryToCsv then parse gives the same enterprises', async () => {
    expect(table(csv)[0]).toEqual([...REGISTRY_COLUMNS]);
    const result = await parseRegistryImport('csv', csv, city);
    expect(result.errors).toEqual([]);
    expect(result.enterprises).toEqual(demo);
  });

  it('parses the documented example', async () => {
    const result = await parseRegistryImport('csv', EXAMPLE, city);
    expect(result.errors).toEqual([]);
    expect(result.enterprises).toHaveLength(1);
    expect(result.enterprises[0]!.measures).toEqual({
      orange: [
        { line: 'L1', action: 'stop', maxLoadPercent: null },
        { line: 'L2', action: 'limit', maxLoadPercent: 50 },
      ],
      red: [
        { line: 'L1', action: 'stop', maxLoadPercent: null },
        { line: 'L2', action: 'stop', maxLoadPercent: null },
      ],
    });
  });

  it('reports exactly the 3 bad rows among many, with their spreadsheet row numbers', async () => {
    const rows = table(csv);
    expect(rows.length).toBeGreaterThan(1000);
    // rows[i] is spreadsheet row i + 1; take lines of enterprises in the middle of the file.
    rows[100]![col('line_capacity')] = 'abc';
    rows[555]![col('measure_red')] = 'halt';
    rows[900]![col('line_cells')] = '-3';
    const result = await parseRegistryImport('csv', toCsv(rows), city);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [101, 'line_capacity'],
      [556, 'measure_red'],
      [901, 'line_cells'],
    ]);
    expect(result.errors[0]).toEqual({
      row: 101,
      index: null,
      enterpriseCode: rows[100]![0],
      field: 'line_capacity',
      message: 'line_capacity must be a number greater than 0 (got "abc")',
    });
    expect(result.errors[1]!.message).toBe('measure_red must be empty, stop, or limit:N with N from 0 to 100 (got "halt")');
    expect(result.errors[2]!.message).toBe('line_cells must be null or a whole number greater than 0 (got -3)');
    expect(result.enterprises).toHaveLength(demo.length - 3);
  });

  it('reports every problem of a row and of every row, with enterprise-level ones on the first row', async () => {
    const rows = table(EXAMPLE);
    rows[1]![14] = 'abc'; // line_capacity in EXAMPLE, which has fewer columns
    rows[2]![14] = '-5';
    rows[2]![16] = '1.5';
    rows[2]![17] = 'limit:';
    const text = toCsv(rows).replaceAll('修武县', '修文县').replaceAll('2026-09-20', '2026-09-31');
    const result = await parseRegistryImport('csv', text, city);
    expect(result.errors.map((e) => `${e.row} ${e.field}`)).toEqual(['2 county', '2 livelihood_filed_on', '2 line_capacity', '3 line_capacity', '3 line_cells', '3 measure_orange']);
    expect(result.errors[0]!.message).toMatch(/^county must be one of .*\(got "修文县"\)$/);
    expect(result.errors[1]!.message).toBe('livelihood_filed_on must be a real date written YYYY-MM-DD (got "2026-09-31")');
  });

  it('groups rows of one enterprise even when apart, and reports conflicting enterprise values', async () => {
    const rows = table(EXAMPLE);
    rows[2]![1] = '焦作另一家有限公司';
    const result = await parseRegistryImport('csv', toCsv(rows), city);
    expect(result.errors).toEqual([
      {
        row: 3,
        index: null,
        enterpriseCode: '91350100M000100Y43',
        field: 'name',
        message: expect.stringMatching(/^name differs from row 2 of the same enterprise \("焦作另一家有限公司" vs "焦作示例水泥有限公司"\)/),
      },
    ]);
    expect(result.enterprises).toEqual([]);
  });

  it('lets the enterprise columns be blank on its later rows', async () => {
    const rows = table(EXAMPLE);
    for (let i = 0; i < 12; i++) rows[2]![i] = i === 0 ? rows[2]![0]! : '';
    const result = await parseRegistryImport('csv', toCsv(rows), city);
    expect(result.errors).toEqual([]);
    expect(result.enterprises[0]!.lines).toHaveLength(2);
    expect(result.enterprises[0]!.livelihood).toEqual({ duty: 'heating', maxLoadPercent: 40, filedOn: '2026-09-20' });
  });

  it('accepts Chinese headers and Chinese values', async () => {
    const header = REGISTRY_COLUMNS.map((c) => COLUMN_ALIASES[c][0]!);
    const rows = table(registryToCsv(demo.slice(0, 30)));
    rows[0] = header;
    for (const r of rows.slice(1)) {
      r[col('industry')] = city.industries.find((i) => i.key === r[col('industry')])!.name;
      r[col('air_emitting')] = r[col('air_emitting')] === 'true' ? '是' : '否';
      r[col('measure_red')] = '停产';
      r[col('measure_light')] = r[col('measure_light')]!.replace('limit:', '限产：');
    }
    const result = await parseRegistryImport('csv', toCsv(rows), city);
    expect(result.errors).toEqual([]);
    expect(result.enterprises).toEqual(demo.slice(0, 30));
    expect(header.slice(0, 4)).toEqual(['统一社会信用代码', '企业名称', '县区', '行业']);
  });

  it('reads the grading columns (绩效等级, 评级日期, 评级单位) and points a bad date at its row and column', async () => {
    const rows = table(registryToCsv(demo.slice(0, 1)));
    rows[0] = rows[0]!.map((h) => ({ grade: '绩效等级', graded_on: '评级日期', grading_authority: '评级单位' })[h] ?? h);
    for (const r of rows.slice(1)) [r[col('grade')], r[col('graded_on')], r[col('grading_authority')]] = ['d', '2026-09-20', '焦作市生态环境局'];
    const ok = await parseRegistryImport('csv', toCsv(rows), city);
    expect(ok.errors).toEqual([]);
    expect(ok.enterprises.map((e) => [e.grade, e.gradedOn, e.gradingAuthority])).toEqual([['D', '2026-09-20', '焦作市生态环境局']]);
    for (const r of rows.slice(1)) r[col('graded_on')] = '2026-13-01';
    const bad = await parseRegistryImport('csv', toCsv(rows), city);
    expect(bad.errors.map((e) => [e.row, e.field])).toEqual([[2, 'graded_on']]);
    expect(bad.errors[0]!.message).toMatch(/^graded_on must be a real date/);
  });

  it('accepts a UTF-8 BOM (Excel), as text and as bytes, and CRLF or LF line ends', async () => {
    for (const body of ['\uFEFF' + EXAMPLE, Buffer.from('\uFEFF' + EXAMPLE.replaceAll('\n', '\r\n'), 'utf8')]) {
      const result = await parseRegistryImport('csv', body, city);
      expect(result.errors).toEqual([]);
      expect(result.enterprises[0]!.code).toBe('91350100M000100Y43');
    }
  });

  it('counts blank lines as rows, as a spreadsheet shows them, and skips them', async () => {
    const lines = EXAMPLE.split('\n');
    const text = [lines[0], '', lines[1], ',,,', lines[2]!.replace(',4500,', ',2500,').replace(',2500,', ',x,')].join('\n');
    const result = await parseRegistryImport('csv', text, city);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([[5, 'line_capacity']]);
  });

  it('names missing required columns and duplicate columns; ignores unknown ones', async () => {
    const noCode = EXAMPLE.replace('code,name', 'remark,name');
    const result = await parseRegistryImport('csv', noCode, city);
    expect(result.errors).toEqual([{ row: 1, index: null, enterpriseCode: null, field: 'code', message: 'the header row must have a code column' }]);
    const dup = EXAMPLE.replace('code,name,county', 'code,name,县区');
    expect((await parseRegistryImport('csv', dup, city)).errors).toEqual([]);
    const twice = EXAMPLE.replace(',grade,', ',county,');
    expect((await parseRegistryImport('csv', twice, city)).errors[0]!.message).toBe('county appears twice in the header row (columns 3 and 8)');
  });

  it('reports malformed contacts and an empty file', async () => {
    const bad = EXAMPLE.replaceAll('张三|env_officer|a@example.com|13800000000', '张三 a@example.com');
    const result = await parseRegistryImport('csv', bad, city);
    expect(result.errors).toEqual([
      {
        row: 2,
        index: null,
        enterpriseCode: '91350100M000100Y43',
        field: 'contacts',
        message: 'contacts entry 1 must be written name|role|email|phone|mobile|channels (all but name and role may be empty or left off) (got "张三 a@example.com")',
      },
    ]);
    const wrongEmail = EXAMPLE.replaceAll('a@example.com', 'a-at-example');
    expect((await parseRegistryImport('csv', wrongEmail, city)).errors[0]!.message).toBe('contacts entry 1 email must be null or an email address like name@example.com (got "a-at-example")');
    expect((await parseRegistryImport('csv', '', city)).errors[0]!.field).toBe('file');
    expect((await parseRegistryImport('csv', EXAMPLE.split('\n')[0]!, city)).errors[0]!.message).toMatch(/no enterprise rows/);
    expect((await parseRegistryImport('csv', { not: 'csv' }, city)).errors[0]!.field).toBe('file');
  });
});
