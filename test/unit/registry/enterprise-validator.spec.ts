import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { validateEnterprise } from '../../../src/registry/validation/enterprise.validator.js';

const city = loadCityConfig();

function valid(): Record<string, unknown> {
  return {
    code: '91350100M000100Y43',
    name: '焦作示例水泥有限公司',
    county: '修武县',
    industry: 'cement_clinker',
    process: null,
    fuel: null,
    airEmitting: true,
    grade: null,
    livelihood: { duty: 'heating', maxLoadPercent: 40, filedOn: '2026-09-20' },
    provincialApproval: null,
    contacts: [{ name: '张三', role: 'env_officer', email: 'a@example.com', phone: '13800000000' }],
    lines: [
      { code: 'L1', name: '4500t/d 熟料线', capacity: 4500, unit: 't/d', cells: null },
      { code: 'L2', name: '2500t/d 熟料线', capacity: 2500, unit: 't/d', cells: null },
    ],
    measures: {
      orange: [{ line: 'L1', action: 'stop' }],
      red: [
        { line: 'L1', action: 'stop' },
        { line: 'L2', action: 'stop' },
      ],
    },
    webhookUrl: null,
  };
}

function errorsOf(input: unknown): { field: string; message: string }[] {
  const result = validateEnterprise(input, city);
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
}

function fieldsOf(input: unknown): string[] {
  return errorsOf(input).map((e) => e.field);
}

describe('validateEnterprise', () => {
  it('accepts the DESIGN.md example and returns a normalised copy', () => {
    const input = valid();
    const result = validateEnterprise(input, city);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).not.toBe(input);
    expect(result.value.measures.orange).toEqual([{ line: 'L1', action: 'stop', maxLoadPercent: null }]);
    expect(Object.keys(result.value)).toEqual([
      'code',
      'name',
      'county',
      'industry',
      'process',
      'fuel',
      'airEmitting',
      'grade',
      'gradedOn',
      'gradingAuthority',
      'livelihood',
      'provincialApproval',
      'contacts',
      'lines',
      'measures',
      'webhookUrl',
    ]);
  });

  it('normalises missing optionals, trims and uppercases the code, ignores unknown fields', () => {
    const result = validateEnterprise(
      {
        code: ' 91350100m000100y43 ',
        name: '  某某有限公司 ',
        county: '温县',
        industry: 'other',
        lines: [{ code: 'L1', name: '线', capacity: 1, unit: 't' }],
        somethingElse: 42,
      },
      city,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        code: '91350100M000100Y43',
        name: '某某有限公司',
        county: '温县',
        industry: 'other',
        process: null,
        fuel: null,
        airEmitting: true,
        grade: null,
        gradedOn: null,
        gradingAuthority: null,
        livelihood: null,
        provincialApproval: null,
        contacts: [],
        lines: [{ code: 'L1', name: '线', capacity: 1, unit: 't', cells: null, emissions: null }],
        measures: {},
        webhookUrl: null,
      },
    });
  });

  it('keeps the date and authority of a grading, and refuses them without a grade or with a bad date', () => {
    const graded = validateEnterprise({ ...valid(), grade: '引领性', gradedOn: ' 2026-09-15 ', gradingAuthority: ' 河南省生态环境厅 ' }, city);
    expect(graded.ok && [graded.value.grade, graded.value.gradedOn, graded.value.gradingAuthority]).toEqual(['引领性', '2026-09-15', '河南省生态环境厅']);
    expect(errorsOf({ ...valid(), grade: 'B', gradedOn: '2026-02-30' }).map((e) => [e.field, e.message])).toEqual([['gradedOn', expect.stringMatching(/real date written YYYY-MM-DD/)]]);
    expect(errorsOf({ ...valid(), grade: 'B', gradingAuthority: 'x'.repeat(201) }).map((e) => e.field)).toEqual(['gradingAuthority']);
    const orphan = errorsOf({ ...valid(), grade: null, gradedOn: '2026-09-15', gradingAuthority: '某局' });
    expect(orphan.map((e) => e.field)).toEqual(['gradedOn', 'gradingAuthority']);
    expect(orphan[0]!.message).toMatch(/must be empty when grade is empty/);
  });

  it('keeps measures in ladder order and drops empty levels', () => {
    const e = valid();
    e.measures = { red: [{ line: 'L1', action: 'stop' }], light: [{ line: 'L2', action: 'limit', maxLoadPercent: 80 }], blue: [] };
    const result = validateEnterprise(e, city);
    expect(result.ok && Object.keys(result.value.measures)).toEqual(['light', 'red']);
  });

  it('rejects a non-object', () => {
    expect(fieldsOf(null)).toEqual(['enterprise']);
    expect(fieldsOf([1])).toEqual(['enterprise']);
  });

  it.each([
    ['code', '91350100M000100Y44', /check character "4" \(expected 3\)/],
    ['code', '123', /18 characters \(got 3\)/],
    ['code', 914108, /unified social credit code/],
    ['name', '', /non-empty/],
    ['name', 'x'.repeat(201), /at most 200/],
    ['county', '郑州市', /must be one of 解放区, 中站区/],
    ['industry', 'bakery', /must be one of cement_clinker/],
    ['industry', undefined, /got nothing/],
    ['process', 'baked', /sintered, non_sintered/],
    ['fuel', 'wood', /coal, natural_gas/],
    ['grade', 'E', /A, B, C, D/],
    ['airEmitting', 'yes', /true or false/],
    ['livelihood', 'heating', /null or an object/],
    ['provincialApproval', 5, /null or an object/],
    ['contacts', 'x', /list of contacts/],
    ['lines', [], /non-empty list/],
    ['lines', undefined, /non-empty list/],
    ['measures', [], /object keyed by level/],
    ['webhookUrl', 'ftp://example.com/hook', /http/],
    ['webhookUrl', 'not a url', /http/],
  ])('rejects %s = %j', (field, value, message) => {
    const e = valid();
    e[field] = value;
    const errors = errorsOf(e);
    expect(errors.map((x) => x.field)).toEqual([field]);
    expect(errors[0]!.message).toMatch(message);
    expect(errors[0]!.message.startsWith(field + ' ')).toBe(true);
  });

  it('gives the message form of the brief', () => {
    const e = valid();
    (e.lines as Record<string, unknown>[])[1]!.capacity = -5;
    expect(errorsOf(e)).toEqual([{ field: 'lines[1].capacity', message: 'lines[1].capacity must be a number greater than 0 (got -5)' }]);
  });

  it('checks the livelihood and provincial approval fields', () => {
    const e = valid();
    e.livelihood = { duty: 'bakery', maxLoadPercent: 120, filedOn: '2026-02-30' };
    e.provincialApproval = { maxLoadPercent: -1, approvedOn: '2026/09/01', reference: 7 };
    expect(fieldsOf(e)).toEqual([
      'livelihood.duty',
      'livelihood.maxLoadPercent',
      'livelihood.filedOn',
      'provincialApproval.maxLoadPercent',
      'provincialApproval.approvedOn',
      'provincialApproval.reference',
    ]);
    e.livelihood = null;
    e.provincialApproval = { maxLoadPercent: 50, approvedOn: '2024-02-29', reference: '豫环函〔2026〕12号' };
    expect(validateEnterprise(e, city).ok).toBe(true);
  });

  it('checks contacts', () => {
    const e = valid();
    e.contacts = [
      { name: '', role: 'boss', email: 'not-an-email', phone: 'call me' },
      { name: '李四', role: 'legal_rep', email: '', phone: '+86 138-0000-0000' },
      { name: '王五', role: 'duty_officer', email: 'a@b', phone: '123' },
      'x',
    ];
    expect(fieldsOf(e)).toEqual(['contacts[0].name', 'contacts[0].role', 'contacts[0].email', 'contacts[0].phone', 'contacts[2].email', 'contacts[2].phone', 'contacts[3]']);
  });

  it('checks lines: code, uniqueness, name, capacity, unit, cells', () => {
    const e = valid();
    e.lines = [
      { code: 'L1', name: 'a', capacity: 1, unit: 't', cells: 240 },
      { code: 'L1', name: '', capacity: Infinity, unit: '', cells: 2.5 },
      { code: 'x'.repeat(33), name: 'b', capacity: 'abc', unit: 'u'.repeat(21), cells: 0 },
      7,
    ];
    e.measures = {};
    expect(fieldsOf(e)).toEqual([
      'lines[1].code',
      'lines[1].name',
      'lines[1].capacity',
      'lines[1].unit',
      'lines[1].cells',
      'lines[2].code',
      'lines[2].capacity',
      'lines[2].unit',
      'lines[2].cells',
      'lines[3]',
    ]);
    expect(errorsOf(e)[0]!.message).toBe('lines[1].code must be unique within the enterprise (got "L1")');
  });

  it('checks measures: level keys, line references, actions and loads', () => {
    const e = valid();
    e.measures = {
      purple: [],
      light: [{ line: 'L9', action: 'limit', maxLoadPercent: 50 }],
      blue: [
        { line: 'L1', action: 'limit' },
        { line: 'L2', action: 'pause' },
      ],
      yellow: 'stop',
      orange: [
        { line: 'L1', action: 'stop', maxLoadPercent: 30 },
        { line: 'L2', action: 'limit', maxLoadPercent: 101 },
      ],
      red: [
        { line: 'L1', action: 'stop' },
        { line: 'L1', action: 'stop' },
      ],
    };
    expect(fieldsOf(e)).toEqual([
      'measures.purple',
      'measures.light[0].line',
      'measures.blue[0].maxLoadPercent',
      'measures.blue[1].action',
      'measures.yellow',
      'measures.orange[0].maxLoadPercent',
      'measures.orange[1].maxLoadPercent',
      'measures.red[1].line',
    ]);
    expect(errorsOf(e)[1]!.message).toBe('measures.light[0].line must name a line of this enterprise (L1, L2) (got "L9")');
  });

  it('collects every error of a record, not just the first', () => {
    const errors = errorsOf({
      code: 'bad',
      name: '',
      county: 'x',
      industry: 'y',
      process: 'z',
      fuel: 'w',
      grade: 'Q',
      airEmitting: 1,
      contacts: [{ name: 'a', role: 'b', email: 'c', phone: 'd' }],
      lines: [{ code: '', name: '', capacity: 0, unit: '', cells: -1 }],
      measures: { red: [{ line: 'L1', action: 'x' }] },
      webhookUrl: 'x',
    });
    expect(errors.map((x) => x.field)).toEqual([
      'code',
      'name',
      'county',
      'industry',
      'process',
      'fuel',
      'grade',
      'airEmitting',
      'contacts[0].role',
      'contacts[0].email',
      'contacts[0].phone',
      'lines[0].code',
      'lines[0].name',
      'lines[0].capacity',
      'lines[0].unit',
      'lines[0].cells',
      'measures.red[0].action',
      'webhookUrl',
    ]);
  });
});
