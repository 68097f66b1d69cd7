import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { loadCityConfig } from '../../src/config/city-config.js';
import { generateRegistry } from '../../src/registry/demo/registry-generator.js';
import { registryToCsv } from '../../src/registry/import/registry-csv.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('npm run cli -- import <file> (real PostgreSQL)', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'hazeops-cli-'));
  const registry = generateRegistry({ seed: 5, enterprises: 60, city: loadCityConfig() });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      out: (t) => (out += t),
      err: (t) => (err += t),
      env: { DATABASE_URL: db.url, HAZEOPS_SECRET: 'c'.repeat(40), HAZEOPS_DATA_DIR: dir, LOG_LEVEL: 'error' },
    });
    return { code, out, err };
  }

  async function count(): Promise<number> {
    const c = new pg.Client(db.url);
    await c.connect();
    try {
      const r = await c.query('SELECT count(*)::int AS n FROM enterprises');
      return r.rows[0].n as number;
    } finally {
      await c.end();
    }
  }

  it('imports a CSV file with progress, then re-imports it without changes', async () => {
    const file = join(dir, 'registry.csv');
    writeFileSync(file, registryToCsv(registry));
    const first = await cli('import', file);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ received: 60, created: 60, updated: 0, unchanged: 0 });
    expect(first.err).toMatch(/parsed: 60\/60/);
    expect(first.err).toMatch(/written: \d+\/60/);
    expect(await count()).toBe(60);
    const again = await cli('import', file);
    expect(JSON.parse(again.out)).toMatchObject({ created: 0, updated: 0, unchanged: 60 });
  });

  it('refuses a bad file with exit code 2, listing every error, writing nothing', async () => {
    const bad = structuredClone(registry).map((e, i) => (i === 3 ? { ...e, county: '不存在县' } : e));
    bad.push({ ...registry[0], code: 'NOTACODE' });
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ enterprises: bad.map((e) => ({ ...e, name: e.name + '·改' })) }));
    const res = await cli('import', file);
    expect(res.code).toBe(2);
    expect(res.err).toContain('2 error(s)');
    expect(res.err).toMatch(/#3 .* county:/);
    expect(res.err).toMatch(/#60 .* code:/);
    expect(await count()).toBe(60);
  });

  it('explains usage and unknown formats', async () => {
    expect((await cli('frobnicate')).code).toBe(64);
    const txt = join(dir, 'x.txt');
    writeFileSync(txt, 'x');
    const res = await cli('import', txt);
    expect(res.code).toBe(1);
    expect(res.err).toContain('.json, .csv or .xlsx');
  });
});
