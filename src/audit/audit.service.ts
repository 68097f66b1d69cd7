import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/role.js';
import { ConfigService } from '../config/config.service.js';
import { currentRequestId } from '../logging/request-context.js';
import { chainHash, chainKey, GENESIS_HASH } from './audit-chain.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

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

// Serialises the chain: held from a transaction's first audit row to its commit.
const CHAIN_LOCK = 7_220_019_002;

export interface ChainBreak {
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

interface ChainRow {
  id: string;
  seq: string | null;
  prev_hash: string | null;
  hash: string | null;
  at: Date;
  actor: string;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

@Injectable()
export class AuditService {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const requestId = currentRequestId() ?? null;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    // A statement after the lock's, so its snapshot sees the previous holder's committed rows.
    // Milliseconds: what is hashed must equal what a JavaScript Date reads back.
    const [last] = await manager.query(
      `SELECT date_trunc('milliseconds', now()) AS at, l.seq, l.hash
       FROM (SELECT 1) one LEFT JOIN (SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1) l ON TRUE`,
    );
    const at = last.at as Date;
    let seq = BigInt(last.seq ?? 0);
    let prevHash: string = last.hash ?? GENESIS_HASH;
    const rows = changes.map((c) => {
      seq += 1n;
      const content = { seq: seq.toString(), prevHash, at, actor: actor.username, actorRole: actor.role, action: c.action, entityType: c.entityType, entityId: c.entityId, before: c.before ?? null, after: c.after ?? null, requestId };
      const hash = chainHash(this.key, content);
      const row = { seq: content.seq, prev_hash: prevHash, hash, action: c.action, entity_type: c.entityType, entity_id: c.entityId, before: content.before, after: content.after };
      prevHash = hash;
      return row;
    });
    const CHUNK = 5000;
    for (let i = 0; i < rows.length; i += CHUNK) {
      // One JSON document per batch: no per-element array escaping in the driver.
      await manager.query(
        `INSERT INTO audit_log (at, actor, actor_role, action, entity_type, entity_id, before, after, request_id, seq, prev_hash, hash)
         SELECT $1, $2, $3, action, entity_type, entity_id, before, after, $4, seq, prev_hash, hash
         FROM json_to_recordset($5::json) AS x(action text, entity_type text, entity_id text, before jsonb, after jsonb, seq bigint, prev_hash text, hash text)`,
        [at, actor.username, actor.role, requestId, JSON.stringify(rows.slice(i, i + CHUNK))],
      );
    }
  }

  async list(filter: { entityType?: string; entityId?: string; actor?: string; limit: number; offset: number }) {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').take(filter.limit).skip(filter.offset);
    if (filter.entityType) qb.andWhere('a.entityType = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entityId = :i', { i: filter.entityId });
    if (filter.actor) qb.andWhere('a.actor = :u', { u: filter.actor });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /**
   * Walks the chain in seq order and answers the first row whose link or hash does not hold:
   * an edited row, a removed one (a gap), a forged one (a hash made without the key), or a row
   * added after the chain began without a place in it.
   */
  async verify(): Promise<ChainReport> {
    const [{ unchained, first_chained: firstChained }] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE seq IS NULL)::int AS unchained, min(id) FILTER (WHERE seq IS NOT NULL) AS first_chained FROM audit_log`,
    );
    let checked = 0;
    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    const BATCH = 2000;
    for (;;) {
      const rows: ChainRow[] = await this.dataSource.query(
        `SELECT id, seq, prev_hash, hash, at, actor, actor_role, action, entity_type, entity_id, before, after, request_id
         FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT ${BATCH}`,
        [expectedSeq.toString()],
      );
      for (const r of rows) {
        const broken = (reason: string): ChainReport => ({ ok: false, checked, unchained, firstBroken: { seq: String(r.seq), id: String(r.id), reason } });
        if (BigInt(r.seq as string) !== expectedSeq) return { ok: false, checked, unchained, firstBroken: { seq: expectedSeq.toString(), id: String(r.id), reason: `row ${expectedSeq} is missing (the next is ${r.seq})` } };
        if (r.prev_hash !== prevHash) return broken('its previous hash does not match the row before it');
        const hash = chainHash(this.key, { seq: String(r.seq), prevHash, at: r.at, actor: r.actor, actorRole: r.actor_role, action: r.action, entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after, requestId: r.request_id });
        if (hash !== r.hash) return broken('its hash does not match its content (changed, or written without the key)');
        checked++;
        expectedSeq++;
        prevHash = hash;
      }
      if (rows.length < BATCH) break;
    }
    if (firstChained !== null) {
      const [late] = await this.dataSource.query('SELECT id FROM audit_log WHERE seq IS NULL AND id > $1 ORDER BY id LIMIT 1', [firstChained]);
      if (late) return { ok: false, checked, unchained, firstBroken: { seq: null, id: String(late.id), reason: 'a row was added outside the chain (no seq)' } };
    }
    return { ok: true, checked, unchained, firstBroken: null };
  }
}
