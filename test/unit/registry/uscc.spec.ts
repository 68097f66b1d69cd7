import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, explainUsccError, isValidUscc, makeUscc, usccCheckCharacter } from '../../../src/registry/validation/uscc.js';

// Published codes of real companies (business licences / annual reports).
const REAL_CODES = [
  '91350100M000100Y43',
  '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
  '91330100799655058B', // 阿里巴巴（中国）有限公司
  '914403001922038216', // 华为技术有限公司
  '91110000802100433B',
  '91440300708461136T',
];

describe('unified social credit code', () => {
  it.each(REAL_CODES)('accepts the real code %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(explainUsccError(code)).toBeNull();
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
    expect(makeUscc(code.slice(0, 17))).toBe(code);
  });

  it.each(REAL_CODES)('rejects %s with any other check character', (code) => {
    for (const c of USCC_ALPHABET) {
      if (c === code[17]) continue;
      const wrong = code.slice(0, 17) + c;
      expect(isValidUscc(wrong)).toBe(false);
      expect(explainUsccError(wrong)).toBe(`has a wrong check character "${c}" (expected ${code[17]})`);
    }
  });

  it('explains a wrong length', () => {
    expect(explainUsccError('91350100M000100Y4')).toBe('must be 18 characters (got 17)');
    expect(explainUsccError('')).toBe('must be 18 characters (got 0)');
  });

  it('explains a character outside the alphabet with its position', () => {
    expect(explainUsccError('91350100I000100Y43')).toMatch(/invalid character "I" at position 9/);
    expect(explainUsccError('91350100m000100Y43')).toMatch(/invalid character "m" at position 9/);
    for (const bad of ['I', 'O', 'S', 'V', 'Z']) expect(isValidUscc('91350100' + bad + '000100Y43')).toBe(false);
  });

  it('rejects non-strings without throwing', () => {
    expect(isValidUscc(123 as unknown as string)).toBe(false);
  });

  it('usccCheckCharacter refuses bad input', () => {
    expect(() => usccCheckCharacter('123')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9135010OM000100Y4')).toThrow(/position 8/);
  });

  it('makeUscc always yields a valid code, and a changed character is detected', () => {
    const ch = fc.constantFrom(...USCC_ALPHABET);
    fc.assert(
      fc.property(fc.array(ch, { minLength: 17, maxLength: 17 }), fc.nat(16), ch, (chars, pos, replacement) => {
        const code = makeUscc(chars.join(''));
        expect(isValidUscc(code)).toBe(true);
        // mod 31 with weights coprime to 31 detects every single-character substitution
        if (replacement !== code[pos]) {
          expect(isValidUscc(code.slice(0, pos) + replacement + code.slice(pos + 1))).toBe(false);
        }
      }),
    );
  });
});
