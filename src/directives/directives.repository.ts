import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DirectiveKind } from './directive.entity.js';

export interface NewDirectiveRow {
  number: string;
  kind: DirectiveKind;
  level: string | null;
  counties: string[];
  city: boolean;
  startsAt: Date;
  endsAt: Date | null;
  basis: string;
  seasonKey: string | null;
  supersedesId: string | null;
  issuedBy: string;
  totals: Record<string, unknown>;
}

export interface DirectiveHead {
  id: string;
  number: string;
  kind: DirectiveKind;
  level: string | null;
  counties: string[];
  starts_at: Date;
  ends_at: Date | null;
  issued_at: Date;
  issued_by: string;
}

/** directives and directive_sequences. */
@Injectable()
export class DirectivesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }

  /** The next number of a year, allocated inside the directive's transaction (no gaps on rollback). */
  async nextSequence(manager: EntityManager, year: number): Promise<number> {
    const [{ last_seq }] = await manager.query(
      `INSERT INTO directive_sequences (year, last_seq) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_seq = directive_sequences.last_seq + 1 RETURNING last_seq`,
      [year],
    );
    return last_seq;
  }

  async insert(manager: EntityManager, d: NewDirectiveRow): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO directives (number, kind, level, counties, city, starts_at, ends_at, basis, season_key, supersedes_id, issued_by, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [d.number, d.kind, d.level, d.counties, d.city, d.startsAt, d.endsAt, d.basis, d.seasonKey, d.supersedesId, d.issuedBy, JSON.stringify(d.totals)],
    );
    return row.id;
  }

  /** The latest issue/adjust covering any of these counties: what an adjust, lift or expiry replaces. */
  async latestLevelDirectiveId(manager: EntityManager, counties: string[]): Promise<string | null> {
    const [row] = await manager.query(`SELECT id FROM directives WHERE kind IN ('issue', 'adjust') AND counties && $1::text[] ORDER BY issued_at DESC, number DESC LIMIT 1`, [counties]);
    return row?.id ?? null;
  }

  /** Which of these season keys already have their directive. */
  async directedSeasonKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Array<{ season_key: string }> = await this.dataSource.query('SELECT season_key FROM directives WHERE season_key = ANY($1)', [keys]);
    return new Set(rows.map((r) => r.season_key));
  }

  /** null when there is no such directive. */
  async head(id: string): Promise<DirectiveHead | null> {
    const [row] = await this.dataSource.query('SELECT id, number, kind, level, counties, starts_at, ends_at, issued_at, issued_by FROM directives WHERE id = $1', [id]);
    return row ?? null;
  }

  async latest(limit: number): Promise<Array<Record<string, unknown>>> {
    return this.dataSource.query(
      `SELECT id, number, kind, level, counties, city, starts_at AS "startsAt", ends_at AS "endsAt", basis, issued_by AS "issuedBy", issued_at AS "issuedAt", summary
       FROM directives ORDER BY issued_at DESC, number DESC LIMIT $1`,
      [limit],
    );
  }
}
