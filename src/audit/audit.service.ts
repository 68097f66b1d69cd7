import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/role.js';
import { ConfigService } from '../config/config.service.js';
import { currentRequestId } from '../logging/request-context.js';
import { canonicalJson, chainHash, chainHashOfJson, chainKey, GENESIS_HASH, hmacPads } from './audit-chain.js';
import { AuditRepository, type AuditFilter, type BulkChainedRow, type ChainedRow } from './audit.repository.js';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Who acted: a signed-in user, the service itself (`system`), or a signed link (`link:<code>`). */
export type Actor = Principal | { username: string; role: null };

export const SYSTEM_ACTOR: Actor = { username: 'system', role: null };

// Advisory lock class of the chains: lock (CHAIN_LOCK, k) is held on chain k from a
// transaction's first audit row to its commit, so each chain has one order.
const CHAIN_LOCK = 72_200_192;
// Independent chains: a writer takes the first free one (from chain 0, or the one its runner
// used last), so up to this many transactions write audit rows at once without waiting.
// Verification reads whichever chains exist, so the number may change.
const CHAINS = 16;
// From this many rows on (a registry import), the rows go in by COPY.
const BULK_FROM = 200;

export interface ChainBreak {
  chain: number | null;
  seq: string | null;
  id: string;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  /** Rows checked in the chain. */
  checked: number;
  /** Rows written before the chain existed (no seq), not covered by it. */
  unchained: number;
  firstBroken: ChainBreak | null;
}

@Injectable()
export class AuditService {
  private readonly key: Buffer;
  /** The chain each query runner wrote to last: a transaction's later rows stay in its chain. */
  private readonly lastChain = new WeakMap<object, number>();

  constructor(
    private readonly repository: AuditRepository,
    config: ConfigService,
  ) {
    this.key = chainKey(config.app.secret);
  }

  /**
   * Writes audit rows inside the caller's transaction, so a change and its audit commit together.
   * Each row is chained to the one before it (seq, prev_hash, hash).
   */
  async record(manager: EntityManager, actor: Actor, changes: AuditChange[]): Promise<void> {
    if (changes.length === 0) return;
    // The chain lock lasts until commit: outside a transaction it would end with its statement.
    if (!manager.queryRunner?.isTransactionActive) return manager.transaction((m) => this.record(m, actor, changes));
    const claimed = await this.claim(manager, actor);
    if (changes.length >= BULK_FROM) {
      // A bulk write (an import): rows hashed as COPY takes them; the canonical text hashed is the text stored.
      await this.repository.copyAppend(manager, claimed.chain, claimed.head, this.bulkRows(claimed, changes));
      return;
    }
    let { seq, prevHash } = claimed;
    const { chain, head } = claimed;
    const rows: ChainedRow[] = changes.map((c) => {
      seq += 1n;
      const content = { chain, seq: seq.toString(), prevHash, ...head, action: c.action, entityType: c.entityType, entityId: c.entityId, before: c.before ?? null, after: c.after ?? null };
      const hash = chainHash(this.key, content);
      const row = { seq: content.seq, prev_hash: prevHash, hash, action: c.action, entity_type: c.entityType, entity_id: c.entityId, before: content.before, after: content.after };
      prevHash = hash;
      return row;
    });
    await this.repository.append(manager, chain, head, rows);
  }

  /**
   * For a bulk of rows (an import): takes the chain now and hashes the rows in slices between
   * other I/O (the caller's own writes, while PostgreSQL works on them); the answer writes them.
   * Inside the caller's transaction; nothing is written unless the answer is called.
   */
  async recordLater(manager: EntityManager, actor: Actor, changes: AuditChange[]): Promise<() => Promise<void>> {
    if (changes.length < BULK_FROM || !manager.queryRunner?.isTransactionActive) return () => this.record(manager, actor, changes);
    const claimed = await this.claim(manager, actor);
    const rows: BulkChainedRow[] = [];
    const hashing = (async () => {
      let n = 0;
      for (const r of this.bulkRows(claimed, changes)) {
        rows.push(r);
        if (++n % 250 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    hashing.catch(() => undefined); // awaited (and rethrown) by the answer
    return async () => {
      await hashing;
      await this.repository.copyAppend(manager, claimed.chain, claimed.head, rows);
    };
  }

  /** One statement takes a chain and reads its head (after the lock, see audit_chain_claim). */
  private async claim(manager: EntityManager, actor: Actor) {
    const runner = manager.queryRunner;
    const last = await this.repository.claimChain(manager, CHAIN_LOCK, CHAINS, (runner && this.lastChain.get(runner)) ?? 0);
    if (runner) this.lastChain.set(runner, last.chain);
    const head = { at: last.at, actor: actor.username, actorRole: actor.role, requestId: currentRequestId() ?? null };
    return { chain: last.chain, seq: BigInt(last.seq ?? 0), prevHash: last.hash ?? GENESIS_HASH, head };
  }

  private *bulkRows(
    claimed: { chain: number; seq: bigint; prevHash: string; head: { at: Date; actor: string; actorRole: string | null; requestId: string | null } },
    changes: AuditChange[],
  ): Generator<BulkChainedRow> {
    let { seq, prevHash } = claimed;
    for (const c of changes) {
      seq += 1n;
      const beforeJson = canonicalJson(c.before ?? null);
      const afterJson = canonicalJson(c.after ?? null);
      const content = { chain: claimed.chain, seq: seq.toString(), prevHash, ...claimed.head, action: c.action, entityType: c.entityType, entityId: c.entityId };
      const hash = chainHashOfJson(this.key, content, beforeJson, afterJson);
      yield { seq: content.seq, prev_hash: prevHash, hash, action: c.action, entity_type: c.entityType, entity_id: c.entityId, before_json: beforeJson, after_json: afterJson };
      prevHash = hash;
    }
  }

  /** What the acknowledgement receipt needs to chain its audit row in SQL (see acknowledgement.service.ts). */
  sqlChain(): { lockClass: number; chains: number; ipad: Buffer; opad: Buffer } {
    return { lockClass: CHAIN_LOCK, chains: CHAINS, ...hmacPads(this.key) };
  }

  list(filter: AuditFilter) {
    return this.repository.list(filter);
  }

  /**
   * Walks each chain in seq order and answers the first row (lowest id) whose link or hash
   * does not hold: an edited row, a removed one (a gap), a forged one (a hash made without
   * the key), or a row added after the chains began without a place in one.
   */
  async verify(): Promise<ChainReport> {
    const { unchained, firstChained } = await this.repository.chainCoverage();
    let checked = 0;
    const breaks: ChainBreak[] = [];
    for (const chain of await this.repository.chains()) {
      const walked = await this.walk(chain);
      checked += walked.checked;
      if (walked.broken) breaks.push(walked.broken);
    }
    if (firstChained !== null) {
      const late = await this.repository.firstUnchainedAfter(firstChained);
      if (late !== null) breaks.push({ chain: null, seq: null, id: late, reason: 'a row was added outside the chains (no seq)' });
    }
    breaks.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    return { ok: breaks.length === 0, checked, unchained, firstBroken: breaks[0] ?? null };
  }

  private async walk(chain: number): Promise<{ checked: number; broken: ChainBreak | null }> {
    let checked = 0;
    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    const BATCH = 2000;
    for (;;) {
      const rows = await this.repository.chainRows(chain, expectedSeq.toString(), BATCH);
      for (const r of rows) {
        const broken = (reason: string, seq = String(r.seq)) => ({ checked, broken: { chain, seq, id: String(r.id), reason } });
        if (BigInt(r.seq as string) !== expectedSeq) return broken(`row ${expectedSeq} of chain ${chain} is missing (the next is ${r.seq})`, expectedSeq.toString());
        if (r.prev_hash !== prevHash) return broken('its previous hash does not match the row before it');
        const hash = chainHash(this.key, {
          chain,
          seq: String(r.seq),
          prevHash,
          at: r.at,
          actor: r.actor,
          actorRole: r.actor_role,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
          requestId: r.request_id,
        });
        if (hash !== r.hash) return broken('its hash does not match its content (changed, or written without the key)');
        checked++;
        expectedSeq++;
        prevHash = hash;
      }
      if (rows.length < BATCH) return { checked, broken: null };
    }
  }
}
