import type { Enterprise } from '../../src/rules/enterprise.js';
import { makeUscc } from '../../src/registry/validation/uscc.js';

/** A valid unified social credit code built from a serial number, so tests can make many. */
export function codeFor(n: number, county = '410821'): string {
  return makeUscc('91' + county + String(n).padStart(9, '0'));
}

export function sampleEnterprise(n: number, over: Partial<Enterprise> = {}): Enterprise {
  return {
    code: codeFor(n),
    name: `焦作测试${n}号水泥有限公司`,
    county: '修武县',
    industry: 'cement_clinker',
    process: null,
    fuel: 'coal',
    airEmitting: true,
    grade: null,
    gradedOn: null,
    gradingAuthority: null,
    livelihood: null,
    provincialApproval: null,
    contacts: [{ name: '张三', role: 'env_officer', email: `env${n}@example.com`, phone: '13800000000' }],
    lines: [
      { code: 'L1', name: '4500t/d 熟料线', capacity: 4500, unit: 't/d', cells: null, emissions: null },
      { code: 'L2', name: '2500t/d 熟料线', capacity: 2500, unit: 't/d', cells: null, emissions: null },
    ],
    measures: {
      orange: [{ line: 'L1', action: 'stop', maxLoadPercent: null }],
      red: [
        { line: 'L1', action: 'stop', maxLoadPercent: null },
        { line: 'L2', action: 'stop', maxLoadPercent: null },
      ],
    },
    webhookUrl: null,
    ...over,
  };
}
