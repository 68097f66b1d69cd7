import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { formatContactsCell, parseContactsCell } from '../../../src/registry/import/contacts-cell.js';
import { validateEnterprise } from '../../../src/registry/validation/enterprise.validator.js';

const city = loadCityConfig();

function withContacts(contacts: unknown[]): Record<string, unknown> {
  return {
    code: '91350100M000100Y43',
    name: '焦作示例水泥有限公司',
    county: '修武县',
    industry: 'cement_clinker',
    process: null,
    fuel: null,
    airEmitting: true,
    grade: null,
    livelihood: null,
    provincialApproval: null,
    contacts,
    lines: [{ code: 'L1', name: '熟料线', capacity: 4500, unit: 't/d', cells: null }],
    measures: {},
    webhookUrl: null,
  };
}

describe('contacts: mobile numbers and accepted channels', () => {
  it('normalises the mobile and fills the channels the contact has an address for', () => {
    const r = validateEnterprise(withContacts([{ name: '张三', role: 'env_officer', email: 'a@example.com', phone: null, mobile: '+86 138-1234-5678' }]), city);
    expect(r.ok && r.value.contacts).toEqual([{ name: '张三', role: 'env_officer', email: 'a@example.com', phone: null, mobile: '13812345678', channels: ['email', 'sms', 'phone'] }]);
    const old = validateEnterprise(withContacts([{ name: '李四', role: 'env_officer', email: null, phone: '0391-1234567' }]), city);
    expect(old.ok && old.value.contacts[0]).toMatchObject({ mobile: null, channels: ['phone'] });
  });

  it('keeps named channels in a fixed order; a channel without its address, an unknown one or a bad mobile is an issue on its field', () => {
    const r = validateEnterprise(withContacts([{ name: '张三', role: 'env_officer', email: 'a@example.com', phone: null, mobile: '13812345678', channels: ['sms', 'email', 'sms'] }]), city);
    expect(r.ok && r.value.contacts[0]!.channels).toEqual(['email', 'sms']);
    const bad = validateEnterprise(
      withContacts([
        { name: '张三', role: 'env_officer', email: null, phone: null, mobile: '12012345678' },
        { name: '李四', role: 'env_officer', email: null, phone: '0391-1234567', mobile: null, channels: ['sms', 'fax'] },
      ]),
      city,
    );
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ['contacts[0].mobile', expect.stringContaining('not in a mainland mobile range')],
      ['contacts[1].channels[0]', expect.stringContaining('sms needs a mobile number')],
      ['contacts[1].channels[1]', expect.stringContaining('must be one of email, sms, phone (got "fax")')],
    ]);
  });

  it('reads the import cell in the old four-field form and in the six-field form with Chinese channel names', () => {
    const { contacts, problems } = parseContactsCell('王五|法定代表人|w@example.com|; 张三|环保负责人|z@example.com|0391-1234567|13812345678|邮件、短信', city.contactRoles);
    expect(problems).toEqual([]);
    expect(contacts).toEqual([
      { name: '王五', role: 'legal_rep', email: 'w@example.com', phone: null, mobile: null, channels: null },
      { name: '张三', role: 'env_officer', email: 'z@example.com', phone: '0391-1234567', mobile: '13812345678', channels: ['email', 'sms'] },
    ]);
    expect(parseContactsCell('a|b|c|d|e|f|g', city.contactRoles).problems).toEqual([expect.stringContaining('name|role|email|phone|mobile|channels')]);
  });

  it('writes the shortest cell that reads back the same', () => {
    expect(formatContactsCell([{ name: '王五', role: 'legal_rep', email: 'w@example.com', phone: null, mobile: null, channels: ['email'] }])).toBe('王五|legal_rep|w@example.com|');
    expect(formatContactsCell([{ name: '张三', role: 'env_officer', email: 'z@example.com', phone: null, mobile: '13812345678', channels: ['email', 'sms', 'phone'] }])).toBe(
      '张三|env_officer|z@example.com||13812345678',
    );
    expect(formatContactsCell([{ name: '张三', role: 'env_officer', email: 'z@example.com', phone: null, mobile: '13812345678', channels: ['email', 'sms'] }])).toBe(
      '张三|env_officer|z@example.com||13812345678|email/sms',
    );
  });
});
