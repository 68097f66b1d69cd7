import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { statusOf, type DomainErrorCode } from '../../../src/app/http-error.filter.js';
import { ERROR_TEXT } from '../../../src/web/shared/wording.js';
import { ROOT } from '../../support/service-process.js';

/** Every `*.errors.ts` under src/, found on disk so that a new module's enum cannot be left out. */
function errorFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'web' ? [] : errorFiles(path);
    return e.name.endsWith('.errors.ts') ? [path] : [];
  });
}

/** The enums a module exports: objects whose every value is a string equal to its key. */
async function enumsOf(file: string): Promise<Array<[string, string[]]>> {
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return Object.entries(mod)
    .filter((entry): entry is [string, Record<string, string>] => {
      const v = entry[1];
      return typeof v === 'object' && v !== null && !(v instanceof Set) && Object.entries(v).length > 0 && Object.entries(v).every(([k, x]) => k === x);
    })
    .map(([name, e]) => [name, Object.values(e)]);
}

describe('module error codes', () => {
  const files = errorFiles(join(ROOT, 'src'));

  it('each module that throws its own codes declares them in a <module>.errors.ts', () => {
    const names = files.map((f) => relative(ROOT, f)).sort();
    for (const expected of [
      'src/auth/auth.errors.ts',
      'src/common/common.errors.ts',
      'src/compliance/compliance.errors.ts',
      'src/directives/directives.errors.ts',
      'src/duty/duty.errors.ts',
      'src/inspections/inspections.errors.ts',
      'src/levels/levels.errors.ts',
      'src/orders/orders.errors.ts',
      'src/registry/registry.errors.ts',
      'src/rules/rules.errors.ts',
      'src/seasons/seasons.errors.ts',
      'src/warnings/warnings.errors.ts',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('every code of every module maps to a 4xx, one status per code, with a Chinese sentence for people', async () => {
    const statusByCode = new Map<string, number>();
    let enums = 0;
    for (const file of files) {
      const found = await enumsOf(file);
      expect(found.length, `${relative(ROOT, file)} exports an error-code enum`).toBeGreaterThan(0);
      for (const [name, codes] of found) {
        enums++;
        for (const code of codes) {
          const where = `${relative(ROOT, file)} ${name}.${code}`;
          // statusOf throws for a code its switch does not name: the union and the switch cover the enum.
          const status = statusOf(code as DomainErrorCode);
          expect(status, where).toBeGreaterThanOrEqual(400);
          expect(status, where).toBeLessThan(500);
          // Two modules may share a code (DIRECTIVE_NOT_FOUND) only if it means the same answer.
          if (statusByCode.has(code)) expect(status, `${where}: same code, same status`).toBe(statusByCode.get(code));
          statusByCode.set(code, status);
          expect(ERROR_TEXT[code], `${where}: wording in src/web/shared/wording.ts`).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
    expect(enums).toBeGreaterThanOrEqual(11);
    // The statuses the generic codes always had (tests of the modules assert them too).
    expect(statusOf('NOT_FOUND' as DomainErrorCode)).toBe(404);
    expect(statusOf('LEVEL_CONFLICT' as DomainErrorCode)).toBe(409);
    expect(statusOf('PHOTO_TOO_LARGE' as DomainErrorCode)).toBe(413);
    expect(statusOf('PHOTO_TYPE_NOT_ALLOWED' as DomainErrorCode)).toBe(415);
    expect(statusOf('REPORT_DATE_INVALID' as DomainErrorCode)).toBe(400);
  });

  it('an unmapped code is a programming error, not a silent 500', () => {
    expect(() => statusOf('NO_SUCH_CODE' as DomainErrorCode)).toThrow(/unmapped domain error code NO_SUCH_CODE/);
  });
});
