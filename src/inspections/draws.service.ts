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
import { inForceAt } from '../orders/version-in-force.js';
import { Clock } from '../common/clock.js';
import type { CreateDrawDto } from './dto/create-draw.dto.js';

/**
 * Double-random draws (双随机, item 11(2)): the enterprises under active orders and the teams
 * are both drawn with a recorded seed; every input is stored, so the draw can be re-run by
 * anyone and must come out the same. The published list names enterprise, team and time.
 */
@Injectable()
export class DrawsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(p: Principal, dto: CreateDrawDto) {
    const now = this.clock.now();
    const candidates: Array<{ code: string; county: string; overdue: boolean; power: boolean; violations: number }> = await this.dataSource.query(
      `SELECT v.enterprise_code AS code, v.county,
              (v.acknowledged_at IS NULL AND v.ack_deadline < $1) AS overdue,
              EXISTS (SELECT 1 FROM inspection_tasks t WHERE t.enterprise_code = v.enterprise_code AND t.kind = 'power' AND t.status = 'open') AS power,
              (SELECT count(*)::int FROM findings f WHERE f.enterprise_code = v.enterprise_code AND f.verdict = 'violation') AS violations
       FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code
       WHERE ${inForceAt('v', '$1')} AND NOT v.ends AND e.active ORDER BY v.enterprise_code`,
      [now],
    );
    if (candidates.length === 0) throw new DomainError(InspectionErrorCode.DRAW_NO_CANDIDATES, 'No enterprise is under an order in force now: nothing to draw from.');
    if (dto.size > candidates.length) throw new DomainError(InspectionErrorCode.DRAW_TOO_LARGE, `Only ${candidates.length} enterprises are under orders; ask for at most that many.`);
    const teams: Array<{ key: string; home_county: string | null }> = await this.dataSource.query('SELECT key, home_county FROM teams ORDER BY key');
    if (teams.length === 0) throw new DomainError(InspectionErrorCode.DRAW_NO_TEAMS, 'No inspection team exists; create teams first (POST /api/v1/teams).');
    const weighted = dto.weighted ?? true;
    const input: DrawInput = {
      seed: dto.seed ?? randomBytes(8).toString('hex'),
      size: dto.size,
      candidates: candidates.map((c) => ({ code: c.code, county: c.county, risk: { overdueAck: c.overdue, powerAnomaly: c.power, pastViolations: c.violations } })),
      teams: teams.map((t) => ({ key: t.key, homeCounty: t.home_county })),
      weights: weighted ? this.config.inspection.draw.weights : undefined,
      allowHomeCounty: dto.allowHomeCounty ?? this.config.inspection.draw.allowHomeCounty,
      stratify: this.config.inspection.draw.stratify,
    };
    const result = withRules(() => drawInspections(input));
    return this.dataSource.transaction(async (manager) => {
      const [draw] = await manager.query(
        `INSERT INTO draws (seed, size, at, inputs, result, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $3) RETURNING id`,
        [result.seed, dto.size, now, JSON.stringify(input), JSON.stringify(result), p.username],
      );
      await manager.query(
        `INSERT INTO inspection_tasks (draw_id, enterprise_code, county, team, kind, reason, status, created_by, created_at)
         SELECT $2, code, county, team, 'random', $3, 'open', $4, $5 FROM json_to_recordset($1::json) AS x(code text, county text, team text)`,
        [JSON.stringify(result.picks), draw.id, `双随机抽查（种子 ${result.seed}）`, p.username, now],
      );
      await this.audit.record(manager, p, [{ action: 'draw.create', entityType: 'draw', entityId: draw.id, before: null, after: { seed: result.seed, size: dto.size, picks: result.picks.length, unassigned: result.unassigned.length } }]);
      return this.published(draw.id as string, result, now);
    });
  }

  private async published(id: string, result: DrawResult, at: Date) {
    const names: Array<{ code: string; name: string }> = await this.dataSource.query('SELECT code, name FROM enterprises WHERE code = ANY($1)', [result.picks.map((p) => p.code)]);
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
    const [draw] = await this.dataSource.query('SELECT id, result, at FROM draws WHERE id = $1', [id]).catch(() => []);
    if (!draw) throw new DomainError(InspectionErrorCode.DRAW_NOT_FOUND, `No draw ${id}.`);
    return this.published(draw.id, draw.result as DrawResult, draw.at);
  }

  /** Re-runs the draw from its recorded inputs: anyone can check it was not rigged. */
  async verify(id: string) {
    const [draw] = await this.dataSource.query('SELECT inputs, result FROM draws WHERE id = $1', [id]).catch(() => []);
    if (!draw) throw new DomainError(InspectionErrorCode.DRAW_NOT_FOUND, `No draw ${id}.`);
    const again = withRules(() => drawInspections(draw.inputs as DrawInput));
    const recorded = draw.result as DrawResult;
    // Deep equality: jsonb does not keep the key order of the stored result.
    const same = sameData(again.picks, recorded.picks) && sameData(again.unassigned, recorded.unassigned);
    return { id, seed: recorded.seed, reproduced: same, picks: again.picks.length };
  }
}
