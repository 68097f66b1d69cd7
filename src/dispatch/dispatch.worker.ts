import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import { Clock } from '../common/clock.js';
import { retryDelaySeconds } from '../config/dispatch-config.js';
import { randomBytes } from 'node:crypto';
import { INSTANCE_ID } from '../scheduling/instance-id.js';
import { EmailChannel } from './channels/email.channel.js';
import { PermanentDeliveryError, WebhookChannel } from './channels/webhook.channel.js';
import type { ClaimedRow, OutboundMessage, OutboxRenderer, SkippedMessage } from './outbound-message.js';
import { webhookSecretFor } from './webhook-signature.js';

interface ClaimedDbRow {
  id: string;
  idempotency_key: string;
  kind: string;
  channel: 'email' | 'webhook';
  recipient: string;
  enterprise_code: string | null;
  order_version_id: string | null;
  payload: Record<string, unknown> | null;
  attempts: number;
}

interface Outcome {
  id: string;
  attempt: number;
  ok: boolean;
  /** Deliberately not sent (stale); neither a success nor a failure. */
  skipped?: boolean;
  response: string | null;
  error: string | null;
  /** null: sent or failed for good; else seconds until the next try. */
  retryIn: number | null;
}

export interface DispatchRound {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}


/**
 * Delivers the outbox at least once. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of instances can run; a claim is a lease (next_attempt_at) that another worker
 * takes over if this process dies, so a crash loses nothing and duplicates at most the
 * batch that was in flight.
 */
@Injectable()
export class DispatchWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('dispatch');
  private readonly renderers = new Map<string, OutboxRenderer>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** Per worker, not per process: two apps in one process (tests) still tell their claims apart. */
  private readonly workerId = `${INSTANCE_ID}:${randomBytes(2).toString("hex")}`.slice(-64);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly clock: Clock,
  ) {
    const keyFor = (code: string | null) => webhookSecretFor(code ?? 'city', this.config.app.secret);
    this.register({ kind: 'notice', render: async (rows) => new Map(rows.map((r) => [r.id, noticeMessage(r, keyFor)])) });
  }

  register(renderer: OutboxRenderer): void {
    this.renderers.set(renderer.kind, renderer);
  }

  onApplicationBootstrap(): void {
    if (!this.config.app.dispatcher) return;
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  /** Called after a commit that enqueued rows, so delivery starts without waiting for the poll. */
  wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const round = await this.runOnce();
        if (round.claimed > 0) continue;
      } catch (err) {
        this.logger.error(`dispatch round failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        setTimeout(resolve, 1000);
      });
      this.wakeUp = null;
    }
  }

  /** Runs rounds until nothing is due (tests, CLI). */
  async drain(maxRounds = 10_000): Promise<DispatchRound> {
    const total: DispatchRound = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.runOnce();
      if (r.claimed === 0) break;
      total.claimed += r.claimed;
      total.sent += r.sent;
      total.retrying += r.retrying;
      total.failed += r.failed;
    }
    return total;
  }

  async runOnce(): Promise<DispatchRound> {
    const { batchSize, leaseSeconds } = this.config.dispatch.worker;
    const claimed: ClaimedDbRow[] = await this.dataSource.query(
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
      // Without SMTP_URL, e-mail rows wait (they are not failed) until a mail server is configured.
      [batchSize, this.workerId, leaseSeconds, this.email.configured ? ['email', 'webhook'] : ['webhook']],
    );
    if (claimed.length === 0) return { claimed: 0, sent: 0, retrying: 0, failed: 0 };
    const rows: ClaimedRow[] = claimed.map((r) => ({
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
    const messages = await this.renderAll(rows);
    const outcomes = await this.sendAll(rows, messages);
    await this.record(outcomes);
    return {
      claimed: rows.length,
      sent: outcomes.filter((o) => o.ok).length,
      retrying: outcomes.filter((o) => !o.ok && o.retryIn !== null).length,
      failed: outcomes.filter((o) => !o.ok && !o.skipped && o.retryIn === null).length,
    };
  }

  private async renderAll(rows: ClaimedRow[]): Promise<Map<string, OutboundMessage | SkippedMessage | Error>> {
    const out = new Map<string, OutboundMessage | SkippedMessage | Error>();
    const byKind = new Map<string, ClaimedRow[]>();
    for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
    for (const [kind, group] of byKind) {
      const renderer = this.renderers.get(kind);
      if (!renderer) {
        for (const r of group) out.set(r.id, new Error(`no renderer for outbox kind ${kind}`));
        continue;
      }
      try {
        const rendered = await renderer.render(group);
        for (const r of group) out.set(r.id, rendered.get(r.id) ?? new Error(`nothing to send: the ${kind} behind this row no longer exists`));
      } catch (err) {
        for (const r of group) out.set(r.id, err instanceof Error ? err : new Error(String(err)));
      }
    }
    return out;
  }

  private async sendAll(rows: ClaimedRow[], messages: Map<string, OutboundMessage | SkippedMessage | Error>): Promise<Outcome[]> {
    const { maxAttempts } = this.config.dispatch.retry;
    const outcomes: Outcome[] = [];
    let next = 0;
    const sendOne = async (row: ClaimedRow): Promise<Outcome> => {
      const message = messages.get(row.id);
      if (message === undefined || message instanceof Error) {
        // A rendering failure will not heal by retrying.
        return { id: row.id, attempt: row.attempts, ok: false, response: null, error: message?.message ?? 'not rendered', retryIn: null };
      }
      if (message.channel === 'skip') return { id: row.id, attempt: row.attempts, ok: false, skipped: true, response: null, error: message.reason, retryIn: null };
      try {
        const response = message.channel === 'email' ? await this.email.send(message, row.idempotencyKey) : await this.webhook.send(message, row.idempotencyKey);
        return { id: row.id, attempt: row.attempts, ok: true, response, error: null, retryIn: null };
      } catch (err) {
        // ±10% jitter: after an outage, rows do not all come back in the same second.
        const retryIn = err instanceof PermanentDeliveryError || row.attempts >= maxAttempts ? null : Math.max(1, Math.round(retryDelaySeconds(this.config.dispatch, row.attempts) * (0.9 + Math.random() * 0.2)));
        return { id: row.id, attempt: row.attempts, ok: false, response: null, error: err instanceof Error ? err.message : String(err), retryIn };
      }
    };
    // One queue per recipient, in order of what the messages announce: an enterprise reads
    // orange, then red, then the lift, whatever order the rows were claimed in.
    const queues = new Map<string, ClaimedRow[]>();
    for (const r of rows) queues.set(`${r.channel}:${r.recipient}`, [...(queues.get(`${r.channel}:${r.recipient}`) ?? []), r]);
    const sequenceOf = (r: ClaimedRow): number => {
      const m = messages.get(r.id);
      return m && !(m instanceof Error) && m.channel !== 'skip' ? (m.sequence ?? 0) : 0;
    };
    const groups = [...queues.values()].map((g) => g.sort((a, b) => sequenceOf(a) - sequenceOf(b) || Number(a.id) - Number(b.id)));
    const workers = Array.from({ length: Math.min(this.config.dispatch.worker.concurrency, groups.length) }, async () => {
      while (next < groups.length) {
        const group = groups[next++];
        for (const row of group) outcomes.push(await sendOne(row));
      }
    });
    await Promise.all(workers);
    return outcomes;
  }

  private async record(outcomes: Outcome[]): Promise<void> {
    const json = JSON.stringify(outcomes.map((o) => ({ id: o.id, attempt: o.attempt, ok: o.ok, skipped: o.skipped ?? false, response: o.response, error: o.error, retry_in: o.retryIn })));
    await this.dataSource.transaction(async (manager) => {
      // Only rows this worker still holds: a row whose lease passed to another worker is theirs now.
      await manager.query(
        `UPDATE outbox o SET
           status = CASE WHEN x.ok THEN 'sent' WHEN x.skipped THEN 'skipped' WHEN x.retry_in IS NULL THEN 'failed' ELSE 'pending' END,
           sent_at = CASE WHEN x.ok THEN now() ELSE o.sent_at END,
           next_attempt_at = CASE WHEN x.retry_in IS NULL THEN o.next_attempt_at ELSE now() + make_interval(secs => x.retry_in) END,
           last_error = x.error, locked_by = NULL
         FROM json_to_recordset($1::json) AS x(id bigint, attempt int, ok boolean, skipped boolean, response text, error text, retry_in int)
         WHERE o.id = x.id AND o.locked_by = $2`,
        [json, this.workerId],
      );
      // The first delivery of an order version's notice: its acknowledgement deadline counts
      // from now (the same span as from its issue), never from before the enterprise knew.
      const sent = outcomes.filter((o) => o.ok).map((o) => o.id);
      if (sent.length > 0) {
        await manager.query(
          `UPDATE order_versions v SET notified_at = $2, ack_deadline = greatest(v.ack_deadline, $2::timestamptz + (v.ack_deadline - v.created_at))
           FROM outbox o WHERE o.id = ANY($1::bigint[]) AND o.order_version_id = v.id AND v.notified_at IS NULL AND o.locked_by IS NULL`,
          [sent, this.clock.now()],
        );
      }
      // Dated by the service's clock, like everything a penalty is weighed against (proof of notice).
      await manager.query(
        `INSERT INTO delivery_attempts (outbox_id, attempt, worker, ok, response, error, at)
         SELECT id, attempt, $2, ok, response, error, $3 FROM json_to_recordset($1::json) AS x(id bigint, attempt int, ok boolean, response text, error text)`,
        [json, this.workerId, this.clock.now()],
      );
    });
    const failed = outcomes.filter((o) => !o.ok && !o.skipped);
    if (failed.length > 0) this.logger.warn(`${failed.length} of ${outcomes.length} deliveries failed, e.g. ${failed[0].error}`);
  }
}

/** Notices carry their rendered content in the payload. */
function noticeMessage(row: ClaimedRow, keyFor: (enterpriseCode: string | null) => string): OutboundMessage {
  const p = row.payload ?? {};
  if (row.channel === 'email') {
    return { channel: 'email', to: row.recipient, subject: String(p.subject ?? ''), text: String(p.text ?? ''), html: String(p.html ?? '') };
  }
  return { channel: 'webhook', url: row.recipient, body: p.body ?? p, signingKey: keyFor(row.enterpriseCode) };
}
