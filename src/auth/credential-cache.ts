import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import type { CredentialRow } from './user.repository.js';

/** Every change of a users row is announced here (trigger users_credentials_notify): payload the user id. */
const CHANGED = 'hazeops_credentials';
/** Each instance confirms here that it has dropped what it held up to a barrier: payload `<instance> <nonce>`. */
const SEEN = 'hazeops_credentials_seen';
/** The listener sessions carry this application name, so a writer can list the instances to wait for. */
const APP_NAME = 'hazeops-credentials:';
const BARRIER = 'barrier ';
/** Rows kept at most; the oldest goes first. */
const MAX_ENTRIES = 100_000;
const RECONNECT_MS = 1_000;

interface Waiting {
  expected: Set<string> | null;
  seen: Set<string>;
  done: () => void;
}

/**
 * The users rows the auth guard checks tokens against, kept in memory for a short time
 * (HAZEOPS_AUTH_CACHE_SECONDS) so that a request does not pay a round trip for them.
 *
 * Correctness rests on three things:
 * - a trigger on `users` NOTIFYs every change (whoever makes it) at its commit; each instance
 *   LISTENs on its own session and drops that user's row;
 * - a change made through the service does not answer before every listening instance has
 *   confirmed it has seen the change: the writer sends a barrier notice after its commit and
 *   waits (at most HAZEOPS_AUTH_CACHE_PROPAGATION_MS) for each listener session it sees in
 *   pg_stat_activity to echo it; PostgreSQL delivers notices to a session in commit order, so
 *   an echo means the change was seen. So a deactivated user's next request answers 401 on
 *   every instance, as with a read of the row on every request;
 * - while the listener is not connected nothing is cached (every request reads the row), a
 *   row read before a notice arrived is not kept, and no row is kept longer than the TTL,
 *   which bounds the lateness of an instance that missed a notice.
 */
@Injectable()
export class CredentialCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('credential-cache');
  private readonly instance = randomBytes(6).toString('hex');
  private readonly ttlMs: number;
  private readonly waitMs: number;
  private readonly entries = new Map<string, { row: CredentialRow; until: number }>();
  private readonly waiting = new Map<string, Waiting>();
  private listener: pg.Client | null = null;
  private live = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  /** Raised by every notice: a row read across one is not kept. */
  private epoch = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    this.ttlMs = config.app.authCacheSeconds * 1000;
    this.waitMs = config.app.authCachePropagationMs;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.ttlMs > 0) await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.drop();
    for (const w of this.waiting.values()) w.done();
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }

  /** A row still fresh in memory, or null: read it (and give it to keep() with the epoch taken before the read). */
  get(userId: string): CredentialRow | null {
    if (!this.live) return null;
    const e = this.entries.get(userId);
    if (!e) return null;
    if (e.until > Date.now()) return e.row;
    this.entries.delete(userId);
    return null;
  }

  /** The current epoch: take it before reading a row. */
  mark(): number {
    return this.epoch;
  }

  /** Keeps a row read since `epoch`, unless a notice came in between or the listener is down. */
  keep(userId: string, row: CredentialRow, epoch: number): void {
    if (!this.live || epoch !== this.epoch) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(userId, { row, until: Date.now() + this.ttlMs });
  }

  /**
   * After a change of users rows has committed: answers once every listening instance has
   * seen it (or the wait bound has passed, with a warning; the TTL then bounds the lateness).
   */
  async propagated(): Promise<void> {
    if (this.ttlMs === 0) return;
    const nonce = randomBytes(8).toString('hex');
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const w: Waiting = { expected: null, seen: new Set(), done };
    this.waiting.set(nonce, w);
    const timer = setTimeout(done, this.waitMs);
    try {
      const pool = (this.dataSource.driver as unknown as { master: pg.Pool }).master;
      // One statement: the barrier, and the listener sessions that must echo it.
      const { rows } = await pool.query<{ names: string[] }>(
        `SELECT pg_notify($1, $2)::text AS sent, ARRAY(SELECT substr(application_name, $3) FROM pg_stat_activity
           WHERE datname = current_database() AND application_name LIKE $4) AS names`,
        [CHANGED, BARRIER + nonce, APP_NAME.length + 1, APP_NAME + '%'],
      );
      w.expected = new Set(rows[0]?.names ?? []);
      this.check(nonce);
      await finished;
      const missing = [...w.expected].filter((i) => !w.seen.has(i));
      if (missing.length > 0) this.logger.warn(`A user change was not confirmed by ${missing.length} instance(s) within ${this.waitMs} ms; they see it within ${this.ttlMs / 1000} s at most.`);
    } finally {
      clearTimeout(timer);
      this.waiting.delete(nonce);
    }
  }

  private check(nonce: string): void {
    const w = this.waiting.get(nonce);
    if (w?.expected && [...w.expected].every((i) => w.seen.has(i))) w.done();
  }

  private drop(): void {
    this.live = false;
    this.epoch++;
    this.entries.clear();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const pool = (this.dataSource.driver as unknown as { master: pg.Pool & { options: pg.ClientConfig } }).master;
    const client = new pg.Client({ ...pool.options, application_name: APP_NAME + this.instance });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.drop();
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.connect(), RECONNECT_MS).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => this.onNotice(client, n.channel, n.payload ?? ''));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGED}; LISTEN ${SEEN}`);
      if (this.listener !== client) return;
      this.epoch++;
      this.entries.clear();
      this.live = true;
    } catch (err) {
      this.logger.warn(`The user-change listener could not connect (${(err as Error).message}); every request reads its user's row until it does.`);
      lost();
    }
  }

  private onNotice(client: pg.Client, channel: string, payload: string): void {
    if (channel === SEEN) {
      const [instance, nonce] = payload.split(' ');
      const w = nonce ? this.waiting.get(nonce) : undefined;
      if (w && instance) {
        w.seen.add(instance);
        this.check(nonce!);
      }
      return;
    }
    this.epoch++;
    if (payload.startsWith(BARRIER)) {
      // Everything committed before the barrier has been handled: confirm it.
      client.query('SELECT pg_notify($1, $2)', [SEEN, `${this.instance} ${payload.slice(BARRIER.length)}`]).catch(() => undefined);
      return;
    }
    this.entries.delete(payload);
  }
}
