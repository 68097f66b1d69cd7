import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { demoRegistry } from '../../../src/registry/demo/registry-generator.js';
import { parseRegistryImport } from '../../../src/registry/import/registry-import.js';

const city = loadCityConfig();
const demo = demoRegistry(city);

describe('JSON registry import', () => {
  it('accepts { enterprises: [...] } as an object, as text and as bytes (with a BOM)', async () => {
    const body = { enterprises: demo.slice(0, 20) };
    for (const b of [body, JSON.stringify(body), Buffer.from('\uFEFF' + JSON.stringify(body))]) {
      const result = await parseRegistryImport('json', b, city);
      expect(result.errors).toEqual([]);
      expect(result.enterprises).toEqual(demo.slice(0, 20));
    }
  });

  it('reports every error of every record with its index and code', async () => {
    const list: unknown[] = structuredClone(demo.slice(0, 10));
    (list[3] as { lines: { capacity: unknown }[] }).lines[0]!.capacity = 'abc';
    (list[3] as { county: string }).county = '郑州市';
    (list[7] as { measures: Record<string, unknown> }).measures = { orange: [{ line: 'L99', action: 'stop' }] };
    list[8] = 'not an enterprise';
    const result = await parseRegistryImport('json', { enterprises: list }, city);
    expect(result.errors.map((e) => [e.index, e.enterpriseCode, e.field, e.row])).toEqual([
      [3, demo[3]!.code, 'county', null],
      [3, demo[3]!.code, 'lines[0].capacity', null],
      [7, demo[7]!.code, 'measures.orange[0].line', null],
      [8, null, 'enterprise', null],
    ]);
    expect(result.errors[1]!.message).toBe('lines[0].capacity must be a number greater than 0 (got "abc")');
    expect(result.enterprises.map((e) => e.code)).toEqual(
      demo
        .slice(0, 10)
        .filter((_, i) => ![3, 7, 8].includes(i))
        .map((e) => e.code),
    );
  });

  it('reports the same code twice at the second occurrence, also when written differently', async () => {
    const second = { ...demo[0]!, code: ' ' + demo[0]!.code.toLowerCase() };
    const result = await parseRegistryImport('json', { enterprises: [demo[0], demo[1], second] }, city);
    expect(result.errors).toEqual([
      {
        row: null,
        index: 2,
        enterpriseCode: demo[0]!.code,
        field: 'code',
        message: `code ${demo[0]!.code} appears more than once in the import (first at index 0); list each enterprise once`,
      },
    ]);
    expect(result.enterprises).toHaveLength(2);
  });

  it('reports a body that is not JSON or has no list', async () => {
    expect((await parseRegistryImport('json', '{"enterprises": [', city)).errors[0]!.message).toMatch(/^the body is not valid JSON/);
    expect((await parseRegistryImport('json', { companies: [] }, city)).errors[0]!.field).toBe('enterprises');
    expect((await parseRegistryImport('json', { enterprises: [] }, city)).errors[0]!.message).toMatch(/at least one/);
    expect((await parseRegistryImport('json', null, city)).errors).toHaveLength(1);
  });

  it('refuses an unknown kind as bad input', async () => {
    const result = await parseRegistryImport('yaml' as 'json', '', city);
    expect(result.errors[0]).toMatchObject({ field: 'kind', message: 'kind must be json, csv or xlsx (got yaml)' });
  });
});
