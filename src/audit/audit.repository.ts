import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { copyInTransaction } from '../common/copy-rows.js';

/** A chain claimed for one transaction: its number, its head (seq, hash; null when empty) and the time its rows carry. */
export interface ClaimedChain {
  chain: number;
  seq: string | null;
  hash: string | null;
  at: Date;
}

/** One audit row ready for its chain: what it says plus its place and hashes. */
export interface ChainedRow {
  seq: string;
  prev_hash: string;
  hash: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

/** A chained row for a bulk append: before / after as their canonical JSON text ('null' for none). */
export interface BulkChainedRow extends Omit<ChainedRow, 'before' | 'after'> {
  before_json: string;
  after_json: string;
}

/** An audit row as stored, for the chain walk. */
export interface StoredChainRow {
  id: string;
  chain: number;
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

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  limit: number;
  offset: number;
}

const INSERT_CHUNK = 5000;

/** The audit_log table: appended to inside callers' transactions, read for the list and the chain walk. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes a free chain (advisory lock `lockClass`, k) from `preferred` on and reads its head in one
   * statement (see audit_chain_claim). Milliseconds: what is hashed must equal what a JavaScript Date reads back.
   */
  async claimChain(manager: EntityManager, lockClass: number, chains: number, preferred: number): Promise<ClaimedChain> {
    const [last] = await manager.query(`SELECT chain, seq, hash, date_trunc('milliseconds', now()) AS at FROM audit_chain_claim($1, $2, $3)`, [lockClass, chains, preferred]);
    return { chain: Number(last.chain), seq: last.seq === null ? null : String(last.seq), hash: last.hash ?? null, at: last.at as Date };
  }

  /** Appends rows of one actor to a claimed chain. */
  async append(manager: EntityManager, chain: number, head: { at: Date; actor: string; actorRole: string | null; requestId: string | null }, rows: ChainedRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      // One JSON document per batch: no per-element array escaping in the driver.
      await manager.query(
        `INSERT INTO audit_log (at, actor, actor_role, action, entity_type, entity_id, before, after, request_id, chain, seq, prev_hash, hash)
         SELECT $1, $2, $3, action, entity_type, entity_id, before, after, $4, $6, seq, prev_hash, hash
         FROM json_to_recordset($5::json) AS x(action text, entity_type text, entity_id text, before jsonb, after jsonb, seq bigint, prev_hash text, hash text)`,
        [head.at, head.actor, head.actorRole, head.requestId, JSON.stringify(rows.slice(i, i + INSERT_CHUNK)), chain],
      );
    }
  }

  /** Appends many rows of one actor to a claimed chain by COPY, as the iterable yields them (inside the caller's transaction). */
  async copyAppend(manager: EntityManager, chain: number, head: { at: Date; actor: string; actorRole: string | null; requestId: string | null }, rows: Iterable<BulkChainedRow>): Promise<void> {
    const at = head.at.toISOString();
    await copyInTransaction(
      manager,
      'audit_log',
      ['at', 'actor', 'actor_role', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id', 'chain', 'seq', 'prev_hash', 'hash'],
      (function* () {
        for (const r of rows) {
          yield [
            at,
            head.actor,
            head.actorRole,
            r.action,
            r.entity_type,
            r.entity_id,
            r.before_json === 'null' ? null : r.before_json,
            r.after_json === 'null' ? null : r.after_json,
            head.requestId,
            chain,
            r.seq,
            r.prev_hash,
            r.hash,
          ];
        }
      })(),
    );
  }

  async list(filter: AuditFilter): Promise<{ items: AuditEntryEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').take(filter.limit).skip(filter.offset);
    if (filter.entityType) qb.andWhere('a.entityType = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entityId = :i', { i: filter.entityId });
    if (filter.actor) qb.andWhere('a.actor = :u', { u: filter.actor });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** Rows outside the chains (written before them), and the id of the first chained row (null: none yet). */
  async chainCoverage(): Promise<{ unchained: number; firstChained: string | null }> {
    const [{ unchained, first_chained: firstChained }] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE seq IS NULL)::int AS unchained, min(id) FILTER (WHERE seq IS NOT NULL) AS first_chained FROM audit_log`,
    );
    return { unchained, firstChained: firstChained === null ? null : String(firstChained) };
  }

  async chains(): Promise<number[]> {
    const rows: Array<{ chain: number }> = await this.dataSource.query('SELECT DISTINCT chain FROM audit_log WHERE seq IS NOT NULL ORDER BY chain');
    return rows.map((r) => Number(r.chain));
  }

  /** The first row without a place in a chain written after the chains began, if any. */
  async firstUnchainedAfter(id: string): Promise<string | null> {
    const [late] = await this.dataSource.query('SELECT id FROM audit_log WHERE seq IS NULL AND id > $1 ORDER BY id LIMIT 1', [id]);
    return late ? String(late.id) : null;
  }

  /** Up to `limit` rows of one chain from `fromSeq` on, in seq order. */
  chainRows(chain: number, fromSeq: string, limit: number): Promise<StoredChainRow[]> {
    return this.dataSource.query(
      `SELECT id, chain, seq, prev_hash, hash, at, actor, actor_role, action, entity_type, entity_id, before, after, request_id
       FROM audit_log WHERE chain = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
      [chain, fromSeq, limit],
    );
  }
}
