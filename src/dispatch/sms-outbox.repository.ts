import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SmsRateLimits } from '../config/sms-config.js';
import type { PendingReceipt, SmsReceipt } from './channels/sms-provider.js';

/** An attempt a receipt was recorded against. */
export interface ReceiptApplied {
  attemptId: string;
  outboxId: string;
  kind: string;
  orderVersionId: string | null;
  status: 'delivered' | 'failed';
  at: Date;
}

/** `sms_sends` (the per-number rate limit), SMS rows of `outbox` and the receipts on `delivery_attempts`. */
@Injectable()
export class SmsOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Reserves a send to `mobile` when it stays within every limit (serialised per number across
   * instances by an advisory lock); answers the reservation, or which limit holds it and until when.
   */
  async reserve(mobile: string, outboxId: string, limits: SmsRateLimits): Promise<{ id: string } | { notBefore: Date; limit: string }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('sms-sends'), hashtext($1))`, [mobile]);
      const windows: Array<[string, number, number]> = [
        ['perMinute', 60, limits.perMinute],
        ['perHour', 3600, limits.perHour],
        ['perDay', 86_400, limits.perDay],
      ];
      for (const [name, seconds, max] of windows) {
        const [row]: Array<{ n: number; free_at: Date | null }> = await manager.query(
          `SELECT count(*)::int AS n,
                  (SELECT sent_at + make_interval(secs => $2) FROM sms_sends WHERE mobile = $1 AND sent_at > now() - make_interval(secs => $2)
                   ORDER BY sent_at DESC OFFSET $3::int - 1 LIMIT 1) AS free_at
           FROM sms_sends WHERE mobile = $1 AND sent_at > now() - make_interval(secs => $2)`,
          [mobile, seconds, max],
        );
        if (row!.n >= max) return { notBefore: row!.free_at ?? new Date(Date.now() + seconds * 1000), limit: `${name} ${max}` };
      }
      const [row]: Array<{ id: string }> = await manager.query('INSERT INTO sms_sends (mobile, outbox_id) VALUES ($1, $2) RETURNING id', [mobile, outboxId]);
      return { id: String(row!.id) };
    });
  }

  /** The provider refused the message: nothing reached the number, so it does not count. */
  async release(reservationId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sms_sends WHERE id = $1', [reservationId]);
  }

  /** A number at its limit: the row waits (this was no attempt) until a send is possible, saying why. */
  async defer(id: string, workerId: string, notBefore: Date, why: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox SET status = 'pending', attempts = attempts - 1, locked_by = NULL, next_attempt_at = $3, last_error = $4
       WHERE id = $1 AND locked_by = $2`,
      [id, workerId, notBefore, why],
    );
  }

  /** Attempts sent within `maxAgeHours` still waiting for their receipt. */
  async pendingReceipts(manager: EntityManager, maxAgeHours: number, limit = 500): Promise<PendingReceipt[]> {
    const rows: Array<{ provider_message_id: string; recipient: string; at: Date }> = await manager.query(
      `SELECT a.provider_message_id, o.recipient, a.at FROM delivery_attempts a JOIN outbox o ON o.id = a.outbox_id
       WHERE a.receipt_status = 'pending' AND a.at > now() - make_interval(hours => $1) AND o.channel = 'sms'
       ORDER BY a.at LIMIT $2`,
      [maxAgeHours, limit],
    );
    return rows.map((r) => ({ messageId: r.provider_message_id, mobile: r.recipient, sentAt: r.at }));
  }

  /**
   * Records receipts against the attempts they name (by provider message id; a receipt without
   * one, by the latest pending attempt to that number). A receipt already recorded is not
   * changed again; answers the attempts that changed.
   */
  async applyReceipts(manager: EntityManager, receipts: SmsReceipt[]): Promise<ReceiptApplied[]> {
    if (receipts.length === 0) return [];
    const json = JSON.stringify(receipts.map((r) => ({ message_id: r.messageId, mobile: r.mobile, status: r.status, code: r.code.slice(0, 100), at: r.at.toISOString() })));
    const rows: Array<{ id: string; outbox_id: string; kind: string; order_version_id: string | null; receipt_status: 'delivered' | 'failed'; receipt_at: Date }> = await manager.query(
      `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(message_id text, mobile text, status text, code text, at timestamptz)),
         target AS (
           SELECT DISTINCT ON (a.id) a.id, x.status, x.code, x.at FROM x
           JOIN LATERAL (
             SELECT a.id FROM delivery_attempts a JOIN outbox o ON o.id = a.outbox_id
             WHERE o.channel = 'sms' AND a.receipt_status = 'pending'
               AND (CASE WHEN x.message_id IS NOT NULL THEN a.provider_message_id = x.message_id ELSE o.recipient = x.mobile END)
             ORDER BY a.at DESC LIMIT 1) a ON TRUE),
         updated AS (
           UPDATE delivery_attempts a SET receipt_status = t.status, receipt_code = t.code, receipt_at = t.at
           FROM target t WHERE a.id = t.id AND a.receipt_status = 'pending'
           RETURNING a.id, a.outbox_id, a.receipt_status, a.receipt_at)
       SELECT u.id, u.outbox_id, o.kind, o.order_version_id, u.receipt_status, u.receipt_at FROM updated u JOIN outbox o ON o.id = u.outbox_id`,
      [json],
    );
    return rows.map((r) => ({ attemptId: String(r.id), outboxId: String(r.outbox_id), kind: r.kind, orderVersionId: r.order_version_id, status: r.receipt_status, at: r.receipt_at }));
  }
}
