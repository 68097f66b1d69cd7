import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/role.js';
import { InspectionErrorCode } from './inspections.errors.js';
import { DomainError } from '../common/domain-error.js';
import { withRules } from '../common/rules-error.js';
import { sameData } from '../common/same-data.js';
import { ConfigService } from '../config/config.service.js';
import { drawInspections, type DrawInput, type DrawResult } from '../rules/inspection/double-random-draw.js';
import { EnterpriseRepository } from '../registry/enterprise.repository.js';
import { Clock } from '../common/clock.js';
import type { CreateDrawDto } from './dto/create-draw.dto.js';
import { DrawRepository } from './draw.repository.js';
import { drawCandidates, type DrawCandidateRow } from './draw-candidates.read-model.js';
import { InspectionTaskRepository } from './inspection-task.repository.js';
import { TeamRepository } from './team.repository.js';

/**
 * Double-random draws (双随机, item 11(2)): the enterprises under active orders and the teams
 * are both drawn with a recorded seed; every input is stored, so the draw can be re-run by
 * anyone and must come out the same. The published list names enterprise, team and time.
 */
@Injectable()
export class DrawsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly draws: DrawRepository,
    private readonly tasks: InspectionTaskRepository,
    private readonly teamRows: TeamRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(p: Principal, dto: CreateDrawDto) {
    const now = this.clock.now();
    const candidates = await this.candidates(now);
    if (candidates.length === 0) throw new DomainError(InspectionErrorCode.DRAW_NO_CANDIDATES, 'No enterprise is under an order in force now: nothing to draw from.');
    if (dto.size > candidates.length) throw new DomainError(InspectionErrorCode.DRAW_TOO_LARGE, `Only ${candidates.length} enterprises are under orders; ask for at most that many.`);
    const teams = await this.teamRows.all();
    if (teams.length === 0) throw new DomainError(InspectionErrorCode.DRAW_NO_TEAMS, 'No inspection team exists; create teams first (POST /api/v1/teams).');
    const weighted = dto.weighted ?? true;
    const input: DrawInput = {
      seed: dto.seed ?? randomBytes(8).toString('hex'),
      size: dto.size,
      candidates: candidates.map((c) => ({ code: c.code, county: c.county, risk: { overdueAck: c.overdue, powerAnomaly: c.power, pastViolations: c.violations } })),
      teams: teams.map((t) => ({ key: t.key, homeCounty: t.homeCounty })),
      weights: weighted ? this.config.inspection.draw.weights : undefined,
      allowHomeCounty: dto.allowHomeCounty ?? this.config.inspection.draw.allowHomeCounty,
      stratify: this.config.inspection.draw.stratify,
    };
    const result = withRules(() => drawInspections(input));
    return this.dataSource.transaction(async (manager) => {
      const drawId = await this.draws.insert(manager, { seed: result.seed, size: dto.size, at: now, inputs: input, result, createdBy: p.username });
      await this.tasks.insertDrawn(manager, drawId, result.picks, `双随机抽查（种子 ${result.seed}）`, p.username, now);
      await this.audit.record(manager, p, [
        { action: 'draw.create', entityType: 'draw', entityId: drawId, before: null, after: { seed: result.seed, size: dto.size, picks: result.picks.length, unassigned: result.unassigned.length } },
      ]);
      return this.published(drawId, result, now);
    });
  }

  private async published(id: string, result: DrawResult, at: Date) {
    const names = await this.enterprises.refs(result.picks.map((p) => p.code));
    const nameOf = new Map(names.map((n) => [n.code, n.name]));
    return {
      id,
      seed: result.seed,
      drawnAt: at.toISOString(),
      allocation: result.allocation,
      list: result.picks.map((p) => ({ order: p.order, enterpriseCode: p.code, enterpriseName: nameOf.get(p.code) ?? p.code, county: p.county, team: p.team })),
      unassigned: result.unassigned,
    };
  }

  async get(id: string) {
    const draw = await this.draws.get(id);
    if (!draw) throw new DomainError(InspectionErrorCode.DRAW_NOT_FOUND, `No draw ${id}.`);
    return this.published(draw.id, draw.result, draw.at);
  }

  /** Re-runs the draw from its recorded inputs: anyone can check it was not rigged. */
  async verify(id: string) {
    const draw = await this.draws.get(id);
    if (!draw) throw new DomainError(InspectionErrorCode.DRAW_NOT_FOUND, `No draw ${id}.`);
    const again = withRules(() => drawInspections(draw.inputs));
    const recorded = draw.result;
    // Deep equality: jsonb does not keep the key order of the stored result.
    const same = sameData(again.picks, recorded.picks) && sameData(again.unassigned, recorded.unassigned);
    return { id, seed: recorded.seed, reproduced: same, picks: again.picks.length };
  }

  /**
   * The enterprises under an order in force now whose registry entry is active, with their
   * risk signals: overdue receipt (orders), an open power task and past violations (ours).
   */
  private candidates(now: Date): Promise<DrawCandidateRow[]> {
    return drawCandidates(this.dataSource.manager, now);
  }
}
