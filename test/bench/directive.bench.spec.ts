import pg from 'pg';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ControllableClock } from '../../src/common/clock.js';
import { seedRegistry } from './support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { copyRows } from './support/copy-rows.js';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);

async function tableRows(url: string, table: string, columns: string[]): Promise<unknown[][]> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    const res = await c.query({ text: `SELECT ${columns.join(', ')} FROM ${table}`, rowMode: 'array' });
    return res.rows as unknown[][];
  } finally {
    await c.end();
  }
}

describe(`a city-wide directive over ${N} enterprises, beside COPY of the same rows`, () => {
  let t: TestApp;
  let baseline: TestDatabase;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const ds = t.app.get<DataSource>(getDataSourceToken());
    await seedRegistry(ds, N, 99, t.db.url);
    baseline = await createTestDatabase();
    const b = new DataSource(dataSourceOptions(baseline.url));
    await b.initialize();
    await b.runMigrations();
    // The baseline is a bare COPY: without the progress read model's statement triggers.
    await b.query('ALTER TABLE order_versions DISABLE TRIGGER USER');
    await b.query('ALTER TABLE outbox DISABLE TRIGGER USER');
    await b.destroy();
  });
  afterAll(async () => {
    await t.close();
    await baseline.drop();
  });

  it('prints the directive time, the COPY time of its rows and the ratio', async () => {
    const admin = await t.adminToken();
    const t0 = performance.now();
    const res = await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', endsAt: null, basis: '全市橙色预警（基准测试）' });
    const directiveMs = performance.now() - t0;
    expect(res.status).toBe(200);
    const totals = res.body.summary.totals;
    expect(totals.enterprises).toBe(N);

    // The same rows the directive committed, COPY'd into an empty schema.
    const tables: Array<[string, string[]]> = [
      ['directives', ['id', 'number', 'kind', 'level', 'counties', 'city', 'starts_at', 'ends_at', 'basis', 'season_key', 'supersedes_id', 'issued_by', 'issued_at', 'summary']],
      ['orders', ['id', 'enterprise_code', 'county', 'status', 'current_modification', 'current_version_id', 'requirement_hash', 'created_at']],
      [
        'order_versions',
        [
          'id',
          'order_id',
          'modification',
          'directive_id',
          'enterprise_code',
          'county',
          'status',
          'ends',
          'level',
          'phase',
          'lines',
          'stopped_capacity_percent',
          'max_load_percent',
          'notes',
          'effective_from',
          'effective_to',
          'ack_deadline',
          'created_at',
        ],
      ],
      ['outbox', ['id', 'idempotency_key', 'kind', 'channel', 'recipient', 'enterprise_code', 'order_version_id', 'payload', 'status', 'created_at']],
    ];
    const data = await Promise.all(tables.map(([table, cols]) => tableRows(t.db.url, table, cols)));
    const pgArray = (v: unknown) => (Array.isArray(v) ? `{${v.map((x) => `"${String(x)}"`).join(',')}}` : v);
    const client = new pg.Client(baseline.url);
    await client.connect();
    const c0 = performance.now();
    await client.query('BEGIN');
    for (let i = 0; i < tables.length; i++) {
      const [table, cols] = tables[i];
      await copyRows(
        client,
        table,
        cols,
        data[i].map((row) => row.map((v, j) => (cols[j] === 'counties' ? pgArray(v) : v instanceof Date ? v.toISOString() : v))),
      );
    }
    await client.query('COMMIT');
    const copyMs = performance.now() - c0;
    await client.end();
    const counts = data.map((d) => d.length);
    console.log(
      [
        `city-wide orange directive: ${N} enterprises -> ${counts[1]} orders, ${counts[2]} versions, ${counts[3]} outbox rows`,
        `  COPY of the same rows, no triggers     ${copyMs.toFixed(0).padStart(7)} ms`,
        `  POST /api/v1/directives until commit   ${directiveMs.toFixed(0).padStart(7)} ms   ${(directiveMs / copyMs).toFixed(2)}x COPY (target <= 1.5x)`,
      ].join('\n'),
    );
    expect(counts[2]).toBe(totals.orders);
  });
});
