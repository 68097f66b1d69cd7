import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigService } from '../../src/config/config.service.js';
import type { DomainConfig } from '../../src/config/domain-config.js';
import { DispatchWorker, type DispatchRound } from '../../src/dispatch/dispatch.worker.js';
import type { NewOutboxRow } from '../../src/dispatch/outbound-message.js';
import { OutboxService } from '../../src/dispatch/outbox.service.js';
import { JobRunner } from '../../src/scheduling/job-runner.js';
import { buildService, configDirWith, ServiceProcess } from '../support/service-process.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, ownerQuery, type TestDatabase } from '../support/test-database.js';
import { until } from '../support/polling.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function notices(prefix: string, n: number, recipient = (i: number) => `${prefix}-${i}@example.com`): NewOutboxRow[] {
  return Array.from({ length: n }, (_, i) => ({
    idempotencyKey: `${prefix}:${i}`,
    kind: 'notice',
    channel: 'email' as const,
    recipient: recipient(i),
    enterpriseCode: null,
    orderVersionId: null,
    payload: { subject: `【焦作市冬防指挥部】通知 ${prefix} #${i}`, text: `通知正文 ${i}`, html: `<p>通知正文 ${i}</p>` },
  }));
}

async function enqueue(t: TestApp, rows: NewOutboxRow[]): Promise<number> {
  const ds = t.app.get<DataSource>(getDataSourceToken());
  return ds.transaction((m) => t.app.get(OutboxService).enqueue(m, rows));
}

function tally(keys: string[]): { unique: Set<string>; duplicates: number } {
  const unique = new Set(keys);
  return { unique, duplicates: keys.length - unique.size };
}

const fastRetry =
  (maxAttempts: number) =>
  (d: DomainConfig): DomainConfig => ({
    ...d,
    dispatch: { ...d.dispatch, retry: { maxAttempts, baseDelaySeconds: 1, maxDelaySeconds: 2 } },
  });

describe('dispatch faults: the real service killed mid-dispatch and restarted', () => {
  const N = 2000;
  const LEASE_SECONDS = 5; // the smallest lease dispatch-config accepts
  const sink = new SmtpSink({ delayMs: 15 });
  let t: TestApp;
  let ds: DataSource;
  let config: { dir: string; remove(): void };
  let batchSize: number;

  beforeAll(async () => {
    const build = await buildService();
    if (build.diagnostics) console.warn(`tsc reported problems (dist was still emitted):\n${build.diagnostics.slice(0, 2000)}`);
    await sink.start();
    // The in-process app migrates the database and enqueues; its own worker is off.
    t = await startTestApp({ SMTP_URL: sink.url });
    ds = t.app.get(getDataSourceToken());
    config = configDirWith({ 'worker.leaseSeconds': LEASE_SECONDS, 'retry.baseDelaySeconds': 1, 'retry.maxDelaySeconds': 2 });
    batchSize = t.app.get(ConfigService).dispatch.worker.batchSize;
  }, 180_000);
  afterAll(async () => {
    await ServiceProcess.killAll();
    await t?.close();
    await sink.stop();
    config?.remove();
  });

  it(`delivers all ${N} notices at least once, duplicating at most the batch in flight at the kill`, async () => {
    expect(await enqueue(t, notices('kill', N))).toBe(N);
    const service = () => ServiceProcess.start({ databaseUrl: t.db.url, smtpUrl: sink.url, configDir: config.dir });

    const first = await service();
    // 530, not a multiple of the batch: the kill lands while a batch is half delivered.
    await until('530 mails at the sink', 60_000, () => sink.messages.length >= 530, 5);
    await first.kill('SIGKILL');
    const atKill = sink.messages.length;
    const [held] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'sending'`);

    const second = await service();
    await until(
      'an empty queue',
      60_000,
      async () => {
        const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'sending')`);
        return n === 0;
      },
      200,
    );
    await sleep(200); // a delivery answered after the last record() (none expected) would show up here
    await second.kill('SIGTERM');

    const keys = sink.idempotencyKeys();
    const { unique, duplicates } = tally(keys);
    const retaken: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE attempts > 1`);
    console.log(
      `kill test: ${atKill} mails at the kill, ${held.n} rows held by the dead worker, ${keys.length} mails in all, ${duplicates} duplicates (bound ${batchSize}), ${retaken[0].n} rows retried after the lease`,
    );

    for (let i = 0; i < N; i++) expect(unique.has(`kill:${i}`), `kill:${i}`).toBe(true);
    expect(unique.size).toBe(N);
    expect(duplicates).toBeLessThanOrEqual(batchSize * 1);
    expect(retaken[0].n).toBeLessThanOrEqual(batchSize);

    const status: Array<{ status: string; n: number }> = await ds.query(`SELECT status, count(*)::int AS n FROM outbox GROUP BY status`);
    expect(status).toEqual([{ status: 'sent', n: N }]);
    // Every row has its successful attempt on record, written by the first or the second process.
    const [att] = await ds.query(`SELECT count(DISTINCT outbox_id)::int AS rows, count(DISTINCT worker)::int AS workers FROM delivery_attempts WHERE ok`);
    expect(att.rows).toBe(N);
    expect(att.workers).toBe(2);
    const workers: Array<{ worker: string }> = await ds.query(`SELECT DISTINCT worker FROM delivery_attempts`);
    for (const w of workers) expect(w.worker).toMatch(new RegExp(`:(${first.pid}|${second.pid}):`));
    // The rows the dead process held were taken over by the second one once the lease ran out.
    const [orphans] = await ds.query(
      `SELECT count(*)::int AS n FROM outbox o WHERE o.attempts > 1
         AND NOT EXISTS (SELECT 1 FROM delivery_attempts a WHERE a.outbox_id = o.id AND a.ok AND a.worker LIKE $1)`,
      [`%:${second.pid}:%`],
    );
    expect(orphans.n).toBe(0);
  }, 240_000);
});

describe('dispatch faults: SMTP down, then back', () => {
  const N = 40;
  const MAX_ATTEMPTS = 3;
  const sink = new SmtpSink({ rejectRecipient: (a) => a.startsWith('bounce') });
  let t: TestApp;
  let ds: DataSource;
  let worker: DispatchWorker;
  let port: number;

  beforeAll(async () => {
    await sink.start();
    port = sink.port;
    await sink.stop(); // the port is known, and refused
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { domain: fastRetry(MAX_ATTEMPTS) });
    ds = t.app.get(getDataSourceToken());
    worker = t.app.get(DispatchWorker);
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  it('fails every row while the server refuses connections and reschedules it with backoff', async () => {
    expect(await enqueue(t, notices('down', N))).toBe(N);
    const round = await worker.runOnce();
    expect(round).toEqual({ claimed: N, sent: 0, retrying: N, failed: 0 });
    const rows: Array<{ status: string; attempts: number; last_error: string | null; wait: number }> = await ds.query(
      `SELECT status, attempts, last_error, extract(epoch FROM next_attempt_at - now())::float AS wait FROM outbox`,
    );
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'pending', attempts: 1 });
      expect(r.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(r.wait).toBeGreaterThan(0);
      expect(r.wait).toBeLessThanOrEqual(1);
    }
    const [att] = await ds.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT ok AND error IS NOT NULL)::int AS failed FROM delivery_attempts`);
    expect(att).toEqual({ n: N, failed: N });
    // Not due yet: nothing is claimed before the backoff has passed.
    expect((await worker.runOnce()).claimed).toBe(0);
  });

  it('delivers each exactly once when the server is back and the backoff has passed', async () => {
    await sink.start(port);
    await sleep(1100);
    const round = await worker.drain();
    expect(round).toMatchObject({ claimed: N, sent: N, failed: 0 });
    const { unique, duplicates } = tally(sink.idempotencyKeys());
    expect(unique.size).toBe(N);
    expect(duplicates).toBe(0);
    const rows: Array<{ status: string; attempts: number; tries: number; oks: number }> = await ds.query(
      `SELECT o.status, o.attempts, count(a.id)::int AS tries, count(a.id) FILTER (WHERE a.ok)::int AS oks
         FROM outbox o JOIN delivery_attempts a ON a.outbox_id = o.id GROUP BY o.id`,
    );
    expect(rows).toHaveLength(N);
    for (const r of rows) expect(r).toEqual({ status: 'sent', attempts: 2, tries: 2, oks: 1 });
  });

  it(`gives a row up as failed after ${MAX_ATTEMPTS} attempts`, async () => {
    expect(
      await enqueue(
        t,
        notices('bounce', 1, () => 'bounce@example.com'),
      ),
    ).toBe(1);
    const rounds: DispatchRound[] = [];
    await until(
      'the bouncing row to fail',
      15_000,
      async () => {
        const r = await worker.runOnce();
        if (r.claimed > 0) rounds.push(r);
        const [{ status }] = await ds.query(`SELECT status FROM outbox WHERE idempotency_key = 'bounce:0'`);
        return status === 'failed';
      },
      200,
    );
    expect(rounds).toEqual([
      { claimed: 1, sent: 0, retrying: 1, failed: 0 },
      { claimed: 1, sent: 0, retrying: 1, failed: 0 },
      { claimed: 1, sent: 0, retrying: 0, failed: 1 },
    ]);
    const [row] = await ds.query(`SELECT id, status, attempts, last_error, sent_at FROM outbox WHERE idempotency_key = 'bounce:0'`);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, sent_at: null });
    expect(row.last_error).toMatch(/550/);
    const attempts: Array<{ attempt: number; ok: boolean }> = await ds.query(`SELECT attempt, ok FROM delivery_attempts WHERE outbox_id = $1 ORDER BY attempt`, [row.id]);
    expect(attempts).toEqual([1, 2, 3].map((attempt) => ({ attempt, ok: false })));
    // A failed row is never claimed again.
    await sleep(2100);
    expect((await worker.runOnce()).claimed).toBe(0);
    expect(sink.to('bounce@example.com')).toEqual([]);
  }, 30_000);
});

describe('dispatch faults: two instances on one database', () => {
  const N = 1000;
  const sink = new SmtpSink();
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    await sink.start();
    db = await createTestDatabase();
    a = await startTestApp({ SMTP_URL: sink.url }, { db });
    b = await startTestApp({ SMTP_URL: sink.url }, { db });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
    await sink.stop();
  });

  it(`two workers draining ${N} rows concurrently deliver each exactly once`, async () => {
    expect(await enqueue(a, notices('two', N))).toBe(N);
    const loop = async (t: TestApp) => {
      const w = t.app.get(DispatchWorker);
      let sent = 0;
      let rounds = 0;
      for (;;) {
        const r = await w.runOnce();
        if (r.claimed === 0) return { sent, rounds };
        sent += r.sent;
        rounds++;
      }
    };
    const [ra, rb] = await Promise.all([loop(a), loop(b)]);
    const ds = a.app.get<DataSource>(getDataSourceToken());
    const workers: Array<{ worker: string; n: number }> = await ds.query(`SELECT worker, count(*)::int AS n FROM delivery_attempts GROUP BY worker`);
    // Both apps live in this one process and so share INSTANCE_ID: the split is told by each loop.
    console.log(`two instances: A sent ${ra.sent} in ${ra.rounds} rounds, B sent ${rb.sent} in ${rb.rounds} rounds; delivery_attempts.worker: ${JSON.stringify(workers)}`);

    expect(ra.sent + rb.sent).toBe(N);
    const { unique, duplicates } = tally(sink.idempotencyKeys());
    expect(unique.size).toBe(N);
    expect(duplicates).toBe(0);
    const [o] = await ds.query(`SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, max(attempts)::int AS attempts FROM outbox`);
    expect(o).toEqual({ sent: N, attempts: 1 });
    const [att] = await ds.query(`SELECT count(*)::int AS n, count(DISTINCT outbox_id)::int AS rows FROM delivery_attempts WHERE ok`);
    expect(att).toEqual({ n: N, rows: N });
    if (ra.sent === 0 || rb.sent === 0) console.warn('one instance did all the work on this machine; only exactly-once was checked');
  });

  it('a scheduled job run for the same slot from both instances at once runs once', async () => {
    const ds = a.app.get<DataSource>(getDataSourceToken());
    // A table of the test's own, made by the owner and granted to the service's role.
    await ownerQuery(a.db.url, `CREATE TABLE fault_job_effects (slot text NOT NULL, instance text NOT NULL)`);
    await ownerQuery(a.db.url, `GRANT SELECT, INSERT ON fault_job_effects TO ${a.db.name}_app`);
    let calls = 0;
    const job = (who: string) => async (m: import('typeorm').EntityManager) => {
      calls++;
      await m.query(`SELECT pg_sleep(0.3)`); // both are inside runOnce together
      await m.query(`INSERT INTO fault_job_effects (slot, instance) VALUES ($1, $2)`, ['2026-12-10T09:00', who]);
      return who;
    };
    const run = (t: TestApp, who: string) => t.app.get(JobRunner).runOnce('fault.test', '2026-12-10T09:00', job(who));
    const results = await Promise.all([run(a, 'A'), run(b, 'B')]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(calls).toBe(1);
    // Later, one after the other (the lock is free now): the slot row keeps it from running again.
    expect((await run(b, 'B')).ran).toBe(false);
    expect((await run(a, 'A')).ran).toBe(false);
    expect(calls).toBe(1);
    const effects = await ds.query(`SELECT slot, instance FROM fault_job_effects`);
    expect(effects).toEqual([{ slot: '2026-12-10T09:00', instance: results.find((r) => r.ran)!.result }]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM job_runs WHERE job = 'fault.test' AND finished_at IS NOT NULL`);
    expect(n).toBe(1);
  });
});
