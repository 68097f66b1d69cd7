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
import type { ResponseLevelContext } from '../rules/levels/response-level.machine.js';
import { withRules } from '../common/rules-error.js';
import { versionInForce } from '../orders/order-versions.repository.js';
import { checkStatusReport, missingReportLines, type ReportedLine } from '../rules/inspection/status-report-check.js';
import { Clock } from '../common/clock.js';
import { CronService } from '../scheduling/cron.service.js';
import { JobRunner } from '../scheduling/job-runner.js';
import { AlertsService } from './alerts.service.js';
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
      const [enterprise] = await manager.query('SELECT name, county FROM enterprises WHERE code = $1', [code]);
      const lines: Array<{ code: string }> = await manager.query('SELECT code FROM production_lines WHERE enterprise_code = $1 ORDER BY position', [code]);
      const known = new Set(lines.map((l) => l.code));
      const unknown = reported.filter((l) => !known.has(l.line)).map((l) => l.line);
      if (unknown.length > 0) throw new DomainError(CommonErrorCode.UNPROCESSABLE, `Unknown line(s) ${unknown.join(', ')}; your lines are ${[...known].join(', ')}.`, { unknownLines: unknown });
      const version = await versionInForce(manager, code, now);
      const orderLines = version && !version.ends ? version.lines : [];
      const missing = missingReportLines(orderLines, reported);
      if (missing.length > 0) {
        throw new DomainError(CommonErrorCode.UNPROCESSABLE, `The report must cover every line of the order in force (version ${version!.modification}); missing: ${missing.join(', ')}.`, { missingLines: missing });
      }
      const discrepancies = withRules(() => checkStatusReport(orderLines, reported));
      const [previous] = await manager.query('SELECT id FROM status_reports WHERE enterprise_code = $1 AND slot = $2 ORDER BY reported_at DESC, id DESC LIMIT 1', [code, slot]);
      const [row] = await manager.query(
        `INSERT INTO status_reports (enterprise_code, slot, reported_at, reported_by, lines, note, order_version_id, discrepancies) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [code, slot, now, principal.username, JSON.stringify(reported), dto.note ?? null, version?.id ?? null, JSON.stringify(discrepancies)],
      );
      const id = String(row.id);
      await manager.query(`UPDATE alerts SET resolved_at = $2 WHERE kind = 'report_missing' AND dedupe_key LIKE $1 AND resolved_at IS NULL`, [`report_missing:${code}:${slot.toISOString()}%`, now]);
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
        corrects: previous ? String(previous.id) : null,
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
    const machines: Array<{ county: string; snapshot: { context: ResponseLevelContext } }> = await manager.query('SELECT county, snapshot FROM county_levels');
    const counties = machines.filter((m) => warningLevels.has(levelAt(m.snapshot.context, slot.toISOString()))).map((m) => m.county);
    if (counties.length === 0) return { missing: 0 };
    const missing: Array<{ code: string; name: string; county: string; version_id: string }> = await manager.query(
      `SELECT e.code, e.name, e.county, o.current_version_id AS version_id FROM orders o JOIN enterprises e ON e.code = o.enterprise_code
       WHERE o.status = 'open' AND o.county = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM status_reports r WHERE r.enterprise_code = o.enterprise_code AND r.slot = $2)`,
      [counties, slot],
    );
    const when = slot.toISOString();
    const raised = await this.alerts.raise(
      manager,
      missing.map((m) => ({
        dedupeKey: `report_missing:${m.code}:${when}`,
        kind: 'report_missing' as const,
        stage: 1,
        county: m.county,
        enterpriseCode: m.code,
        orderVersionId: m.version_id,
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
      const due: Array<{ dedupe_key: string; county: string; enterprise_code: string; order_version_id: string | null; message: string }> = await manager.query(
        `SELECT a.dedupe_key, a.county, a.enterprise_code, a.order_version_id, a.message FROM alerts a
         WHERE a.kind = 'report_missing' AND a.stage = 1 AND a.resolved_at IS NULL AND a.created_at <= $1
           AND NOT EXISTS (SELECT 1 FROM alerts b WHERE b.dedupe_key = a.dedupe_key || ':2')`,
        [new Date(now.getTime() - this.config.dispatch.escalation.stage2AfterDeadlineHours * 3_600_000)],
      );
      const raised = await this.alerts.raise(
        manager,
        due.map((d) => ({ dedupeKey: `${d.dedupe_key}:2`, kind: 'report_missing' as const, stage: 2, county: d.county, enterpriseCode: d.enterprise_code, orderVersionId: d.order_version_id, message: `${d.message}（已超过${this.config.dispatch.escalation.stage2AfterDeadlineHours}小时，报指挥部）` })),
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
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT r.id::text AS id, r.enterprise_code AS "enterpriseCode", e.name, e.county, r.slot, r.reported_at AS "reportedAt", r.reported_by AS "reportedBy",
                r.lines, r.note, r.order_version_id AS "orderVersionId", r.discrepancies,
                row_number() OVER (PARTITION BY r.enterprise_code, r.slot ORDER BY r.reported_at DESC, r.id DESC) = 1 AS latest
         FROM status_reports r JOIN enterprises e ON e.code = r.enterprise_code
         WHERE ($1::text IS NULL OR e.county = $1) AND ($2::text IS NULL OR r.enterprise_code = $2) AND ($3::timestamptz IS NULL OR r.slot = $3)) x
       WHERE $4 OR latest
       ORDER BY slot DESC, "enterpriseCode", "reportedAt" DESC, id DESC LIMIT 1000`,
      [county, enterprise, q.slot ?? null, q.history ?? false],
    );
  }
}
