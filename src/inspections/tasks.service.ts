import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { InspectionErrorCode } from './inspections.errors.js';
import { DomainError } from '../common/domain-error.js';
import { versionInForce } from '../orders/order-versions.repository.js';
import { Clock } from '../common/clock.js';
import type { CreateTaskDto } from './dto/create-task.dto.js';
import { InspectionTaskEntity } from './inspection-task.entity.js';

export interface TaskView {
  id: string;
  drawId: string | null;
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  team: string | null;
  kind: string;
  reason: string | null;
  status: string;
  createdAt: string;
}

/** Inspection tasks as each reader may see them: an inspector the tasks of the team only. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  private scopeSql(p: Principal, params: unknown[]): string {
    return this.access.sql(this.access.scope(p), { code: 't.enterprise_code', county: 't.county', team: 't.team' }, params);
  }

  async list(p: Principal, status?: string): Promise<TaskView[]> {
    const params: unknown[] = [];
    const scope = this.scopeSql(p, params);
    params.push(status ?? null);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT t.id, t.draw_id, t.enterprise_code, e.name, t.county, t.team, t.kind, t.reason, t.status, t.created_at
       FROM inspection_tasks t JOIN enterprises e ON e.code = t.enterprise_code
       WHERE ${scope} AND ($${params.length}::text IS NULL OR t.status = $${params.length}) ORDER BY t.created_at DESC, e.county, t.enterprise_code LIMIT 2000`,
      params,
    );
    return rows.map((r) => this.view(r));
  }

  private view(r: Record<string, unknown>): TaskView {
    return {
      id: String(r.id),
      drawId: (r.draw_id as string | null) ?? null,
      enterpriseCode: String(r.enterprise_code),
      enterpriseName: String(r.name),
      county: String(r.county),
      team: (r.team as string | null) ?? null,
      kind: String(r.kind),
      reason: (r.reason as string | null) ?? null,
      status: String(r.status),
      createdAt: (r.created_at as Date).toISOString(),
    };
  }

  /** A task with the enterprise's lines and the order in force now: what the inspector checks against. */
  async get(p: Principal, id: string) {
    const params: unknown[] = [id];
    const scope = this.scopeSql(p, params);
    const [row] = await this.dataSource
      .query(
        `SELECT t.id, t.draw_id, t.enterprise_code, e.name, t.county, t.team, t.kind, t.reason, t.status, t.created_at
         FROM inspection_tasks t JOIN enterprises e ON e.code = t.enterprise_code WHERE t.id = $1 AND ${scope}`,
        params,
      )
      .catch(() => []);
    // Another team's task answers exactly like a missing one.
    if (!row) throw new DomainError(InspectionErrorCode.TASK_NOT_FOUND, 'No such inspection task (or it belongs to another team).');
    const task = this.view(row);
    const lines: Array<{ code: string; name: string; capacity: number; unit: string }> = await this.dataSource.query(
      'SELECT code, name, capacity, unit FROM production_lines WHERE enterprise_code = $1 ORDER BY position',
      [task.enterpriseCode],
    );
    const version = await versionInForce(this.dataSource.manager, task.enterpriseCode, this.clock.now());
    const findings: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, line_code AS "lineCode", observed_state AS "observedState", observed_at AS "observedAt", verdict, reason FROM findings WHERE task_id = $1 ORDER BY created_at`,
      [id],
    );
    return {
      task,
      enterprise: { code: task.enterpriseCode, name: task.enterpriseName, county: task.county, lines },
      order: version && !version.ends ? { orderId: version.orderId, modification: version.modification, level: version.level, phase: version.phase, lines: version.lines } : null,
      findings,
    };
  }

  async createTargeted(p: Principal, dto: CreateTaskDto): Promise<TaskView> {
    return this.dataSource.transaction(async (manager) => {
      const [enterprise] = await manager.query('SELECT code, name, county FROM enterprises WHERE code = $1', [dto.enterpriseCode.toUpperCase()]);
      if (!enterprise) throw new DomainError(InspectionErrorCode.TASK_ENTERPRISE_UNKNOWN, `No enterprise ${dto.enterpriseCode} in the registry.`);
      const [team] = await manager.query('SELECT key FROM teams WHERE key = $1', [dto.team]);
      if (!team) throw new DomainError(InspectionErrorCode.TEAM_UNKNOWN, `No team ${dto.team}; create it first (POST /api/v1/teams).`);
      const repo = manager.getRepository(InspectionTaskEntity);
      const saved = await repo.save(repo.create({ enterpriseCode: enterprise.code, county: enterprise.county, team: dto.team, kind: 'targeted', reason: dto.reason, createdBy: p.username, drawId: null, dedupeKey: null }));
      await this.audit.record(manager, p, [{ action: 'task.create', entityType: 'inspection_task', entityId: saved.id, before: null, after: { enterpriseCode: enterprise.code, team: dto.team, reason: dto.reason } }]);
      return { ...this.view({ ...saved, draw_id: null, enterprise_code: saved.enterpriseCode, name: enterprise.name, created_at: saved.createdAt }) };
    });
  }
}
