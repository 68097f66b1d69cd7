import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { InspectionErrorCode } from './inspections.errors.js';
import { DomainError } from '../common/domain-error.js';
import { versionInForce } from '../orders/order-versions.repository.js';
import { EnterpriseRepository } from '../registry/enterprise.repository.js';
import { Clock } from '../common/clock.js';
import type { CreateTaskDto } from './dto/create-task.dto.js';
import { FindingRepository } from './finding.repository.js';
import { InspectionTaskRepository, type TaskRow } from './inspection-task.repository.js';
import { TeamRepository } from './team.repository.js';

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
    private readonly tasks: InspectionTaskRepository,
    private readonly findings: FindingRepository,
    private readonly teams: TeamRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  /** The principal's scope as a condition over the task's own columns (its params from $1). */
  private async scope(p: Principal): Promise<{ sql: string; params: unknown[] }> {
    const params: unknown[] = [];
    const sql = await this.access.sql(this.access.scope(p), { code: 't.enterprise_code', county: 't.county', team: 't.team' }, params);
    return { sql, params };
  }

  /** Tasks with their enterprise's name (asked of the registry); tasks of a vanished enterprise are left out, as the join did. */
  private async views(rows: TaskRow[]): Promise<TaskView[]> {
    const names = new Map((await this.enterprises.refs([...new Set(rows.map((r) => r.enterpriseCode))])).map((e) => [e.code, e.name]));
    return rows.filter((r) => names.has(r.enterpriseCode)).map((r) => this.view(r, names.get(r.enterpriseCode)!));
  }

  async list(p: Principal, status?: string): Promise<TaskView[]> {
    return this.views(await this.tasks.list(await this.scope(p), status ?? null));
  }

  private view(r: TaskRow, enterpriseName: string): TaskView {
    return {
      id: String(r.id),
      drawId: r.drawId ?? null,
      enterpriseCode: r.enterpriseCode,
      enterpriseName,
      county: r.county,
      team: r.team ?? null,
      kind: r.kind,
      reason: r.reason ?? null,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
    };
  }

  /** A task with the enterprise's lines and the order in force now: what the inspector checks against. */
  async get(p: Principal, id: string) {
    const row = await this.tasks.get(id, await this.scope(p));
    const [task] = row ? await this.views([row]) : [];
    // Another team's task answers exactly like a missing one.
    if (!task) throw new DomainError(InspectionErrorCode.TASK_NOT_FOUND, 'No such inspection task (or it belongs to another team).');
    const lines = (await this.enterprises.lines([task.enterpriseCode])).map((l) => ({ code: l.code, name: l.name, capacity: l.capacity, unit: l.unit }));
    const version = await versionInForce(this.dataSource.manager, task.enterpriseCode, this.clock.now());
    const findings = await this.findings.ofTask(task.id);
    return {
      task,
      enterprise: { code: task.enterpriseCode, name: task.enterpriseName, county: task.county, lines },
      order: version && !version.ends ? { orderId: version.orderId, modification: version.modification, level: version.level, phase: version.phase, lines: version.lines } : null,
      findings,
    };
  }

  async createTargeted(p: Principal, dto: CreateTaskDto): Promise<TaskView> {
    return this.dataSource.transaction(async (manager) => {
      const enterprise = await this.enterprises.ref(dto.enterpriseCode.toUpperCase(), manager);
      if (!enterprise) throw new DomainError(InspectionErrorCode.TASK_ENTERPRISE_UNKNOWN, `No enterprise ${dto.enterpriseCode} in the registry.`);
      if (!(await this.teams.exists(dto.team, manager))) throw new DomainError(InspectionErrorCode.TEAM_UNKNOWN, `No team ${dto.team}; create it first (POST /api/v1/teams).`);
      const saved = await this.tasks.insertTargeted(manager, { enterpriseCode: enterprise.code, county: enterprise.county, team: dto.team, reason: dto.reason, createdBy: p.username });
      await this.audit.record(manager, p, [
        { action: 'task.create', entityType: 'inspection_task', entityId: saved.id, before: null, after: { enterpriseCode: enterprise.code, team: dto.team, reason: dto.reason } },
      ]);
      return this.view({ ...saved, drawId: null }, enterprise.name);
    });
  }
}
