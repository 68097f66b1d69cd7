import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyInTransaction } from '../../src/common/copy-rows.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import type { NewOutboxRow } from '../../src/dispatch/outbound-message.js';
import { OutboxRepository } from '../../src/dispatch/outbox.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../support/repository-database.js';

const N = Number(process.env.BENCH_VERSIONS ?? 94_483);
const COUNTIES = ['解放区', '中站区', '马村区', '山阳区', '修武县', '博爱县', '武陟县', '温县', '沁阳市', '孟州市', '示范区'];
const OUTBOX_COLUMNS = ['idempotency_key', 'kind', 'channel', 'recipient', 'enterprise_code', 'order_version_id', 'payload'];

/**
 * The outbox insert of a city-wide directive's commit (in SQL, inside a transaction that has
 * just COPYed its N versions, rolled back): bare (no progress trigger), through the outbox
 * insert trigger (the path before migration 1796600014500), and through the writer that
 * records the counts itself (`OutboxRepository.insertFresh`).
 */
describe(`the outbox insert of a directive's ${N} fresh versions, with and without the progress trigger`, () => {
  let db: RepositoryDatabase;
  let owner: DataSource;
  const directiveId = randomUUID();
  const versions = Array.from({ length: N }, (_, i) => ({ id: randomUUID(), code: `E${String(i).padStart(8, '0')}`, county: COUNTIES[i % COUNTIES.length] }));
  // 1.5 rows per version, as a directive over the generated registry writes them.
  const rows: NewOutboxRow[] = versions.flatMap((v, i) =>
    Array.from({ length: 1 + (i % 2) }, (_, k) => ({
      idempotencyKey: `order:${v.id}:${k}`,
      kind: 'order',
      channel: k === 0 ? 'email' : 'webhook',
      recipient: k === 0 ? `${v.code}@example.com` : `https://hooks.example.com/${v.code}`,
      enterpriseCode: v.code,
      orderVersionId: v.id,
      payload: { directive: '焦冬防指〔2026〕1号', version: 1 },
    })),
  );

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    owner = new DataSource(dataSourceOptions(db.ownerUrl));
    await owner.initialize();
  });
  afterAll(async () => {
    await owner.destroy();
    await db.drop();
  });

  /** In one rolled-back transaction: the versions' COPY, then `step`, timed. */
  async function timed(step: (m: EntityManager) => Promise<void>): Promise<{ ms: number; notices: number; failed: number }> {
    let out = { ms: 0, notices: 0, failed: 0 };
    // Each variant starts from tables without the previous one's rolled-back rows.
    await owner.query('VACUUM order_versions, outbox, order_version_notices, directive_progress');
    await owner
      .transaction(async (m) => {
        const at = new Date('2026-12-10T02:00:00Z').toISOString();
        await copyInTransaction(
          m,
          'order_versions',
          [
            'id',
            'order_id',
            'modification',
            'directive_id',
            'enterprise_code',
            'county',
            'status',
            'level',
            'lines',
            'stopped_capacity_percent',
            'notes',
            'effective_from',
            'ack_deadline',
            'created_at',
          ],
          versions.map((v) => [v.id, randomUUID(), 1, directiveId, v.code, v.county, 'current', 'orange', '[]', 100, '[]', at, at, at]),
        );
        const t0 = performance.now();
        await step(m);
        const ms = performance.now() - t0;
        const [{ notices }] = await m.query('SELECT count(*)::int AS notices FROM order_version_notices');
        const [{ failed }] = await m.query('SELECT coalesce(sum(failed), 0)::int AS failed FROM directive_progress WHERE directive_id = $1', [directiveId]);
        out = { ms, notices, failed };
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    return out;
  }

  it('prints each time and its ratio to the bare COPY', async () => {
    const copy = (m: EntityManager) =>
      copyInTransaction(
        m,
        'outbox',
        OUTBOX_COLUMNS,
        rows.map((r) => [r.idempotencyKey, r.kind, r.channel, r.recipient, r.enterpriseCode, r.orderVersionId, r.payload]),
      );
    const bare = await timed(async (m) => {
      await m.query('ALTER TABLE outbox DISABLE TRIGGER directive_progress_outbox_insert');
      await copy(m);
    });
    const trigger = await timed(copy);
    const map = new Map(versions.map((v) => [v.id, { directiveId, county: v.county }]));
    const bulk = await timed((m) => new OutboxRepository(owner).insertFresh(m, rows, map));
    // Both paths leave the same counts: every version has a live row, so none is failed.
    expect(trigger).toMatchObject({ notices: N, failed: 0 });
    expect(bulk).toMatchObject({ notices: N, failed: 0 });
    expect(bare).toMatchObject({ notices: 0, failed: N });
    const line = (label: string, ms: number) => `  ${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms   ${(ms / bare.ms).toFixed(2)}x`;
    console.log(
      [
        `outbox insert of a directive's commit: ${N} fresh versions, ${rows.length} outbox rows (in SQL, rolled back)`,
        line('COPY, no progress trigger (baseline)', bare.ms),
        line('COPY through the outbox insert trigger (before)', trigger.ms),
        line('insertFresh: COPY skipping the trigger + counts and deltas', bulk.ms),
      ].join('\n'),
    );
  });
});
