import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { Enterprise } from '../rules/enterprise.js';
import { loadActiveEnterprisesPage, loadEnterprisesWithState } from './enterprise.repository.js';
import { REGISTRY_SNAPSHOT_CHANNEL, registryChangesBetween, registryVersion } from './registry-snapshot.repository.js';

/** How many enterprises one query of the full load reads. */
const LOAD_PAGE = 20_000;
/** Wait before reconnecting a dropped listener. */
const RECONNECT_MS = 1_000;

export interface RegistrySnapshotStats {
  loaded: boolean;
  version: number;
  enterprises: number;
  /** Full loads so far (the first one, and each time the change log had a gap). */
  fullLoads: number;
  /** Catch-ups that reloaded only the enterprises the log named. */
  patches: number;
  listening: boolean;
}

/**
 * The active registry in memory (issue 14, item 1): every active enterprise with its lines,
 * measures, exemptions and contacts — what order derivation (src/rules/orders) takes — loaded
 * once, in pages, at first use. It is kept current by the registry's version: a trigger bumps
 * `registry_snapshot_version` and logs the touched codes in `registry_changes` in the same
 * transaction as every registry write, and sends `NOTIFY registry_snapshot`. Each use first
 * compares the stored version with the snapshot's (one indexed read); when behind, it reloads
 * the codes logged since (a gap in the log: everything). The LISTEN connection only makes the
 * catch-up happen before the next use, so an instance that missed a notice (listener down,
 * reconnecting) is still never behind at a dry run or a directive.
 */
@Injectable()
export class RegistrySnapshotService implements OnModuleDestroy {
  private readonly logger = new Logger('registry-snapshot');
  private byCode = new Map<string, Enterprise>();
  /** Per county, its active enterprises in code order; rebuilt for a county after a patch touches it. */
  private byCounty = new Map<string, Enterprise[]>();
  private dirtyCounties = new Set<string>();
  private version = -1;
  private loaded = false;
  private fullLoads = 0;
  private patches = 0;
  private queue: Promise<void> = Promise.resolve();
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The active enterprises of these counties in code order, current as of the registry's stored version. */
  async activeOf(counties: string[]): Promise<Enterprise[]> {
    await this.catchUp();
    const out: Enterprise[] = [];
    for (const county of counties) {
      const list = this.countyList(county);
      for (let i = 0; i < list.length; i++) out.push(list[i]!);
    }
    return counties.length > 1 ? out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) : out;
  }

  stats(): RegistrySnapshotStats {
    return { loaded: this.loaded, version: this.version, enterprises: this.byCode.size, fullLoads: this.fullLoads, patches: this.patches, listening: this.listening };
  }

  /** Brings the snapshot to the stored version (serialised: one catch-up at a time). */
  catchUp(): Promise<void> {
    const next = this.queue.then(() => this.catchUpNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Forgets everything: the next use loads the registry again (tests, benchmarks). */
  async reset(): Promise<void> {
    await this.queue;
    this.byCode = new Map();
    this.byCounty = new Map();
    this.dirtyCounties.clear();
    this.loaded = false;
    this.version = -1;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const l = this.listener;
    this.listener = null;
    this.listening = false;
    if (l) await l.end().catch(() => undefined);
  }

  private async catchUpNow(): Promise<void> {
    if (!this.loaded) {
      if (!this.closed && !this.listener) await this.listen().catch((err: Error) => this.listenFailed(err));
      await this.fullLoad();
      return;
    }
    const stored = await registryVersion(this.dataSource.manager);
    if (stored === this.version) return;
    await this.readConsistent(async (m) => {
      const upTo = await registryVersion(m);
      const changes = await registryChangesBetween(m, this.version, upTo);
      const contiguous = changes.length === upTo - this.version && changes.every((c, i) => c.version === this.version + 1 + i);
      if (upTo < this.version || !contiguous) {
        this.logger.warn(`registry snapshot at version ${this.version}, the registry at ${upTo} with a gap in the change log: full reload`);
        await this.loadAll(m, upTo);
        return;
      }
      const codes = [...new Set(changes.flatMap((c) => c.codes))];
      // A code not found any more (or deactivated) leaves the snapshot.
      for (const code of codes) this.remove(code);
      for (const { enterprise, active } of await loadEnterprisesWithState(m, codes)) if (active) this.put(enterprise);
      this.patches++;
      this.logger.log(`registry snapshot ${this.version} -> ${upTo}: reloaded ${codes.length} enterprise(s)`);
      this.version = upTo;
    });
  }

  private async fullLoad(): Promise<void> {
    await this.readConsistent(async (m) => this.loadAll(m, await registryVersion(m)));
  }

  private async loadAll(m: EntityManager, version: number): Promise<void> {
    const t0 = performance.now();
    const byCode = new Map<string, Enterprise>();
    let after = '';
    for (;;) {
      const page = await loadActiveEnterprisesPage(m, after, LOAD_PAGE);
      for (const e of page) byCode.set(e.code, e);
      if (page.length < LOAD_PAGE) break;
      after = page[page.length - 1]!.code;
    }
    this.byCode = byCode;
    this.byCounty = new Map();
    this.dirtyCounties.clear();
    this.version = version;
    this.loaded = true;
    this.fullLoads++;
    this.logger.log(`registry snapshot loaded: ${byCode.size} active enterprise(s) at version ${version} in ${Math.round(performance.now() - t0)} ms`);
  }

  /** One REPEATABLE READ transaction: the version read and the rows read belong to the same moment. */
  private readConsistent(work: (m: EntityManager) => Promise<void>): Promise<void> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  private remove(code: string): void {
    const old = this.byCode.get(code);
    if (!old) return;
    this.byCode.delete(code);
    this.dirtyCounties.add(old.county);
  }

  private put(e: Enterprise): void {
    this.byCode.set(e.code, e);
    this.dirtyCounties.add(e.county);
  }

  private countyList(county: string): Enterprise[] {
    let list = this.byCounty.get(county);
    if (!list || this.dirtyCounties.has(county)) {
      if (this.byCounty.size === 0 || this.dirtyCounties.size > 0) this.rebuildCounties();
      list = this.byCounty.get(county) ?? [];
    }
    return list;
  }

  /** Rebuilds the per-county lists that are missing or touched by a patch (all of them after a full load). */
  private rebuildCounties(): void {
    const all = this.byCounty.size === 0;
    const touched = new Map<string, Enterprise[]>();
    for (const e of this.byCode.values()) {
      if (!all && !this.dirtyCounties.has(e.county)) continue;
      let list = touched.get(e.county);
      if (!list) touched.set(e.county, (list = []));
      list.push(e);
    }
    for (const county of this.dirtyCounties) if (!touched.has(county)) touched.set(county, []);
    for (const [county, list] of touched) {
      list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      this.byCounty.set(county, list);
    }
    this.dirtyCounties.clear();
  }

  /** A dedicated connection LISTENing on the channel; a notice starts a catch-up right away. */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl(), application_name: 'hazeops-snapshot-listener' });
    this.listener = client;
    client.on('notification', () => {
      if (!this.loaded || this.closed) return;
      // A failure here is retried by the next use's version check.
      void this.catchUp().catch((err: Error) => {
        if (!this.closed && this.dataSource.isInitialized) this.logger.warn(`registry snapshot catch-up failed: ${err.message}`);
      });
    });
    client.on('error', (err) => this.listenFailed(err));
    client.on('end', () => this.listenFailed(new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${REGISTRY_SNAPSHOT_CHANNEL}`);
    this.listening = true;
  }

  private listenFailed(err: Error): void {
    const dropped = this.listener;
    this.listener = null;
    this.listening = false;
    if (dropped) void dropped.end().catch(() => undefined);
    if (this.closed || this.reconnectTimer) return;
    this.logger.warn(`registry snapshot listener lost (${err.message}); reconnecting in ${RECONNECT_MS} ms, each use still checks the version`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closed) return;
      // Whatever was written while nobody listened is caught up at once.
      this.listen()
        .then(() => (this.loaded ? this.catchUp() : undefined))
        .catch((e: Error) => this.listenFailed(e));
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }

  private databaseUrl(): string {
    const o = this.dataSource.options as { url?: string; replication?: { master: { url?: string } } };
    const url = o.url ?? o.replication?.master.url;
    if (!url) throw new Error('registry snapshot: the data source has no URL to LISTEN on');
    return url;
  }
}
