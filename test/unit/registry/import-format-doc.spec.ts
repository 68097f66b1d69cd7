import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { COLUMN_ALIASES, REGISTRY_COLUMNS } from '../../../src/registry/import/registry-columns.js';
import { parseRegistryImport } from '../../../src/registry/import/registry-import.js';

const doc = readFileSync(new URL('../../../src/registry/import/import-format.md', import.meta.url), 'utf8');
const city = loadCityConfig();

describe('import-format.md', () => {
  it('documents every column and its Chinese headers', () => {
    for (const column of REGISTRY_COLUMNS) {
      expect(doc).toContain('`' + column + '`');
      for (const alias of COLUMN_ALIASES[column]) expect(doc).toContain(alias);
    }
  });

  it('has examples that import without errors', async () => {
    const examples = [...doc.matchAll(/```csv\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples).toHaveLength(2);
    for (const example of examples) {
      const result = await parseRegistryImport('csv', example, city);
      expect(result.errors).toEqual([]);
      expect(result.enterprises).toHaveLength(1);
    }
  });
});
