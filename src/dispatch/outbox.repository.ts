import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { copyInTransaction } from '../common/copy-rows.js';
import type { ClaimedRow, NewOutboxRow } from './outbound-message.js';
import { recordFreshNoticeProgress, type FreshVersion } from './fresh-notice-progress.js';

/** One attempt's result, as the worker records it. */
export interface AttemptOutcome {
  id: string;
  attempt: number;
  ok: boolean;
  skipped: boolean;
  response: string | null;
  error: string | null;
  /** null: sent or failed for good; else seconds until the next try. */
  retryIn: number | null;
  /** SMS: the provider's message id (then the attempt waits for its receipt) and answer code. */
  providerMessageId?: string | null;
  providerCode?: string | null;
}

/** One attempt as the delivery evidence lists it; the receipt fields are SMS only (null elsewhere). */
export interface DeliveredAttempt {
  at: string;
  ok: boolean;
  error: string | null;
  providerMessageId: string | null;
  providerCode: string | null;
  receiptStatus: string | null;
  receiptCode: string | null;
  receiptAt: string | null;
}

/** The tables `outbox` and `delivery_attempts`. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rows whose keys are new by construction, about order versions written by this same
   * transaction (`versions`: each one's directive and county): COPY, no conflict check.
   *
   * Directive progress (migration 1796600014200) is recorded here, not by the outbox insert
   * trigger, which the COPY skips (`hazeops.progress_bulk`, migration 1796600014500): per
   * version its counts in `order_version_notices` (none were there: a fresh version; every
   * row is `pending`, the column's default, so live = its rows, sent = 0), and per directive
   * and county the deltas the trigger would have summed — at `-infinity`, delivered +1 per
   * version with a sent row (none), failed −1 per version that now has a live row (the
   * versions' own trigger counted each as failed until it has one).
   */
  async insertFresh(manager: EntityManager, rows: NewOutboxRow[], versions: ReadonlyMap<string, FreshVersion>): Promise<void> {
    if (rows.length === 0) return;
    const live = new Map<string, number>();
    for (const r of rows) {
      if (r.orderVersionId === null) continue;
      if (!versions.has(r.orderVersionId)) throw new Error(`insertFresh: outbox row ${r.idempotencyKey} is about a version this directive did not write`);
      live.set(r.orderVersionId, (live.get(r.orderVersionId) ?? 0) + 1);
    }
    await manager.query(`SELECT set_config('hazeops.progress_bulk', 'on', true)`);
    await copyInTransaction(
      manager,
      'outbox',
      ['idempotency_key', 'kind', 'channel', 'recipient', 'enterprise_code', 'order_version_id', 'payload'],
      rows.map((r) => [r.idempotencyKey, r.kind, r.channel, r.recipient, r.enterpriseCode, r.orderVersionId, r.payload]),
    );
    await manager.query(`SELECT set_config('hazeops.progress_bulk', 'off', true)`);
    await recordFreshNoticeProgress(manager, live, versions);
  }

  /** Inserts rows, ignoring keys already there; answers how many were new. Due at `notBefore` (default now) plus `delaySeconds`. */
  async insertNew(manager: EntityManager, rows: NewOutboxRow[], notBefore: Date | null, delaySeconds = 0): Promise<number> {
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
        skipped: r.skippedBecause ?? null,
      }));
      const res: Array<{ id: string }> = await manager.query(
        `INSERT INTO outbox (idempotency_key, kind, channel, recipient, enterprise_code, order_version_id, payload, next_attempt_at, status, last_error)
         SELECT idempotency_key, kind, channel, recipient, enterprise_code, order_version_id, payload, coalesce($2::timestamptz, now()) + make_interval(secs => $3),
                CASE WHEN skipped IS NULL THEN 'pending' ELSE 'skipped' END, skipped
         FROM json_to_recordset($1::json) AS x(idempotency_key text, kind text, channel text, recipient text, enterprise_code text, order_version_id uuid, payload jsonb, skipped text)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
        [JSON.stringify(part), notBefore, delaySeconds],
      );
      written += res.length;
    }
    return written;
  }

  /**
   * Claims up to `batchSize` due rows of these channels with FOR UPDATE SKIP LOCKED: each claim
   * is a lease (next_attempt_at moves `leaseSeconds` ahead) that another worker takes over if
   * this one dies.
   */
  async claimDue(p: { batchSize: number; workerId: string; leaseSeconds: number; channels: string[] }): Promise<ClaimedRow[]> {
    const claimed: Array<{
      id: string;
      idempotency_key: string;
      kind: string;
      channel: 'email' | 'webhook' | 'sms';
      recipient: string;
      enterprise_code: string | null;
      order_version_id: string | null;
      payload: Record<string, unknown> | null;
      attempts: number;
    }> = await this.dataSource.query(
      // Wrapped in a SELECT: the driver answers an UPDATE ... RETURNING as [rows, count].
      `WITH due AS (
           SELECT id FROM outbox
           WHERE status IN ('pending', 'sending') AND next_attempt_at <= now() AND channel = ANY($4)
           ORDER BY next_attempt_at, id
           LIMIT $1
           FOR UPDATE SKIP LOCKED),
         claimed AS (
           UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1, locked_by = $2,
                  next_attempt_at = now() + make_interval(secs => $3)
           FROM due WHERE o.id = due.id
           RETURNING o.id, o.idempotency_key, o.kind, o.channel, o.recipient, o.enterprise_code, o.order_version_id, o.payload, o.attempts)
         SELECT * FROM claimed ORDER BY id`,
      [p.batchSize, p.workerId, p.leaseSeconds, p.channels],
    );
    return claimed.map((r) => ({
      id: String(r.id),
      idempotencyKey: r.idempotency_key,
      kind: r.kind,
      channel: r.channel,
      recipient: r.recipient,
      enterpriseCode: r.enterprise_code,
      orderVersionId: r.order_version_id,
      payload: r.payload,
      attempts: r.attempts,
    }));
  }

  /**
   * Records outcomes inside the caller's transaction: only rows this worker still holds change
   * state (a row whose lease passed to another worker is theirs now); every attempt is logged,
   * dated `at` (the service's clock, like everything a penalty is weighed against).
   */
  async recordOutcomes(manager: EntityManager, outcomes: AttemptOutcome[], workerId: string, at: Date): Promise<void> {
    const json = JSON.stringify(
      outcomes.map((o) => ({
        id: o.id,
        attempt: o.attempt,
        ok: o.ok,
        skipped: o.skipped,
        response: o.response,
        error: o.error,
        retry_in: o.retryIn,
        provider_message_id: o.providerMessageId ?? null,
        provider_code: o.providerCode ?? null,
      })),
    );
    await manager.query(
      `UPDATE outbox o SET
         status = CASE WHEN x.ok THEN 'sent' WHEN x.skipped THEN 'skipped' WHEN x.retry_in IS NULL THEN 'failed' ELSE 'pending' END,
         sent_at = CASE WHEN x.ok THEN now() ELSE o.sent_at END,
         next_attempt_at = CASE WHEN x.retry_in IS NULL THEN o.next_attempt_at ELSE now() + make_interval(secs => x.retry_in) END,
         last_error = x.error, locked_by = NULL
       FROM json_to_recordset($1::json) AS x(id bigint, attempt int, ok boolean, skipped boolean, response text, error text, retry_in int)
       WHERE o.id = x.id AND o.locked_by = $2`,
      [json, workerId],
    );
    await manager.query(
      `INSERT INTO delivery_attempts (outbox_id, attempt, worker, ok, response, error, at, provider_message_id, provider_code, receipt_status)
       SELECT id, attempt, $2, ok, response, error, $3, provider_message_id, provider_code, CASE WHEN ok AND provider_message_id IS NOT NULL THEN 'pending' END
       FROM json_to_recordset($1::json) AS x(id bigint, attempt int, ok boolean, response text, error text, provider_message_id text, provider_code text)`,
      [json, workerId, at],
    );
  }

  /**
   * The order versions named by these (sent) rows, of the rows no worker holds any more. An SMS
   * accepted by the provider is not yet delivered: its receipt tells (SmsReceiptService).
   */
  async releasedOrderVersions(manager: EntityManager, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ order_version_id: string }> = await manager.query(
      // The escalation ladder's rows (kind ladder: reminders, officials) are not the notice: they start no deadline.
      "SELECT DISTINCT order_version_id FROM outbox WHERE id = ANY($1::bigint[]) AND order_version_id IS NOT NULL AND locked_by IS NULL AND channel <> 'sms' AND kind <> 'ladder'",
      [ids],
    );
    return rows.map((r) => r.order_version_id);
  }

  /** Every row of a kind about an order version, with its attempts in order. */
  async deliveriesOf(
    versionId: string,
    kind: string,
  ): Promise<
    Array<{ key: string; payload: Record<string, unknown> | null; channel: string; recipient: string; status: string; sentAt: Date | null; lastError: string | null; attempts: DeliveredAttempt[] }>
  > {
    const rows: Array<{
      idempotency_key: string;
      payload: Record<string, unknown> | null;
      channel: string;
      recipient: string;
      status: string;
      sent_at: Date | null;
      last_error: string | null;
      attempts: DeliveredAttempt[] | null;
    }> = await this.dataSource.query(
      `SELECT o.idempotency_key, o.payload, o.channel, o.recipient, o.status, o.sent_at, o.last_error,
              (SELECT json_agg(json_build_object('at', a.at, 'ok', a.ok, 'error', a.error, 'providerMessageId', a.provider_message_id, 'providerCode', a.provider_code,
                                                 'receiptStatus', a.receipt_status, 'receiptCode', a.receipt_code, 'receiptAt', a.receipt_at) ORDER BY a.attempt)
               FROM delivery_attempts a WHERE a.outbox_id = o.id) AS attempts
       FROM outbox o WHERE o.order_version_id = $1 AND o.kind = $2 ORDER BY o.id`,
      [versionId, kind],
    );
    return rows.map((r) => ({
      key: r.idempotency_key,
      payload: r.payload,
      channel: r.channel,
      recipient: r.recipient,
      status: r.status,
      sentAt: r.sent_at,
      lastError: r.last_error,
      attempts: r.attempts ?? [],
    }));
  }
}
