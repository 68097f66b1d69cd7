import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid.js';

/** What a new finding stores. */
export interface NewFinding {
  taskId: string;
  enterpriseCode: string;
  county: string;
  lineCode: string;
  observedState: string;
  loadPercent: number | null;
  observedAt: Date;
  powerKw: number | null;
  lat: number | null;
  lng: number | null;
  notes: string | null;
  inspector: string;
  team: string | null;
  orderVersionId: string | null;
  verdict: string;
  reason: string;
  penaltyItem: string | null;
  createdAt: Date;
  noticeMissing: boolean;
}

/** A finding as the list shows it (the enterprise's name is added by the caller). */
export interface FindingListRow {
  id: string;
  taskId: string;
  enterpriseCode: string;
  county: string;
  lineCode: string;
  observedState: string;
  loadPercent: number | null;
  observedAt: Date;
  powerKw: number | null;
  inspector: string;
  team: string | null;
  verdict: string;
  reason: string;
  penaltyItem: string | null;
  noticeMissing: boolean;
  photos: number;
}

/** The findings table. */
@Injectable()
export class FindingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, f: NewFinding): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO findings (task_id, enterprise_code, county, line_code, observed_state, load_percent, observed_at, power_kw, lat, lng, notes, inspector, team,
         order_version_id, verdict, reason, penalty_item, created_at, notice_missing)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
      [
        f.taskId,
        f.enterpriseCode,
        f.county,
        f.lineCode,
        f.observedState,
        f.loadPercent,
        f.observedAt,
        f.powerKw,
        f.lat,
        f.lng,
        f.notes,
        f.inspector,
        f.team,
        f.orderVersionId,
        f.verdict,
        f.reason,
        f.penaltyItem,
        f.createdAt,
        f.noticeMissing,
      ],
    );
    return String(row.id);
  }

  /** The lines a task already has a finding for. */
  async linesLookedAt(manager: EntityManager, taskId: string): Promise<Set<string>> {
    const rows: Array<{ line_code: string }> = await manager.query('SELECT DISTINCT line_code FROM findings WHERE task_id = $1', [taskId]);
    return new Set(rows.map((r) => r.line_code));
  }

  /** A task's findings in the order they were made. */
  ofTask(taskId: string): Promise<Array<Record<string, unknown>>> {
    return this.dataSource.query(
      `SELECT id, line_code AS "lineCode", observed_state AS "observedState", observed_at AS "observedAt", verdict, reason FROM findings WHERE task_id = $1 ORDER BY created_at`,
      [taskId],
    );
  }

  /** Who may see a finding is decided by its team and county; null for a missing or malformed id. */
  async ref(id: string): Promise<{ id: string; team: string | null; county: string; observed_at: Date } | null> {
    if (!isUuid(id)) return null;
    const [f] = await this.dataSource.query('SELECT id, team, county, observed_at FROM findings WHERE id = $1', [id]);
    return f ?? null;
  }

  /**
   * Findings under a scope condition over f.enterprise_code / f.county / f.team whose params
   * follow the three of the filter ($1 county, $2 verdict, $3 limit), newest observation first.
   */
  list(scope: { sql: string; params: unknown[] }): Promise<FindingListRow[]> {
    return this.dataSource.query(
      `SELECT f.id, f.task_id AS "taskId", f.enterprise_code AS "enterpriseCode", f.county, f.line_code AS "lineCode",
              f.observed_state AS "observedState", f.load_percent AS "loadPercent", f.observed_at AS "observedAt", f.power_kw AS "powerKw",
              f.inspector, f.team, f.verdict, f.reason, f.penalty_item AS "penaltyItem", f.notice_missing AS "noticeMissing",
              (SELECT count(*)::int FROM evidence v WHERE v.finding_id = f.id) AS photos
       FROM findings f
       WHERE ${scope.sql} AND ($1::text IS NULL OR f.county = $1) AND ($2::text IS NULL OR f.verdict = $2)
       ORDER BY f.observed_at DESC LIMIT $3`,
      scope.params,
    );
  }

  /** How many violations each of these enterprises has on record. */
  async violationsOf(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    const rows: Array<{ code: string; n: number }> = await manager.query(
      `SELECT enterprise_code AS code, count(*)::int AS n FROM findings WHERE enterprise_code = ANY($1) AND verdict = 'violation' GROUP BY enterprise_code`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.n]));
  }
}
