import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TeamAssignments } from '../auth/access-policy.js';
import { isUuid } from '../common/uuid.js';
import { InspectionTaskEntity } from './inspection-task.entity.js';

/** A task row as lists and details read it. */
export interface TaskRow {
  id: string;
  drawId: string | null;
  enterpriseCode: string;
  county: string;
  team: string | null;
  kind: string;
  reason: string | null;
  status: string;
  createdAt: Date;
}

const COLUMNS = `t.id, t.draw_id AS "drawId", t.enterprise_code AS "enterpriseCode", t.county, t.team, t.kind, t.reason, t.status, t.created_at AS "createdAt"`;

/** The inspection_tasks table; also answers the access policy which enterprises a team has tasks at. */
@Injectable()
export class InspectionTaskRepository implements TeamAssignments {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enterpriseCodesOf(team: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ code: string }> = await manager.query('SELECT DISTINCT enterprise_code AS code FROM inspection_tasks WHERE team = $1', [team]);
    return rows.map((r) => r.code);
  }

  async hasTaskAt(team: string, enterpriseCode: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await manager.query('SELECT 1 FROM inspection_tasks WHERE enterprise_code = $1 AND team = $2 LIMIT 1', [enterpriseCode, team]);
    return row !== undefined;
  }

  /**
   * Tasks under a scope condition over t.enterprise_code / t.county / t.team (its params first),
   * newest first, at most 2000.
   */
  list(scope: { sql: string; params: unknown[] }, status: string | null): Promise<TaskRow[]> {
    const params = [...scope.params, status];
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM inspection_tasks t
       WHERE ${scope.sql} AND ($${params.length}::text IS NULL OR t.status = $${params.length}) ORDER BY t.created_at DESC, t.county, t.enterprise_code LIMIT 2000`,
      params,
    );
  }

  /** One task if the scope condition (as for `list`) admits it; null for a missing or malformed id. */
  async get(id: string, scope: { sql: string; params: unknown[] }): Promise<TaskRow | null> {
    if (!isUuid(id)) return null;
    const params = [...scope.params, id];
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM inspection_tasks t WHERE ${scope.sql} AND t.id = $${params.length}`, params);
    return row ?? null;
  }

  /** Locked until the caller's transaction ends (a finding is being recorded); null for a missing or malformed id. */
  async lockForFinding(manager: EntityManager, id: string): Promise<TaskRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM inspection_tasks t WHERE t.id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async markDone(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE inspection_tasks SET status = 'done' WHERE id = $1`, [id]);
  }

  insertTargeted(manager: EntityManager, t: { enterpriseCode: string; county: string; team: string; reason: string; createdBy: string }): Promise<InspectionTaskEntity> {
    const repo = manager.getRepository(InspectionTaskEntity);
    return repo.save(repo.create({ ...t, kind: 'targeted', drawId: null, dedupeKey: null }));
  }

  /** The random tasks of one draw, one per pick. */
  async insertDrawn(manager: EntityManager, drawId: string, picks: Array<{ code: string; county: string; team: string | null }>, reason: string, createdBy: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO inspection_tasks (draw_id, enterprise_code, county, team, kind, reason, status, created_by, created_at)
       SELECT $2, code, county, team, 'random', $3, 'open', $4, $5 FROM json_to_recordset($1::json) AS x(code text, county text, team text)`,
      [JSON.stringify(picks), drawId, reason, createdBy, at],
    );
  }

  /** A power-anomaly task, once per dedupe key; answers its id, or null when one with the key exists. */
  async insertOnce(
    manager: EntityManager,
    t: { enterpriseCode: string; county: string; team: string | null; kind: string; reason: string; dedupeKey: string; createdBy: string },
  ): Promise<string | null> {
    const [row] = await manager.query(
      `INSERT INTO inspection_tasks (enterprise_code, county, team, kind, reason, status, dedupe_key, created_by)
       VALUES ($1, $2, $3, $4, $5, 'open', $6, $7) ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
      [t.enterpriseCode, t.county, t.team, t.kind, t.reason, t.dedupeKey, t.createdBy],
    );
    return row?.id ?? null;
  }

  /** Of these enterprises, those with an open task of a kind. */
  async withOpenTask(codes: string[], kind: string, manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const rows: Array<{ code: string }> = await manager.query(`SELECT DISTINCT enterprise_code AS code FROM inspection_tasks WHERE enterprise_code = ANY($1) AND kind = $2 AND status = 'open'`, [
      codes,
      kind,
    ]);
    return new Set(rows.map((r) => r.code));
  }
}
