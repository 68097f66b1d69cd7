import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectiveProgressRepository, type CountyProgress } from '../../../src/directives/directive-progress.repository.js';
import type { NewOutboxRow } from '../../../src/dispatch/outbound-message.js';
import { OutboxRepository } from '../../../src/dispatch/outbox.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

const T0 = Date.parse('2026-12-10T08:00:00+08:00');
const MIN = 60_000;
const COUNTIES = ['修武县', '温县', '博爱县'];
const STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'dead'];

/** A small deterministic PRNG (mulberry32): the same sequence on every run, printed seed on failure. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Version {
  id: string;
  directiveId: string;
  county: string;
}

describe('directive progress counters (triggers) equal the progress recomputed from scratch (real PostgreSQL)', () => {
  let db: RepositoryDatabase;
  let repo: DirectiveProgressRepository;
  let outbox: OutboxRepository;
  const directives: string[] = [];
  const versions: Version[] = [];
  const outboxIds: string[] = [];
  let key = 0;
  let bulkCommits = 0;

  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new DirectiveProgressRepository(db.dataSource);
    outbox = new OutboxRepository(db.dataSource);
    for (const n of [1, 2]) {
      const [{ id }] = await q(
        `INSERT INTO directives (number, kind, level, counties, city, starts_at, ends_at, basis, issued_by, summary) VALUES ($1, 'issue', 'orange', $2, true, $3, NULL, '测试', 'chief', '{}') RETURNING id`,
        [`焦冬防指〔2026〕${n}号`, COUNTIES, iso(T0)],
      );
      directives.push(id);
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  /** Counters and the reference agree at instants around every minute edge and deadline of the run. */
  async function expectConsistent(instants: number[], label: string): Promise<number> {
    let checked = 0;
    for (const d of directives) {
      for (const at of instants) {
        for (const county of [null, COUNTIES[0]]) {
          const now = new Date(at);
          const counters: CountyProgress[] = await repo.counties(d, now, county);
          const reference: CountyProgress[] = await repo.recompute(d, now, county);
          expect(counters, `${label}: directive ${d} at ${now.toISOString()} county ${county}`).toEqual(reference);
          checked++;
        }
      }
    }
    return checked;
  }

  async function insertVersions(rnd: () => number, n: number, run: (sql: string, params?: unknown[]) => Promise<unknown> = q): Promise<void> {
    const rows: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const v: Version = { id: randomUUID(), directiveId: directives[Math.floor(rnd() * directives.length)], county: COUNTIES[Math.floor(rnd() * COUNTIES.length)] };
      versions.push(v);
      const from = T0 + Math.floor(rnd() * 240) * MIN + (rnd() < 0.3 ? Math.floor(rnd() * 59_000) : 0);
      const to = rnd() < 0.5 ? null : from + Math.floor(rnd() * 300 - 30) * MIN;
      const created = T0 - 60 * MIN + Math.floor(rnd() * 180) * MIN;
      const deadline = T0 + Math.floor(rnd() * 180 * MIN) + (rnd() < 0.2 ? 0 : Math.floor(rnd() * 999));
      rows.push([v.id, randomUUID(), v.directiveId, `E${versions.length}`, v.county, rnd() < 0.15 ? 'superseded' : 'current', iso(from), to === null ? null : iso(to), iso(deadline), iso(created)]);
    }
    // One multi-row statement, as a directive's COPY writes them.
    const values = rows.map(
      (_, i) =>
        `($${i * 10 + 1}, $${i * 10 + 2}, 1, $${i * 10 + 3}, $${i * 10 + 4}, $${i * 10 + 5}, $${i * 10 + 6}, 'orange', '[]', 100, '[]', $${i * 10 + 7}, $${i * 10 + 8}, $${i * 10 + 9}, $${i * 10 + 10})`,
    );
    await run(
      `INSERT INTO order_versions (id, order_id, modification, directive_id, enterprise_code, county, status, level, lines, stopped_capacity_percent, notes, effective_from, effective_to, ack_deadline, created_at) VALUES ${values.join(', ')}`,
      rows.flat(),
    );
  }

  const pick = <T>(rnd: () => number, xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const some = (rnd: () => number, k: number) => Array.from({ length: k }, () => pick(rnd, versions).id);

  it('after 400 random events (versions, outbox rows and their states, directive commits through the outbox writer, acknowledgements, implementation, supersession, deadline moves, deletions) and after compaction', async () => {
    const seed = Number(process.env.PROGRESS_SEED ?? 20261210);
    const rnd = prng(seed);
    await insertVersions(rnd, 60);
    const events: Array<() => Promise<unknown>> = [
      () => insertVersions(rnd, 1 + Math.floor(rnd() * 8)),
      async () => {
        // New outbox rows (some about no version), as a directive or a reminder enqueues them.
        const ids = some(rnd, 1 + Math.floor(rnd() * 5));
        for (const id of ids) {
          const [{ id: row }] = await q(`INSERT INTO outbox (idempotency_key, kind, channel, recipient, order_version_id, status) VALUES ($1, $2, 'email', 'a@example.com', $3, $4) RETURNING id`, [
            `k${key++}`,
            pick(rnd, ['order', 'order', 'order', 'order', 'reminder', 'ladder']),
            rnd() < 0.1 ? null : id,
            rnd() < 0.7 ? 'pending' : pick(rnd, STATUSES),
          ]);
          outboxIds.push(String(row));
        }
      },
      async () => {
        // A worker's batch of outcomes: several rows change state in one statement.
        if (outboxIds.length === 0) return;
        const ids = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => pick(rnd, outboxIds));
        const json = JSON.stringify(ids.map((id) => ({ id, status: pick(rnd, STATUSES) })));
        await q(`UPDATE outbox o SET status = x.status FROM (SELECT DISTINCT ON (id) * FROM json_to_recordset($1::json) AS x(id bigint, status text)) x WHERE o.id = x.id`, [json]);
      },
      () =>
        q(`UPDATE order_versions SET acknowledged_at = $2, acknowledged_by = 'u' WHERE id = ANY($1) AND acknowledged_at IS NULL`, [some(rnd, 1 + Math.floor(rnd() * 3)), iso(T0 + rnd() * 120 * MIN)]),
      () => q(`UPDATE order_versions SET implemented_at = CASE WHEN $2 THEN coalesce(implemented_at, $3) ELSE NULL END WHERE id = ANY($1)`, [some(rnd, 2), rnd() < 0.8, iso(T0 + rnd() * 120 * MIN)]),
      // Supersession, as a later directive writes it: the interval ends (or empties) at its start.
      () =>
        q(
          `UPDATE order_versions SET effective_to = CASE WHEN effective_from >= $2 THEN effective_from ELSE $2 END, status = CASE WHEN effective_from >= $2 THEN 'superseded' ELSE status END
           WHERE id = ANY($1) AND status <> 'superseded' AND (effective_to IS NULL OR effective_to > $2)`,
          [some(rnd, 1 + Math.floor(rnd() * 10)), iso(T0 + Math.floor(rnd() * 240) * MIN)],
        ),
      // First delivery moves the deadline, as the dispatch worker records it.
      () =>
        q(`UPDATE order_versions v SET notified_at = $2, ack_deadline = greatest(v.ack_deadline, $2::timestamptz + (v.ack_deadline - v.created_at)) WHERE id = ANY($1) AND notified_at IS NULL`, [
          some(rnd, 3),
          iso(T0 + rnd() * 60 * MIN),
        ]),
      async () => {
        if (rnd() < 0.5) {
          const id = pick(rnd, outboxIds);
          if (id) await q('DELETE FROM outbox WHERE id = $1', [id]);
        } else {
          const i = Math.floor(rnd() * versions.length);
          await q('DELETE FROM order_versions WHERE id = $1', [versions[i].id]);
          versions.splice(i, 1);
        }
      },
      // A directive's commit: versions and their outbox rows in one transaction (rows about a
      // version written by the same transaction take the plain-insert path), a second batch
      // for some of them in a later statement.
      () =>
        db.dataSource.transaction(async (m) => {
          const before = versions.length;
          const inTx = (sql: string, params: unknown[] = []) => m.query(sql, params);
          await insertVersions(rnd, 1 + Math.floor(rnd() * 6), inTx);
          const fresh = versions.slice(before);
          for (const batch of [fresh, fresh.filter(() => rnd() < 0.5)]) {
            if (batch.length === 0) continue;
            const rows: Array<{ id: string }> = await m.query(
              `INSERT INTO outbox (idempotency_key, kind, channel, recipient, order_version_id, status)
               SELECT 'k' || x.k, 'order', 'email', 'a@example.com', x.id, x.status FROM json_to_recordset($1::json) AS x(k int, id uuid, status text) RETURNING id`,
              [JSON.stringify(batch.map((v) => ({ k: key++, id: v.id, status: rnd() < 0.8 ? 'pending' : pick(rnd, STATUSES) })))],
            );
            outboxIds.push(...rows.map((r) => String(r.id)));
          }
        }),
      // A directive's commit through its writer: the outbox COPY skips the trigger and the
      // writer records the counts and deltas itself (0 to 3 rows per version, some rows about
      // no version); later events deliver, fail and delete these rows through the triggers.
      () =>
        db.dataSource.transaction(async (m) => {
          const before = versions.length;
          await insertVersions(rnd, 1 + Math.floor(rnd() * 12), (sql, params = []) => m.query(sql, params));
          const fresh = versions.slice(before);
          const rows: NewOutboxRow[] = [];
          for (const v of fresh) {
            for (let r = Math.floor(rnd() * 4); r > 0; r--) {
              rows.push({ idempotencyKey: `k${key++}`, kind: 'order', channel: 'email', recipient: 'a@example.com', enterpriseCode: null, orderVersionId: v.id, payload: {} });
            }
          }
          if (rnd() < 0.3) rows.push({ idempotencyKey: `k${key++}`, kind: 'notice', channel: 'email', recipient: 'b@example.com', enterpriseCode: null, orderVersionId: null, payload: {} });
          await outbox.insertFresh(m, rows, new Map(fresh.map((v) => [v.id, { directiveId: v.directiveId, county: v.county }])));
          const ids: Array<{ id: string }> = await m.query('SELECT id FROM outbox WHERE idempotency_key = ANY($1)', [rows.map((r) => r.idempotencyKey)]);
          outboxIds.push(...ids.map((r) => String(r.id)));
          // The setting is back off: a later insert in the same transaction goes through the trigger.
          expect((await m.query(`SELECT current_setting('hazeops.progress_bulk', true) = 'on' AS on`))[0].on).not.toBe(true);
          bulkCommits++;
        }),
      // Events inside one transaction that rolls back leave no trace.
      () =>
        db.dataSource
          .transaction(async (m) => {
            await m.query(`UPDATE order_versions SET acknowledged_at = $2 WHERE id = ANY($1)`, [some(rnd, 5), iso(T0)]);
            await m.query(`UPDATE outbox SET status = 'sent'`);
            throw new Error('rolled back');
          })
          .catch((e: Error) => expect(e.message).toBe('rolled back')),
    ];
    const weights = [2, 4, 5, 3, 2, 2, 2, 1, 2, 3, 1];
    const total = weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < 400; i++) {
      let r = rnd() * total;
      let k = 0;
      while (r >= weights[k]) r -= weights[k++];
      await events[k]();
      if (i % 100 === 99) {
        if (i === 199) expect(await repo.compact()).toBeGreaterThan(0);
        const deadlines: Array<{ at: Date }> = await q(`SELECT ack_deadline AS at FROM order_versions WHERE status = 'current' ORDER BY random() LIMIT 4`);
        const instants = [T0 - 120 * MIN, T0 + 30 * MIN + 30_000, T0 + 90 * MIN, T0 + 500 * MIN, ...deadlines.flatMap((d) => [d.at.getTime(), d.at.getTime() + 1, d.at.getTime() - 1])];
        await expectConsistent(instants, `seed ${seed}, after event ${i + 1}`);
      }
    }
    expect(bulkCommits).toBeGreaterThan(20);
    const rows = async () => Number((await q('SELECT count(*)::int AS n FROM directive_progress'))[0].n);
    const before = await rows();
    const removed = await repo.compact();
    expect(removed).toBeGreaterThan(0);
    expect(await rows()).toBe(before - removed);
    // After compaction every (directive, county, instant) is one row.
    expect(await q('SELECT directive_id, county, at FROM directive_progress GROUP BY 1, 2, 3 HAVING count(*) > 1')).toEqual([]);
    const every = Array.from({ length: 25 }, (_, i) => T0 - 60 * MIN + i * 17 * MIN + 7_000);
    expect(await expectConsistent(every, `seed ${seed}, compacted`)).toBe(100);
    // Folding everything up to a horizon: reads at and after it are unchanged, and the index
    // range up to the horizon holds at most two rows per (directive, county).
    const horizon = T0 + 150 * MIN;
    expect(await repo.compact(new Date(horizon))).toBeGreaterThan(0);
    const [{ most }] = await q(`SELECT coalesce(max(n), 0)::int AS most FROM (SELECT count(*) AS n FROM directive_progress WHERE at <= $1 GROUP BY directive_id, county) x`, [iso(horizon)]);
    expect(most).toBeLessThanOrEqual(2);
    await expectConsistent([horizon, horizon + 1, horizon + 7 * MIN, T0 + 600 * MIN], `seed ${seed}, folded at the horizon`);
  });

  it('a rebuild from scratch gives the same counters as the triggers kept', async () => {
    // At or after the horizon the first test folded to.
    const instants = [T0 + 150 * MIN, T0 + 200 * MIN];
    const kept = await Promise.all(directives.map((d) => Promise.all(instants.map((at) => repo.counties(d, new Date(at), null)))));
    await repo.rebuild();
    const rebuilt = await Promise.all(directives.map((d) => Promise.all(instants.map((at) => repo.counties(d, new Date(at), null)))));
    expect(rebuilt).toEqual(kept);
    expect(kept.flat(2).reduce((n, c) => n + c.orders, 0)).toBe(versions.length * instants.length);
  });

  it("the escalation ladder's rows chase a version and do not count as its delivery", async () => {
    await insertVersions(prng(7), 1);
    const v = versions[versions.length - 1]!;
    const now = new Date(T0 + 1000 * MIN);
    const before = (await repo.counties(v.directiveId, now, v.county))[0]!;
    // Its notice failed; an officer's e-mail about it went out, a step to it was skipped.
    await q(
      `INSERT INTO outbox (idempotency_key, kind, channel, recipient, order_version_id, status)
       VALUES ($1, 'order', 'email', 'a@example.com', $4, 'failed'), ($2, 'ladder', 'email', 'officer@example.com', $4, 'sent'), ($3, 'ladder', 'sms', '13900000000', $4, 'skipped')`,
      [`k${key++}`, `k${key++}`, `k${key++}`, v.id],
    );
    const after = (await repo.counties(v.directiveId, now, v.county))[0]!;
    expect({ delivered: after.delivered, failed: after.failed }).toEqual({ delivered: before.delivered, failed: before.failed });
    expect(after).toEqual((await repo.recompute(v.directiveId, now, v.county))[0]);
  });
});
