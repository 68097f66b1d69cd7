// Unified social credit code (统一社会信用代码), GB 32100-2015.
// 18 characters; the last is a check character over the first 17 (mod 31).

/** The code alphabet: digits and uppercase letters without I, O, S, V, Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Check character for the first 17 characters; throws if they are not 17 alphabet characters. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`first17 must be 17 characters (got ${first17.length})`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`first17 has a character outside the USCC alphabet at position ${i + 1}: ${first17[i]}`);
    sum += value * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Appends the check character; used by generators and tests. */
export function makeUscc(first17: string): string {
  return first17 + usccCheckCharacter(first17);
}

/**
 * Why a code is invalid, in words a person can act on, or null if it is valid.
 * Expects the code as given (callers trim / uppercase first if they accept that).
 */
export function explainUsccError(code: string): string | null {
  if (code.length !== 18) return `must be 18 characters (got ${code.length})`;
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i]!)) {
      return `has an invalid character "${code[i]}" at position ${i + 1} (allowed: 0-9 and A-Z without I, O, S, V, Z)`;
    }
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return `has a wrong check character "${code[17]}" (expected ${expected})`;
  return null;
}

export function isValidUscc(code: string): boolean {
  return typeof code === 'string' && explainUsccError(code) === null;
}
