import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../src/config/city-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { generateRegistry } from '../../src/registry/demo/registry-generator.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { copyRows } from './support/copy-rows.js';

const N = Number(process.env.BENCH_ENTERPRISES ?? 10_000);

describe(`registry import of ${N} enterprises through the API, beside a raw COPY`, () => {
  let t: TestApp;
  let baseline: TestDatabase;
  const registry = generateRegistry({ seed: 2026, enterprises: N, city: loadCityConfig() });
  const lineCount = registry.reduce((n, e) => n + e.lines.length, 0);

  beforeAll(async () => {
    t = await startTestApp();
    baseline = await createTestDatabase();
    const ds = new DataSource(dataSourceOptions(baseline.url));
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
  });
  afterAll(async () => {
    await t.close();
    await baseline.drop();
  });

  it('prints the time of each beside the ratio', async () => {
    const admin = await t.adminToken();
    const body = JSON.stringify({ enterprises: registry });

    const client = new pg.Client(baseline.url);
    await client.connect();
    const c0 = performance.now();
    await client.query('BEGIN');
    await copyRows(
      client,
      'enterprises',
      ['code', 'name', 'county', 'industry', 'process', 'fuel', 'air_emitting', 'grade', 'livelihood', 'provincial_approval', 'measures', 'webhook_url', 'version'],
      registry.map((e) => [e.code, e.name, e.county, e.industry, e.process, e.fuel, e.airEmitting, e.grade, e.livelihood, e.provincialApproval, e.measures, e.webhookUrl, 1]),
    );
    await copyRows(
      client,
      'production_lines',
      ['enterprise_code', 'code', 'position', 'name', 'capacity', 'unit', 'cells'],
      registry.flatMap((e) => e.lines.map((l, i) => [e.code, l.code, i, l.name, l.capacity, l.unit, l.cells])),
    );
    await copyRows(
      client,
      'contacts',
      ['enterprise_code', 'position', 'name', 'role', 'email', 'phone'],
      registry.flatMap((e) => e.contacts.map((c, i) => [e.code, i, c.name, c.role, c.email, c.phone])),
    );
    await client.query('COMMIT');
    const copyMs = performance.now() - c0;
    await client.end();

    const a0 = performance.now();
    const res = await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', 'application/json').send(body);
    const apiMs = performance.now() - a0;
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(N);

    const r0 = performance.now();
    const again = await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', 'application/json').send(body);
    const reMs = performance.now() - r0;
    expect(again.body.unchanged).toBe(N);

    const mb = (Buffer.byteLength(body) / 1e6).toFixed(1);
    console.log(
      [
        `registry import: ${N} enterprises, ${lineCount} lines, ${mb} MB of JSON`,
        `  raw COPY (baseline, same rows)          ${copyMs.toFixed(0).padStart(7)} ms`,
        `  POST /api/v1/registry/import (first)    ${apiMs.toFixed(0).padStart(7)} ms   ${(apiMs / copyMs).toFixed(2)}x COPY   (parse + validate + compare + write + audit)`,
        `  POST /api/v1/registry/import (repeat)   ${reMs.toFixed(0).padStart(7)} ms   ${(reMs / copyMs).toFixed(2)}x COPY   (nothing changes)`,
      ].join('\n'),
    );
  });
});
