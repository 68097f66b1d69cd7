/** The Jiaozuo style (焦冬防指〔2026〕12号); config/dispatch.yaml may set another city's. */
export const DEFAULT_DIRECTIVE_NUMBER_FORMAT = '焦冬防指〔{year}〕{seq}号';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Throws unless the format has exactly the placeholders {year} and {seq}, each at least once; typos must fail at boot, not on the first directive. */
export function validateDirectiveNumberFormat(format: string): void {
  if (typeof format !== 'string' || format.trim() === '') throw new Error('directive number format must be a non-empty string');
  const seen = new Set<string>();
  for (const m of format.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (name !== 'year' && name !== 'seq') throw new Error(`directive number format has unknown placeholder {${name}} (allowed: {year}, {seq})`);
    seen.add(name);
  }
  if (!seen.has('year')) throw new Error('directive number format must contain {year}');
  if (!seen.has('seq')) throw new Error('directive number format must contain {seq}');
}

/** Official numbering: the year in full, the sequence without padding (…〔2026〕12号). */
export function formatDirectiveNumber(format: string, year: number, seq: number): string {
  validateDirectiveNumberFormat(format);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`directive year must be a 4-digit integer (got ${year})`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`directive sequence must be a positive integer (got ${seq})`);
  return format.replace(PLACEHOLDER, (_m, name: string) => (name === 'year' ? String(year) : String(seq)));
}
