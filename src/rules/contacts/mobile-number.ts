/**
 * Mainland China mobile numbers (中国大陆手机号): 11 digits, `1` then a second and third digit
 * in a range the MIIT numbering plan gives to handsets that take calls and SMS —
 * 13x, 145, 147, 149, 150–153, 155–159, 162, 165–167, 170–178, 18x, 190–193, 195–199.
 * Data-only (146, 148 IoT) and 13-digit IoT numbers are not handset numbers and are refused.
 * Pure: no I/O, used by the registry, the accounts and the tests alike.
 */
const MAINLAND_MOBILE = /^1(3\d|4[579]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$/;

/** What is left of a written number once spaces, hyphens, dots and a +86 / 0086 / 86 prefix are taken away. */
function stripped(text: string): string {
  const digits = text.trim().replace(/[\s\-.()（）]/g, '');
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(digits);
  return m ? m[1]! : digits;
}

export type MobileNumberCheck = { ok: true; mobile: string } | { ok: false; reason: string };

/** Checks a written mobile number and answers its 11-digit form, or why it is not one a person can act on. */
export function checkMobileNumber(text: string): MobileNumberCheck {
  const n = stripped(text);
  if (!/^\d+$/.test(n)) return { ok: false, reason: 'must be an 11-digit mainland mobile number (digits only, optionally +86), e.g. 13812345678' };
  if (n.length !== 11) return { ok: false, reason: `must have 11 digits (got ${n.length}), e.g. 13812345678` };
  if (!MAINLAND_MOBILE.test(n))
    return { ok: false, reason: `is not in a mainland mobile range (13x, 145, 147, 149, 15x without 154, 162, 165–167, 170–178, 18x, 19x without 194), got ${n.slice(0, 3)}…` };
  return { ok: true, mobile: n };
}

/** True for a number `checkMobileNumber` accepts. */
export function isMainlandMobile(text: string): boolean {
  return checkMobileNumber(text).ok;
}

/** How a contact may be reached; each needs its address (email → e-mail, sms → mobile, phone → phone or mobile). */
export const CONTACT_CHANNELS = ['email', 'sms', 'phone'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** The channels a contact has an address for, in the fixed order: the default when none are named. */
export function defaultChannels(c: { email: string | null; phone: string | null; mobile: string | null }): ContactChannel[] {
  const out: ContactChannel[] = [];
  if (c.email) out.push('email');
  if (c.mobile) out.push('sms');
  if (c.phone || c.mobile) out.push('phone');
  return out;
}

/** Why a named channel cannot be used, or null: a channel needs its address. */
export function channelProblem(channel: ContactChannel, c: { email: string | null; phone: string | null; mobile: string | null }): string | null {
  if (channel === 'email' && !c.email) return 'email needs an e-mail address';
  if (channel === 'sms' && !c.mobile) return 'sms needs a mobile number';
  if (channel === 'phone' && !c.phone && !c.mobile) return 'phone needs a phone or mobile number';
  return null;
}
