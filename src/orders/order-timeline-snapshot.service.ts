import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { OrderLine } from '../rules/orders/order.types.js';
import { linesOfKey, requirementKey, type OpenOrderRef, type TimelineMode } from './order-plan.js';
import { loadLatestOrders, loadTimelineVersions, orderTimelineVersion } from './order-timeline-snapshot.repository.js';
import { inForceAtMs } from './version-in-force.js';

/** One version as far as planning and the dry run's changes need it (times in ms). */
interface CachedVersion {
  /** It belongs to the enterprise's latest order. */
  own: boolean;
  modification: number;
  ends: boolean;
  from: number;
  to: number | null;
  createdAt: number;
  /** `requirementKey` of its lines: compared by plans, decoded for the changes. */
  key: string;
}

/** An enterprise's latest order's head (null ids: no order, only versions of older ones) and its versions. */
interface Timeline {
  orderId: string | null;
  status: string;
  currentVersionId: string;
  modification: number;
  versions: CachedVersion[];
}

export interface OrderTimelineStats {
  loaded: boolean;
  version: number;
  enterprises: number;
  versions: number;
  loads: number;
}

/**
 * The order timeline in memory for dry runs (issue 14, item 1: the open orders' current
 * requirements beside the registry snapshot): per enterprise its latest order's head and the
 * versions a directive starting at or after the load can meet. It answers what
 * `loadOpenOrders` and the versions in force answer from the database, without reading 100,000
 * orders for every "what if". It is exact by construction: each use compares the timeline's
 * stored version (bumped by a trigger in every write's transaction, migration 1796600015000)
 * with its own and loads again when they differ, or when asked about a start before its load.
 * A directive's commit still reads and locks its orders in its own transaction; after one,
 * the copy is loaded again in the background so the next dry run finds it warm.
 */
@Injectable()
export class OrderTimelineSnapshotService {
  private readonly logger = new Logger('order-timeline');
  private byCode = new Map<string, Timeline>();
  private version = -1;
  /** Versions over before this instant (ms) were left out of the load. */
  private since = Number.POSITIVE_INFINITY;
  private loads = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** As `loadOpenOrders(manager, codes, from, mode, false)`, from memory. */
  async openOrders(codes: readonly string[], from: Date, mode: TimelineMode): Promise<Map<string, OpenOrderRef>> {
    await this.ensure(from);
    const F = from.getTime();
    const out = new Map<string, OpenOrderRef>();
    for (const code of codes) {
      const t = this.byCode.get(code);
      if (!t?.orderId) continue;
      let open = t.status === 'open';
      let before: CachedVersion | null = null;
      let laterFrom: number | null = null;
      for (const v of t.versions) {
        if (!v.own) continue;
        if (!v.ends && (v.to === null || v.to > F)) open = true;
        if (mode === 'replace' ? v.from < F : v.from <= F) {
          if (!before || v.from > before.from || (v.from === before.from && v.modification > before.modification)) before = v;
        } else if (laterFrom === null || v.from < laterFrom) laterFrom = v.from;
      }
      if (!open) continue;
      out.set(code, {
        orderId: t.orderId,
        currentVersionId: t.currentVersionId,
        modification: t.modification,
        before: before ? { requirementKey: before.key, effectiveTo: before.to === null ? null : new Date(before.to) } : null,
        laterFrom: laterFrom === null ? null : new Date(laterFrom),
      });
    }
    return out;
  }

  /** Per enterprise, the lines of the version in force at `at` (none, or a closing one: absent), as `versionsInForce` answers. */
  async linesInForce(codes: readonly string[], at: Date): Promise<Map<string, readonly OrderLine[]>> {
    await this.ensure(at);
    const A = at.getTime();
    const out = new Map<string, OrderLine[]>();
    // Keys are shared between enterprises (same line codes, same measures): read each once.
    const decoded = new Map<string, OrderLine[]>();
    for (const code of codes) {
      const t = this.byCode.get(code);
      if (!t) continue;
      let held: CachedVersion | null = null;
      for (const v of t.versions) {
        if (!inForceAtMs(v, A)) continue;
        if (!held || v.from > held.from || (v.from === held.from && v.createdAt > held.createdAt)) held = v;
      }
      if (!held || held.ends) continue;
      let lines = decoded.get(held.key);
      if (!lines) decoded.set(held.key, (lines = linesOfKey(held.key)));
      out.set(code, lines);
    }
    return out;
  }

  /** After a commit: load again in the background if a dry run ever used the copy. */
  refreshSoon(): void {
    if (this.version < 0) return;
    void this.serialised(() => this.catchUpNow(null)).catch((err: Error) => {
      if (this.dataSource.isInitialized) this.logger.warn(`order timeline refresh failed: ${err.message}`);
    });
  }

  /** Forgets everything: the next use loads again (benchmarks measure its memory so). */
  async reset(): Promise<void> {
    await this.queue;
    this.byCode = new Map();
    this.version = -1;
    this.since = Number.POSITIVE_INFINITY;
  }

  stats(): OrderTimelineStats {
    let versions = 0;
    for (const t of this.byCode.values()) versions += t.versions.length;
    return { loaded: this.version >= 0, version: this.version, enterprises: this.byCode.size, versions, loads: this.loads };
  }

  private ensure(at: Date): Promise<void> {
    return this.serialised(() => this.catchUpNow(at));
  }

  private serialised(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async catchUpNow(at: Date | null): Promise<void> {
    const early = at !== null && at.getTime() < this.since;
    if (!early && this.version >= 0 && (await orderTimelineVersion(this.dataSource.manager)) === this.version) return;
    const now = this.clock.now().getTime();
    const since = Math.min(now, at?.getTime() ?? now);
    await this.load(new Date(since));
  }

  private async load(since: Date): Promise<void> {
    const t0 = performance.now();
    // One REPEATABLE READ transaction: the version and the rows belong to the same moment.
    await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const version = await orderTimelineVersion(m);
      const byCode = new Map<string, Timeline>();
      const latest = new Map<string, string>();
      for (const h of await loadLatestOrders(m)) {
        latest.set(h.enterprise_code, h.id);
        // 'open' or 'ended': one shared string, not one per order.
        const status = h.status === 'open' ? 'open' : h.status === 'ended' ? 'ended' : h.status;
        byCode.set(h.enterprise_code, { orderId: h.id, status, currentVersionId: h.current_version_id, modification: h.current_modification, versions: [] });
      }
      let count = 0;
      // Many enterprises share a requirement (same line codes, same measures): one string each.
      const keys = new Map<string, string>();
      for (const r of await loadTimelineVersions(m, since)) {
        const fresh = requirementKey(r.max_load_percent, r.lines);
        let key = keys.get(fresh);
        if (key === undefined) keys.set(fresh, (key = fresh));
        let t = byCode.get(r.enterprise_code);
        if (!t) byCode.set(r.enterprise_code, (t = { orderId: null, status: '', currentVersionId: '', modification: 0, versions: [] }));
        t.versions.push({
          own: latest.get(r.enterprise_code) === r.order_id,
          modification: r.modification,
          ends: r.ends,
          from: r.effective_from.getTime(),
          to: r.effective_to === null ? null : r.effective_to.getTime(),
          createdAt: r.created_at.getTime(),
          key,
        });
        count++;
      }
      this.byCode = byCode;
      this.version = version;
      this.since = since.getTime();
      this.loads++;
      this.logger.log(`order timeline loaded: ${byCode.size} enterprise(s), ${count} version(s) at version ${version} in ${Math.round(performance.now() - t0)} ms`);
    });
  }
}
