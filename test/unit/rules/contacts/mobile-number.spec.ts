import { describe, expect, it } from 'vitest';
import { channelProblem, checkMobileNumber, defaultChannels, isMainlandMobile } from '../../../../src/rules/contacts/mobile-number.js';

describe('mainland mobile numbers', () => {
  it('accepts every handset range and answers the bare 11 digits', () => {
    for (const n of [
      '13012345678',
      '13912345678',
      '14512345678',
      '14912345678',
      '15012345678',
      '15312345678',
      '15512345678',
      '15912345678',
      '16212345678',
      '16512345678',
      '16712345678',
      '17012345678',
      '17812345678',
      '18012345678',
      '18912345678',
      '19012345678',
      '19312345678',
      '19512345678',
      '19912345678',
    ]) {
      expect(checkMobileNumber(n), n).toEqual({ ok: true, mobile: n });
    }
  });

  it('takes separators and a +86 / 0086 / 86 prefix away', () => {
    expect(checkMobileNumber(' 138-1234-5678 ')).toEqual({ ok: true, mobile: '13812345678' });
    expect(checkMobileNumber('+86 138 1234 5678')).toEqual({ ok: true, mobile: '13812345678' });
    expect(checkMobileNumber('008613812345678')).toEqual({ ok: true, mobile: '13812345678' });
    expect(checkMobileNumber('8613812345678')).toEqual({ ok: true, mobile: '13812345678' });
  });

  it('refuses wrong lengths, letters and numbers outside the handset ranges, saying why', () => {
    expect(checkMobileNumber('1381234567')).toEqual({ ok: false, reason: expect.stringContaining('11 digits (got 10)') });
    expect(checkMobileNumber('138123456789')).toEqual({ ok: false, reason: expect.stringContaining('got 12') });
    expect(checkMobileNumber('1381234567a')).toEqual({ ok: false, reason: expect.stringContaining('digits only') });
    for (const n of [
      '12012345678',
      '11012345678',
      '14012345678',
      '14612345678',
      '14812345678',
      '15412345678',
      '16012345678',
      '16812345678',
      '17912345678',
      '19412345678',
      '23812345678',
      '03912345678',
    ]) {
      expect(isMainlandMobile(n), n).toBe(false);
    }
    expect(checkMobileNumber('15412345678')).toEqual({ ok: false, reason: expect.stringContaining('got 154') });
    // A landline with the area code is not a mobile number.
    expect(isMainlandMobile('0391-2345678')).toBe(false);
  });

  it('derives the channels a contact has an address for, and says which named channel lacks one', () => {
    expect(defaultChannels({ email: 'a@b.cn', phone: null, mobile: null })).toEqual(['email']);
    expect(defaultChannels({ email: null, phone: '0391-2345678', mobile: null })).toEqual(['phone']);
    expect(defaultChannels({ email: 'a@b.cn', phone: null, mobile: '13812345678' })).toEqual(['email', 'sms', 'phone']);
    expect(defaultChannels({ email: null, phone: null, mobile: null })).toEqual([]);
    expect(channelProblem('sms', { email: 'a@b.cn', phone: '0391-2345678', mobile: null })).toBe('sms needs a mobile number');
    expect(channelProblem('email', { email: null, phone: null, mobile: '13812345678' })).toBe('email needs an e-mail address');
    expect(channelProblem('phone', { email: null, phone: null, mobile: '13812345678' })).toBeNull();
  });
});
