import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { copyInTransaction } from '../common/copy-rows.js';
import type { NewOutboxRow } from './outbound-message.js';

/** Writes outbox rows inside the caller's transaction; a repeated key is ignored (idempotent enqueue). */
@Injectable()
export class OutboxService {
  /** Rows whose keys are new by construction (a fresh order version's): COPY, no conflict check. */
  async enqueueFresh(manager: EntityManager, rows: NewOutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await copyInTransaction(
      manager,
      'outbox',
      ['idempotency_key', 'kind', 'channel', 'recipient', 'enterprise_code', 'order_version_id', 'payload'],
      rows.map((r) => [r.idempotencyKey, r.kind, r.channel, r.recipient, r.enterpriseCode, r.orderVersionId, r.payload]),
    );
  }

  async enqueue(manager: EntityManager, rows: NewOutboxRow[], notBefore: Date | null = null): Promise<number> {
    let written = 0;
    const CHUNK = 5000;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK).map((r) => ({
        idempotency_key: r.idempotencyKey,
        kind: r.kind,
        channel: r.channel,
        recipient: r.recipient,
        enterprise_code: r.enterpriseCode,
        order_version_id: r.orderVersionId,
        payload: r.payload,
      }));
      const res: Array<{ id: string }> = await manager.query(
        `INSERT INTO outbox (idempotency_key, kind, channel, recipient, enterprise_code, order_version_id, payload, next_attempt_at)
         SELECT idempotency_key, kind, channel, recipient, enterprise_code, order_version_id, payload, coalesce($2::timestamptz, now())
         FROM json_to_recordset($1::json) AS x(idempotency_key text, kind text, channel text, recipient text, enterprise_code text, order_version_id uuid, payload jsonb)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
        [JSON.stringify(part), notBefore],
      );
      written += res.length;
    }
    return written;
  }
}
