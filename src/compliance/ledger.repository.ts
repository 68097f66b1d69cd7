import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { replicaReads } from '../common/replica-reads.js';
import type { NoticeEvidence } from '../acknowledgements/delivery-evidence.js';

export interface NewLedgerEntry {
  county: string;
  enterpriseCode: string | null;
  findingId: string | null;
  item: string;
  amount: number;
  description: string;
  createdAt: Date;
  orderVersionId: string;
  evidence: NoticeEvidence | null;
}

type Row = Record<string, unknown>;

/** The ledger_entries table: the counties' penalty ledger. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, e: NewLedgerEntry): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO ledger_entries (county, enterprise_code, finding_id, item, amount, description, created_at, order_version_id, evidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [e.county, e.enterpriseCode, e.findingId, e.item, e.amount, e.description, e.createdAt, e.orderVersionId, e.evidence ? JSON.stringify(e.evidence) : null],
    );
    return String(row.id);
  }

  /** Entries recorded in [from, to), optionally of one county or one enterprise, in order. */
  between(from: Date, to: Date, filter: { county: string | null; enterpriseCode: string | null }): Promise<Row[]> {
    return this.dataSource.query(
      `SELECT * FROM ledger_entries WHERE created_at >= $1 AND created_at < $2 AND ($3::text IS NULL OR county = $3) AND ($4::text IS NULL OR enterprise_code = $4) ORDER BY created_at, id`,
      [from, to, filter.county, filter.enterpriseCode],
    );
  }

  /** Locked until the caller's transaction ends; null when absent (the id is a number). */
  async lock(manager: EntityManager, id: string): Promise<Row | null> {
    if (!/^\d+$/.test(id)) return null;
    const [row] = await manager.query('SELECT * FROM ledger_entries WHERE id = $1 FOR UPDATE', [id]);
    return row ?? null;
  }

  async markVoided(manager: EntityManager, id: string, at: Date, reason: string, by: string): Promise<void> {
    await manager.query('UPDATE ledger_entries SET voided_at = $2, void_reason = $3, voided_by = $4 WHERE id = $1', [id, at, reason, by]);
  }

  /** The month's entries as the ranking weighs them; read on the replica like the ranking's other figures. */
  amounts(from: Date, to: Date): Promise<Array<{ county: string; amount: number; voided: boolean }>> {
    return replicaReads(this.dataSource).query('SELECT county, amount, voided_at IS NOT NULL AS voided FROM ledger_entries WHERE created_at >= $1 AND created_at < $2', [from, to]);
  }
}
