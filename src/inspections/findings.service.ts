import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { InspectionErrorCode } from './inspections.errors.js';
import { DomainError } from '../common/domain-error.js';
import { withRules } from '../common/rules-error.js';
import { AlertsService } from '../acknowledgements/alerts.service.js';
import { LedgerService } from '../compliance/ledger.service.js';
import { ConfigService } from '../config/config.service.js';
import { checkObservedAt, timeRefused } from '../common/time-window.js';
import { formatLocalTime } from '../web/shared/order-wording.js';
import { noticeEvidence, type NoticeEvidence } from '../acknowledgements/delivery-evidence.js';
import { versionInForce, type VersionInForce } from '../orders/order-versions.repository.js';
import { judgeFinding } from '../rules/inspection/finding-verdict.js';
import { Clock } from '../common/clock.js';
import { EnterpriseRepository } from '../registry/enterprise.repository.js';
import type { CreateFindingDto } from './dto/create-finding.dto.js';
import { FindingRepository } from './finding.repository.js';
import { InspectionTaskRepository } from './inspection-task.repository.js';

/**
 * A finding is judged against the order version in force at the moment observed: a line
 * running where it had to stop is a violation and a penalty on the county's ledger, in
 * the same transaction; the same sight after the order was lifted is compliant. No penalty
 * without proof of notice: a violation of a version not delivered by that moment is a breach
 * on record, no ledger entry, and an alert to the command center that the city failed to notify.
 */
@Injectable()
export class FindingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: InspectionTaskRepository,
    private readonly findings: FindingRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly config: ConfigService,
    private readonly ledger: LedgerService,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  async create(p: Principal, taskId: string, dto: CreateFindingDto) {
    const observedAt = new Date(dto.observedAt);
    const refusal = checkObservedAt('observedAt', observedAt, this.clock.now(), this.config.observationWindow());
    if (refusal) throw timeRefused([{ ...refusal, message: `${refusal.message}; check the phone clock` }]);
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lockForFinding(manager, taskId);
      if (!task || !this.access.mayWriteTask(p, task)) throw new DomainError(InspectionErrorCode.TASK_NOT_FOUND, 'No such inspection task (or it belongs to another team).');
      const lines = await this.enterprises.lines([task.enterpriseCode], manager);
      if (!lines.some((l) => l.code === dto.lineCode)) {
        throw new DomainError(InspectionErrorCode.FINDING_LINE_UNKNOWN, `Line ${dto.lineCode} is not a line of this enterprise (${lines.map((l) => l.code).join(', ')}).`);
      }
      const version = await versionInForce(manager, task.enterpriseCode, observedAt);
      const line = version && !version.ends ? (version.lines.find((l) => l.code === dto.lineCode) ?? null) : null;
      const verdict = withRules(() => judgeFinding(line, { state: dto.observedState, loadPercent: dto.loadPercent ?? null, stoppedCells: dto.stoppedCells ?? null }, this.config.inspection));
      const violation = verdict.verdict === 'violation' && verdict.penaltyItem !== null && version !== null;
      const evidence = violation ? await noticeEvidence(manager, version.id, observedAt) : null;
      const noticeMissing = violation && !evidence?.delivered;
      const findingId = await this.findings.insert(manager, {
        taskId: task.id,
        enterpriseCode: task.enterpriseCode,
        county: task.county,
        lineCode: dto.lineCode,
        observedState: dto.observedState,
        loadPercent: dto.loadPercent ?? null,
        observedAt,
        powerKw: dto.powerKw ?? null,
        lat: dto.lat ?? null,
        lng: dto.lng ?? null,
        notes: dto.notes ?? null,
        inspector: p.username,
        team: task.team,
        orderVersionId: version?.id ?? null,
        verdict: verdict.verdict,
        reason: verdict.reason,
        penaltyItem: verdict.penaltyItem,
        createdAt: this.clock.now(),
        noticeMissing,
      });
      const penalty =
        violation && !noticeMissing
          ? await this.ledger.add(manager, {
              county: task.county,
              enterpriseCode: task.enterpriseCode,
              findingId,
              item: verdict.penaltyItem!,
              description: verdict.reason,
              orderVersionId: version.id,
              evidence,
            })
          : null;
      if (noticeMissing) await this.raiseNoticeMissing(manager, { findingId, county: task.county, enterpriseCode: task.enterpriseCode, lineCode: dto.lineCode, observedAt }, version, evidence);
      // The task is done once every line has been looked at.
      const lookedAt = await this.findings.linesLookedAt(manager, task.id);
      if (lines.every((l) => lookedAt.has(l.code))) await this.tasks.markDone(manager, task.id);
      await this.audit.record(manager, p, [
        { action: 'finding.create', entityType: 'finding', entityId: findingId, before: null, after: { taskId: task.id, ...dto, verdict: verdict.verdict, penalty, noticeMissing } },
      ]);
      return {
        id: findingId,
        taskId: task.id,
        enterpriseCode: task.enterpriseCode,
        lineCode: dto.lineCode,
        verdict: verdict.verdict,
        kind: verdict.kind,
        reason: verdict.reason,
        orderVersionId: version?.id ?? null,
        penalty,
        noticeMissing,
        evidence,
      };
    });
  }

  /** The city, not the enterprise, failed: the command center is told, once per finding. */
  private async raiseNoticeMissing(
    manager: EntityManager,
    f: { findingId: string; county: string; enterpriseCode: string; lineCode: string; observedAt: Date },
    version: VersionInForce,
    evidence: NoticeEvidence | null,
  ): Promise<void> {
    const e = await this.enterprises.ref(f.enterpriseCode, manager);
    const when = formatLocalTime(f.observedAt.toISOString(), this.config.city.city.timezone);
    const doc = evidence ? `${evidence.directiveNumber}第${version.modification}版指令` : `第${version.modification}版指令`;
    const raised = await this.alerts.raise(manager, [
      {
        dedupeKey: `notice_missing:${f.findingId}`,
        kind: 'notice_missing',
        stage: 2,
        county: f.county,
        enterpriseCode: f.enterpriseCode,
        orderVersionId: version.id,
        message: `${e?.name ?? f.enterpriseCode}（${f.enterpriseCode}）生产线${f.lineCode}于${when}被查实违反${doc}，但该指令在检查前没有送达记录（无成功投递、电话通知或签收）：市级未履行通知义务，本次只记录违规，不扣缴。请核实送达并补录联系方式。`,
      },
    ]);
    await this.alerts.mailCommandCenter(manager, raised, '【冬防】违规企业未收到指令，不予扣缴（通知缺失）');
  }

  async list(p: Principal, q: { verdict?: string; county?: string; limit?: number }) {
    const params: unknown[] = [q.county ?? null, q.verdict ?? null, Math.min(q.limit ?? 500, 5000)];
    const sql = await this.access.sql(this.access.scope(p), { code: 'f.enterprise_code', county: 'f.county', team: 'f.team' }, params);
    const rows = await this.findings.list({ sql, params });
    const names = new Map((await this.enterprises.refs([...new Set(rows.map((r) => r.enterpriseCode))])).map((e) => [e.code, e.name]));
    // The enterprise's name beside its code, as the list always showed it.
    return rows.filter((r) => names.has(r.enterpriseCode)).map(({ id, taskId, enterpriseCode, ...rest }) => ({ id, taskId, enterpriseCode, enterpriseName: names.get(enterpriseCode)!, ...rest }));
  }
}
