import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewOutboxRow } from '../../../src/dispatch/outbound-message.js';
import { OutboxRepository } from '../../../src/dispatch/outbox.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

const row = (key: string, over: Partial<NewOutboxRow> = {}): NewOutboxRow => ({
  idempotencyKey: key,
  kind: 'notice',
  channel: 'email',
  recipient: `${key}@example.com`,
  enterpriseCode: null,
  orderVersionId: null,
  payload: { subject: key },
  ...over,
});

describe('OutboxRepository', () => {
  let db: RepositoryDatabase;
  let repo: OutboxRepository;
  const version = randomUUID();
  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new OutboxRepository(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('enqueues by key once: a repeated key is not written again', async () => {
    await db.dataSource.transaction((m) =>
      repo.insertFresh(
        m,
        [row('a', { kind: 'order', channel: 'webhook', recipient: 'https://hooks.test/a', orderVersionId: version })],
        new Map([[version, { directiveId: randomUUID(), county: '修武县' }]]),
      ),
    );
    expect(await db.dataSource.transaction((m) => repo.insertNew(m, [row('b'), row('c')], null))).toBe(2);
    expect(await db.dataSource.transaction((m) => repo.insertNew(m, [row('b'), row('d')], null))).toBe(1);
    // Not due yet: it waits for its time.
    expect(await db.dataSource.transaction((m) => repo.insertNew(m, [row('later')], new Date(Date.now() + 3_600_000)))).toBe(1);
  });

  it('claims due rows of the asked channels as leases, never the same row to two workers at once', async () => {
    const webhooks = await repo.claimDue({ batchSize: 10, workerId: 'w1', leaseSeconds: 60, channels: ['webhook'] });
    expect(webhooks.map((r) => [r.idempotencyKey, r.kind, r.orderVersionId, r.attempts])).toEqual([['a', 'order', version, 1]]);
    const first = await repo.claimDue({ batchSize: 2, workerId: 'w2', leaseSeconds: 60, channels: ['email', 'webhook'] });
    const second = await repo.claimDue({ batchSize: 10, workerId: 'w3', leaseSeconds: 60, channels: ['email', 'webhook'] });
    expect(first.map((r) => r.idempotencyKey)).toEqual(['b', 'c']);
    expect(second.map((r) => r.idempotencyKey)).toEqual(['d']);
    expect(first[0].payload).toEqual({ subject: 'b' });
  });

  it('records outcomes only for rows the worker still holds, logs every attempt and names the versions delivered', async () => {
    const [a] = await db.dataSource.query("SELECT id::text FROM outbox WHERE idempotency_key = 'a'");
    const [b] = await db.dataSource.query("SELECT id::text FROM outbox WHERE idempotency_key = 'b'");
    const at = new Date('2026-12-10T10:00:00Z');
    await db.dataSource.transaction(async (m) => {
      await repo.recordOutcomes(m, [{ id: a.id, attempt: 1, ok: true, skipped: false, response: 'HTTP 200', error: null, retryIn: null }], 'w1', at);
      // b is w2's: w1's outcome for it changes nothing but is logged.
      await repo.recordOutcomes(m, [{ id: b.id, attempt: 1, ok: false, skipped: false, response: null, error: 'refused', retryIn: 30 }], 'w1', at);
      expect(await repo.releasedOrderVersions(m, [a.id, b.id])).toEqual([version]);
    });
    const rows = await db.dataSource.query("SELECT idempotency_key AS key, status, locked_by FROM outbox WHERE idempotency_key IN ('a', 'b') ORDER BY key");
    expect(rows).toEqual([
      { key: 'a', status: 'sent', locked_by: null },
      { key: 'b', status: 'sending', locked_by: 'w2' },
    ]);
    const deliveries = await repo.deliveriesOf(version, 'order');
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ channel: 'webhook', recipient: 'https://hooks.test/a', status: 'sent', attempts: [{ ok: true, error: null }] });
    expect(new Date(deliveries[0].attempts[0].at)).toEqual(at);
    expect(await repo.deliveriesOf(version, 'notice')).toEqual([]);
  });
});
