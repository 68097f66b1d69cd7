import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import { Clock } from '../common/clock.js';
import { retryDelaySeconds } from '../config/dispatch-config.js';
import { randomBytes } from 'node:crypto';
import { INSTANCE_ID } from '../scheduling/instance-id.js';
import { EmailChannel } from './channels/email.channel.js';
import { PermanentDeliveryError, WebhookChannel } from './channels/webhook.channel.js';
import type { ClaimedRow, OutboundMessage, OutboxRenderer, SkippedMessage, SmsMessage } from './outbound-message.js';
import { OutboxRepository } from './outbox.repository.js';
import { RobotBatchService, type RobotRowSkip } from './robot-batch.service.js';
import { SmsChannel } from './channels/sms.channel.js';
import { SmsRefusal } from './channels/sms-provider.js';
import { SmsOutboxRepository } from './sms-outbox.repository.js';
import { webhookSecretFor } from '../common/webhook-signature.js';

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
  providerMessageId?: string | null;
  providerCode?: string | null;
  /** SMS held back by the number's rate limit: no attempt, the row waits until then. */
  deferUntil?: Date;
}

/**
 * Told, inside the transaction that records them, of the order versions whose notice was just
 * delivered for the first time by any row (the receiver decides what "first" means for it).
 */
export type DeliveryListener = (manager: EntityManager, orderVersionIds: string[], at: Date) => Promise<void>;

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
  private readonly deliveryListeners: DeliveryListener[] = [];
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** Per worker, not per process: two apps in one process (tests) still tell their claims apart. */
  private readonly workerId = `${INSTANCE_ID}:${randomBytes(2).toString('hex')}`.slice(-64);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly config: ConfigService,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly clock: Clock,
    private readonly robots: RobotBatchService,
    private readonly sms: SmsChannel,
    private readonly smsRows: SmsOutboxRepository,
  ) {
    const keyFor = (code: string | null) => webhookSecretFor(code ?? 'city', this.config.app.secret);
    this.register({ kind: 'notice', render: async (rows) => new Map(rows.map((r) => [r.id, noticeMessage(r, keyFor)])) });
  }

  register(renderer: OutboxRenderer): void {
    this.renderers.set(renderer.kind, renderer);
  }

  /** Robot rows about an order version that this rule names are skipped, not posted (see RobotRowSkip). */
  skipRobotRowsWhen(skip: RobotRowSkip): void {
    this.robots.skipWhen(skip);
  }

  onDelivered(listener: DeliveryListener): void {
    this.deliveryListeners.push(listener);
  }

  /** An SMS receipt said "delivered to the handset": the listeners hear of it as of a first delivery. */
  async notifyDelivered(manager: EntityManager, orderVersionIds: string[], at: Date): Promise<void> {
    if (orderVersionIds.length === 0) return;
    for (const listener of this.deliveryListeners) await listener(manager, orderVersionIds, at);
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
    // Without SMTP_URL, e-mail rows wait (they are not failed) until a mail server is configured.
    // Without a provider (sms.provider: none), SMS rows wait likewise.
    const channels = [...(this.email.configured ? ['email'] : []), 'webhook', ...(this.sms.configured ? ['sms'] : [])];
    const rows = await this.outbox.claimDue({ batchSize, workerId: this.workerId, leaseSeconds, channels });
    // Robot rows go their own way: one summary per robot, within its rate limit.
    const robots = await this.robots.runOnce(this.workerId);
    // Rows a robot at its limit put back are not counted as claimed, so drain() ends.
    const robotClaimed = robots.claimed - robots.deferred;
    if (rows.length === 0) return { claimed: robotClaimed, sent: robots.sent, retrying: robots.retrying, failed: robots.failed };
    const messages = await this.renderAll(rows);
    const outcomes = await this.sendAll(rows, messages);
    await this.record(outcomes);
    // Rows a number's rate limit held back were no attempt; they are not claimed for drain() either.
    const deferred = outcomes.filter((o) => o.deferUntil).length;
    return {
      claimed: rows.length - deferred + robotClaimed,
      sent: outcomes.filter((o) => o.ok).length + robots.sent,
      retrying: outcomes.filter((o) => !o.ok && !o.deferUntil && o.retryIn !== null).length + robots.retrying,
      failed: outcomes.filter((o) => !o.ok && !o.skipped && !o.deferUntil && o.retryIn === null).length + robots.failed,
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
    // A message shared by several rows (a summary) is sent once; every row gets that send's outcome.
    type Sent = { response: string; providerMessageId?: string | null; providerCode?: string | null } | { deferUntil: Date; why: string } | { error: unknown };
    const sends = new Map<OutboundMessage, Promise<Sent>>();
    const sendMessage = async (message: OutboundMessage, row: ClaimedRow): Promise<Sent> => {
      try {
        if (message.channel === 'sms') {
          const sent = await this.sms.send(message, row.id);
          if (sent.kind === 'deferred') return { deferUntil: sent.notBefore, why: sent.why };
          return { response: sent.response, providerMessageId: sent.messageId, providerCode: sent.code };
        }
        return { response: message.channel === 'email' ? await this.email.send(message, row.idempotencyKey) : await this.webhook.send(message, row.idempotencyKey) };
      } catch (error) {
        return { error };
      }
    };
    const sendOne = async (row: ClaimedRow): Promise<Outcome> => {
      const message = messages.get(row.id);
      if (message === undefined || message instanceof Error) {
        // A rendering failure will not heal by retrying.
        return { id: row.id, attempt: row.attempts, ok: false, response: null, error: message?.message ?? 'not rendered', retryIn: null };
      }
      if (message.channel === 'skip') return { id: row.id, attempt: row.attempts, ok: false, skipped: true, response: null, error: message.reason, retryIn: null };
      let send = sends.get(message);
      if (!send) {
        send = sendMessage(message, row);
        sends.set(message, send);
      }
      const sent = await send;
      if ('response' in sent)
        return { id: row.id, attempt: row.attempts, ok: true, response: sent.response, error: null, retryIn: null, providerMessageId: sent.providerMessageId, providerCode: sent.providerCode };
      if ('deferUntil' in sent) return { id: row.id, attempt: row.attempts, ok: false, response: null, error: sent.why, retryIn: null, deferUntil: sent.deferUntil };
      const err = sent.error;
      if (err instanceof SmsRefusal && err.rateLimited) {
        // The provider's own limit: an attempt with its code, retried after the limit's window
        // however many attempts it took — a refused SMS is never dropped for being refused.
        const retryIn = Math.max(this.config.dispatch.sms.rateLimitedRetrySeconds, retryDelaySeconds(this.config.dispatch, row.attempts));
        return { id: row.id, attempt: row.attempts, ok: false, response: null, error: err.message, retryIn, providerCode: err.code };
      }
      // ±10% jitter: after an outage, rows do not all come back in the same second.
      const retryIn =
        err instanceof PermanentDeliveryError || row.attempts >= maxAttempts ? null : Math.max(1, Math.round(retryDelaySeconds(this.config.dispatch, row.attempts) * (0.9 + Math.random() * 0.2)));
      return {
        id: row.id,
        attempt: row.attempts,
        ok: false,
        response: null,
        error: err instanceof Error ? err.message : String(err),
        retryIn,
        providerCode: err instanceof SmsRefusal ? err.code : null,
      };
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

  private async record(all: Outcome[]): Promise<void> {
    for (const o of all) if (o.deferUntil) await this.smsRows.defer(o.id, this.workerId, o.deferUntil, o.error ?? 'sms rate limit');
    const outcomes = all.filter((o) => !o.deferUntil);
    await this.dataSource.transaction(async (manager) => {
      await this.outbox.recordOutcomes(
        manager,
        outcomes.map(({ deferUntil: _d, ...o }) => ({ ...o, skipped: o.skipped ?? false })),
        this.workerId,
        this.clock.now(),
      );
      // The first delivery of an order version's notice (rows this worker released only).
      const sent = outcomes.filter((o) => o.ok).map((o) => o.id);
      if (sent.length > 0 && this.deliveryListeners.length > 0) {
        const versions = await this.outbox.releasedOrderVersions(manager, sent);
        if (versions.length > 0) for (const listener of this.deliveryListeners) await listener(manager, versions, this.clock.now());
      }
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
  if (row.channel === 'sms') {
    const kind = p.kind === 'reminder' || p.kind === 'escalation' ? p.kind : 'order';
    return { channel: 'sms', to: row.recipient, kind, values: (p.values ?? {}) as SmsMessage['values'] };
  }
  return { channel: 'webhook', url: row.recipient, body: p.body ?? p, signingKey: keyFor(row.enterpriseCode) };
}
