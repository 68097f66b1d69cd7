import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { localDateOf, localDateTimeMs } from '../rules/time/local-time.js';
import { levelAt } from '../rules/levels/level-at.js';
import { withRules } from '../common/rules-error.js';
import { versionInForce } from '../orders/order-versions.repository.js';
import { checkStatusReport, missingReportLines, type ReportedLine } from '../rules/inspection/status-report-check.js';
import { Clock } from '../common/clock.js';
import { CronService } from '../scheduling/cron.service.js';
import { JobRunner } from '../scheduling/job-runner.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';
import { countyLevelContexts, listStatusReports, openOrdersWithoutReport, reportingEnterprise } from './status-report.read-model.js';
import { StatusReportsRepository } from './status-reports.repository.js';
import type { FileStatusReportDto } from './dto/file-status-report.dto.js';

/**
 * Twice-daily status reports during a warning (RULES.md §2: before 09:00 and 17:00). A
 * report answers the next report time; a missing one is flagged to the county right after it.
 */
@Injectable()
export class StatusReportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('status-reports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly cron: CronService,
    private readonly alerts: AlertsService,
    private readonly alertRows: AlertsRepository,
    private readonly reports: StatusReportsRepository,
    private readonly access: AccessPolicy,
  ) {}

  onApplicationBootstrap(): void {
    for (const time of this.config.dispatch.statusReportTimes) {
      const [h, m] = time.split(':').map(Number);
      const at = (h * 60 + m + 1) % (24 * 60);
      this.cron.register(`status-reports-${time}`, `0 ${at % 60} ${Math.floor(at / 60)} * * *`, () => this.checkMissing());
    }
    this.cron.register('status-reports-stage2', '30 */10 * * * *', () => this.escalateMissing());
  }

  /** The first report time at or after `at`, in the city's zone. */
  nextSlot(at: Date): Date {
    const tz = this.config.city.city.timezone;
    for (let day = 0; day < 2; day++) {
      const date = localDateOf(at.getTime() + day * 86_400_000, tz);
      for (const time of this.config.dispatch.statusReportTimes) {
        const slot = localDateTimeMs(`${date}T${time}`, tz);
        if (slot >= at.getTime()) return new Date(slot);
      }
    }
    throw new Error('no report time configured');
  }

  /** The latest report time at or before `at`. */
  previousSlot(at: Date): Date {
    const tz = this.config.city.city.timezone;
    for (let day = 0; day < 2; day++) {
      const date = localDateOf(at.getTime() - day * 86_400_000, tz);
      for (const time of [...this.config.dispatch.statusReportTimes].reverse()) {
        const slot = localDateTimeMs(`${date}T${time}`, tz);
        if (slot <= at.getTime()) return new Date(slot);
      }
    }
    throw new Error('no report time configured');
  }

  /**
   * Checked against the order in force now: it must cover every line of that order, and a
   * line said to run where it must stop, or above its cap, raises an alert to the county.
   * A second report for the same time is a correction: a new row; the latest one counts.
   */
  async file(principal: Principal, dto: FileStatusReportDto) {
    const code = principal.enterpriseCode;
    if (!code || !this.access.mayActForEnterprise(principal, code)) throw new DomainError(CommonErrorCode.INVALID_INPUT, 'Only an enterprise account files status reports, for itself.');
    const now = this.clock.now();
    const slot = this.nextSlot(now);
    const reported: ReportedLine[] = dto.lines.map((l) => ({ line: l.line, state: l.state, loadPercent: l.loadPercent ?? null }));
    const doubled = [...new Set(reported.map((l) => l.line).filter((l, i, all) => all.indexOf(l) !== i))];
    if (doubled.length > 0) throw new DomainError(CommonErrorCode.UNPROCESSABLE, `Line(s) ${doubled.join(', ')} are reported more than once; report each line once.`, { lines: doubled });
    return this.dataSource.transaction(async (manager) => {
      const registered = await reportingEnterprise(manager, code);
      const known = new Set(registered?.lines ?? []);
      const unknown = reported.filter((l) => !known.has(l.line)).map((l) => l.line);
      if (unknown.length > 0) throw new DomainError(CommonErrorCode.UNPROCESSABLE, `Unknown line(s) ${unknown.join(', ')}; your lines are ${[...known].join(', ')}.`, { unknownLines: unknown });
      // A report names at least one line (the DTO), and every one is known: the enterprise is registered.
      const enterprise = registered!;
      const version = await versionInForce(manager, code, now);
      const orderLines = version && !version.ends ? version.lines : [];
      const missing = missingReportLines(orderLines, reported);
      if (missing.length > 0) {
        throw new DomainError(CommonErrorCode.UNPROCESSABLE, `The report must cover every line of the order in force (version ${version!.modification}); missing: ${missing.join(', ')}.`, {
          missingLines: missing,
        });
      }
      const discrepancies = withRules(() => checkStatusReport(orderLines, reported));
      const previous = await this.reports.latestId(manager, code, slot);
      const id = await this.reports.insert(manager, {
        enterpriseCode: code,
        slot,
        reportedAt: now,
        reportedBy: principal.username,
        lines: reported,
        note: dto.note ?? null,
        orderVersionId: version?.id ?? null,
        discrepancies,
      });
      await this.alertRows.resolveByKeyPrefix(manager, 'report_missing', `report_missing:${code}:${slot.toISOString()}`, now);
      if (discrepancies.length > 0) {
        const raised = await this.alerts.raise(manager, [
          {
            dedupeKey: `report_discrepancy:${id}`,
            kind: 'report_discrepancy',
            stage: 1,
            county: enterprise.county,
            enterpriseCode: code,
            orderVersionId: version?.id ?? null,
            message: `${enterprise.name}（${code}）报送的生产状态与现行指令不符：${discrepancies.map((d) => d.message).join('')}请核查。`,
          },
        ]);
        await this.alerts.mailCounties(manager, raised, '【冬防】企业报送的生产状态与指令不符');
      }
      return {
        id,
        enterpriseCode: code,
        slot: slot.toISOString(),
        reportedAt: now.toISOString(),
        orderVersionId: version?.id ?? null,
        discrepancies,
        corrects: previous,
      };
    });
  }

  /** After a report time: every enterprise with an open order in a county under a warning must have reported. */
  async checkMissing(): Promise<{ missing: number } | null> {
    const slot = this.previousSlot(this.clock.now());
    const { result } = await this.jobs.runOnce('status-reports', slot.toISOString(), (manager) => this.flag(manager, slot));
    return result;
  }

  private async flag(manager: EntityManager, slot: Date): Promise<{ missing: number }> {
    const warningLevels = new Set(this.config.city.levels.filter((l) => l.kind === 'warning').map((l) => l.key as string));
    const machines = await countyLevelContexts(manager);
    const counties = machines.filter((m) => warningLevels.has(levelAt(m.context, slot.toISOString()))).map((m) => m.county);
    if (counties.length === 0) return { missing: 0 };
    const missing = await openOrdersWithoutReport(manager, counties, slot);
    const when = slot.toISOString();
    const raised = await this.alerts.raise(
      manager,
      missing.map((m) => ({
        dedupeKey: `report_missing:${m.code}:${when}`,
        kind: 'report_missing' as const,
        stage: 1,
        county: m.county,
        enterpriseCode: m.code,
        orderVersionId: m.versionId,
        message: `${m.name}（${m.code}）未在规定时间前报送预警期间生产状态。`,
      })),
    );
    await this.alerts.mailCounties(manager, raised, '【冬防】预警期间企业未按时报送生产状态');
    if (raised.length > 0) this.logger.log(`${raised.length} enterprise(s) missed the ${when} status report`);
    return { missing: raised.length };
  }

  /**
   * Stage 2, "the same way" as acknowledgements: a report still missing the configured hours
   * after its time goes to the command center, once.
   */
  async escalateMissing(): Promise<{ escalated: number } | null> {
    const now = this.clock.now();
    const slot = now.toISOString().slice(0, 15); // ten-minute slots
    const { result } = await this.jobs.runOnce('status-reports-stage2', slot, async (manager) => {
      const due = await this.alertRows.unescalated(manager, 'report_missing', new Date(now.getTime() - this.config.dispatch.escalation.stage2AfterDeadlineHours * 3_600_000));
      const raised = await this.alerts.raise(
        manager,
        due.map((d) => ({
          dedupeKey: `${d.dedupeKey}:2`,
          kind: 'report_missing' as const,
          stage: 2,
          county: d.county,
          enterpriseCode: d.enterpriseCode,
          orderVersionId: d.orderVersionId,
          message: `${d.message}（已超过${this.config.dispatch.escalation.stage2AfterDeadlineHours}小时，报指挥部）`,
        })),
      );
      await this.alerts.mailCommandCenter(manager, raised, '【冬防】预警期间企业逾期未报送生产状态（报指挥部）');
      return { escalated: raised.length };
    });
    return result;
  }

  /** The latest report per enterprise and slot (what counts), or with `history` every correction too. */
  async list(principal: Principal, q: { slot?: string; history?: boolean }) {
    const scope = this.access.scope(principal);
    const enterprise = scope.kind === 'enterprise' ? scope.code : null;
    const county = enterprise ? null : this.access.countyFilter(principal);
    return listStatusReports(this.dataSource.manager, { county, enterprise, slot: q.slot ?? null, history: q.history ?? false });
  }
}
