import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { ComplianceErrorCode } from './compliance.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { levelAt } from '../rules/levels/level-at.js';
import type { ResponseLevelContext } from '../rules/levels/response-level.machine.js';
import { isLocalDate, localDateOf, localMidnightMs, nextDate } from '../rules/time/local-time.js';
import { inForceAt, inForceDuring, inForceOrAheadAt } from '../orders/version-in-force.js';
import { Clock } from '../common/clock.js';
import type { NoticeEvidence } from '../acknowledgements/delivery-evidence.js';
import type { ExportQuery } from './dto/export.query.js';
import { dailyReportCsv, findingsCsv, ledgerCsv, ordersCsv } from '../web/export/report-csv.js';

export interface CountyDay {
  county: string;
  level: string;
  levelName: string | null;
  orders: number;
  acknowledged: number;
  acknowledgementRate: number;
  implemented: number;
  implementationRate: number;
  overdue: number;
  inspections: number;
  findings: number;
  violations: number;
  penaltyYuan: number;
  /** Status reports (the latest per slot) that contradict the order: running where it says stop, or above the cap. */
  reportDiscrepancies: number;
}

export interface DailyReport {
  date: string;
  generatedAt: string;
  asOf: string;
  counties: CountyDay[];
  totals: Omit<CountyDay, 'county' | 'level' | 'levelName'>;
}

const rate = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

/** The command center's daily report and the CSV exports. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  async daily(p: Principal, date: string | undefined): Promise<DailyReport> {
    const tz = this.config.city.city.timezone;
    const now = this.clock.now();
    const day = date ?? localDateOf(now.getTime(), tz);
    if (!isLocalDate(day)) throw new DomainError(ComplianceErrorCode.REPORT_DATE_INVALID, 'date must be a calendar date like 2026-12-10.');
    const from = new Date(localMidnightMs(day, tz));
    const to = new Date(localMidnightMs(nextDate(day), tz));
    // A day still running is reported as of now.
    const asOf = new Date(Math.min(to.getTime(), now.getTime() + 1)); // exclusive bound: now itself counts
    const only = this.access.countyFilter(p);
    const q = <T>(sql: string, params: unknown[]) => this.dataSource.query(sql, params) as Promise<T[]>;
    const [orders, inspections, ledger, machines, discrepancies] = await Promise.all([
      q<{ county: string; orders: number; acknowledged: number; implemented: number; overdue: number }>(
        `SELECT v.county, count(*)::int AS orders,
                count(*) FILTER (WHERE v.acknowledged_at IS NOT NULL AND v.acknowledged_at < $1)::int AS acknowledged,
                count(*) FILTER (WHERE v.implemented_at IS NOT NULL AND v.implemented_at < $1)::int AS implemented,
                count(*) FILTER (WHERE (v.acknowledged_at IS NULL OR v.acknowledged_at >= $1) AND v.ack_deadline < $1)::int AS overdue
         FROM order_versions v
         WHERE NOT v.ends AND ${inForceDuring('v', '$2', '$1')}
         GROUP BY v.county`,
        [asOf, from],
      ),
      q<{ county: string; inspections: number; findings: number; violations: number }>(
        `SELECT county, count(DISTINCT task_id)::int AS inspections, count(*)::int AS findings, count(*) FILTER (WHERE verdict = 'violation')::int AS violations
         FROM findings WHERE observed_at >= $1 AND observed_at < $2 GROUP BY county`,
        [from, asOf],
      ),
      q<{ county: string; amount: number }>(
        `SELECT county, coalesce(sum(amount), 0)::int AS amount FROM ledger_entries WHERE created_at >= $1 AND created_at < $2 AND voided_at IS NULL GROUP BY county`,
        [from, asOf],
      ),
      q<{ county: string; snapshot: { context: ResponseLevelContext } }>('SELECT county, snapshot FROM county_levels', []),
      q<{ county: string; n: number }>(
        `SELECT e.county, count(*)::int AS n FROM (
           SELECT DISTINCT ON (r.enterprise_code, r.slot) r.enterprise_code, r.discrepancies FROM status_reports r
           WHERE r.slot >= $1 AND r.slot < $2 AND r.reported_at < $3 ORDER BY r.enterprise_code, r.slot, r.reported_at DESC, r.id DESC) x
         JOIN enterprises e ON e.code = x.enterprise_code WHERE jsonb_array_length(x.discrepancies) > 0 GROUP BY e.county`,
        [from, to, asOf],
      ),
    ]);
    const by = <T extends { county: string }>(rows: T[]) => new Map(rows.map((r) => [r.county, r]));
    const o = by(orders);
    const i = by(inspections);
    const l = by(ledger);
    const m = by(machines);
    const d = by(discrepancies);
    const counties: CountyDay[] = this.config.city.counties
      .map((c) => c.name)
      .filter((c) => only === null || c === only)
      .map((county) => {
        const level = m.get(county) ? levelAt(m.get(county)!.snapshot.context, asOf.toISOString()) : 'none';
        const od = o.get(county);
        const id = i.get(county);
        return {
          county,
          level,
          levelName: this.config.levelName(level),
          orders: od?.orders ?? 0,
          acknowledged: od?.acknowledged ?? 0,
          acknowledgementRate: rate(od?.acknowledged ?? 0, od?.orders ?? 0),
          implemented: od?.implemented ?? 0,
          implementationRate: rate(od?.implemented ?? 0, od?.orders ?? 0),
          overdue: od?.overdue ?? 0,
          inspections: id?.inspections ?? 0,
          findings: id?.findings ?? 0,
          violations: id?.violations ?? 0,
          penaltyYuan: l.get(county)?.amount ?? 0,
          reportDiscrepancies: d.get(county)?.n ?? 0,
        };
      });
    const sum = (k: keyof CountyDay) => counties.reduce((n, c) => n + (c[k] as number), 0);
    const totals = {
      orders: sum('orders'),
      acknowledged: sum('acknowledged'),
      acknowledgementRate: rate(sum('acknowledged'), sum('orders')),
      implemented: sum('implemented'),
      implementationRate: rate(sum('implemented'), sum('orders')),
      overdue: sum('overdue'),
      inspections: sum('inspections'),
      findings: sum('findings'),
      violations: sum('violations'),
      penaltyYuan: sum('penaltyYuan'),
      reportDiscrepancies: sum('reportDiscrepancies'),
    };
    return { date: day, generatedAt: now.toISOString(), asOf: asOf.toISOString(), counties, totals };
  }

  dailyCsv(r: DailyReport): string {
    return dailyReportCsv(r);
  }

  /** The exports' filters as SQL bounds; a county officer is held to the county whatever is asked. */
  private async exportScope(p: Principal, q: ExportQuery): Promise<{ from: Date | null; to: Date | null; county: string | null; directiveId: string | null }> {
    const tz = this.config.city.city.timezone;
    if (q.date !== undefined && !isLocalDate(q.date)) throw new DomainError(ComplianceErrorCode.REPORT_DATE_INVALID, 'date must be a calendar date like 2026-12-10.');
    const from = q.date ? new Date(localMidnightMs(q.date, tz)) : null;
    const to = q.date ? new Date(localMidnightMs(nextDate(q.date), tz)) : null;
    const county = this.access.countyFilter(p, q.county ?? null);
    let directiveId: string | null = null;
    if (q.directive) {
      const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM directives WHERE number = $1 OR id::text = $1', [q.directive]);
      if (rows.length === 0) throw new DomainError(ComplianceErrorCode.DIRECTIVE_NOT_FOUND, `No directive ${q.directive}.`);
      directiveId = rows[0]!.id;
    }
    return { from, to, county, directiveId };
  }

  /**
   * 指令单: one row per enterprise's order in force (or, with a date or directive, per version
   * issued that day / by that directive); local times, Chinese names, the directive's number.
   */
  async ordersCsv(p: Principal, q: ExportQuery = {}): Promise<string> {
    const s = await this.exportScope(p, q);
    const current = s.from === null && s.directiveId === null;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT v.county, v.enterprise_code, e.name, v.modification, v.status, d.number, v.level, v.phase, v.lines, v.stopped_capacity_percent, v.max_load_percent,
              v.effective_from, v.effective_to, v.ack_deadline, v.acknowledged_at, v.implemented_at, ${inForceAt('v', '$6')} AS in_force
       FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code JOIN directives d ON d.id = v.directive_id
       WHERE ($1::boolean IS FALSE OR (NOT v.ends AND ${inForceOrAheadAt('v', '$6')}))
         AND ($2::text IS NULL OR v.county = $2) AND ($3::uuid IS NULL OR v.directive_id = $3)
         AND ($4::timestamptz IS NULL OR (v.created_at >= $4 AND v.created_at < $5))
       ORDER BY v.county, v.enterprise_code, v.effective_from, v.modification`,
      [current, s.county, s.directiveId, s.from, s.to, this.clock.now()],
    );
    // Without a filter: every version in force now or directed to start later (an enterprise
    // under orange now and red from noon has two rows).
    return ordersCsv(
      rows.map((r) => ({
        county: r.county as string,
        enterpriseCode: r.enterprise_code as string,
        enterpriseName: r.name as string,
        directiveNumber: r.number as string,
        modification: r.modification as number,
        superseded: r.status === 'superseded',
        inForce: Boolean(r.in_force),
        levelName: this.config.levelName(r.level as string),
        phaseName: this.config.phaseName((r.phase as string | null) ?? null),
        lines: (r.lines as Array<{ code: string; action: string; maxLoadPercent: number | null }>) ?? [],
        stoppedCapacityPercent: r.stopped_capacity_percent as number,
        maxLoadPercent: r.max_load_percent as number | null,
        effectiveFrom: r.effective_from as Date | null,
        effectiveTo: r.effective_to as Date | null,
        ackDeadline: r.ack_deadline as Date | null,
        acknowledgedAt: r.acknowledged_at as Date | null,
        implementedAt: r.implemented_at as Date | null,
      })),
      this.config.city.city.timezone,
    );
  }

  async findingsCsv(p: Principal, q: ExportQuery = {}): Promise<string> {
    const s = await this.exportScope(p, q);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT f.county, f.enterprise_code, e.name, f.line_code, f.observed_state, f.load_percent, f.observed_at, f.power_kw, f.inspector, t.name AS team, f.verdict, f.reason, d.number, f.notice_missing,
              (SELECT count(*)::int FROM evidence v WHERE v.finding_id = f.id) AS photos
       FROM findings f JOIN enterprises e ON e.code = f.enterprise_code LEFT JOIN teams t ON t.key = f.team
       LEFT JOIN order_versions ov ON ov.id = f.order_version_id LEFT JOIN directives d ON d.id = ov.directive_id
       WHERE ($1::text IS NULL OR f.county = $1) AND ($2::uuid IS NULL OR ov.directive_id = $2) AND ($3::timestamptz IS NULL OR (f.observed_at >= $3 AND f.observed_at < $4))
       ORDER BY f.observed_at`,
      [s.county, s.directiveId, s.from, s.to],
    );
    return findingsCsv(
      rows.map((r) => ({
        county: r.county as string,
        enterpriseCode: r.enterprise_code as string,
        enterpriseName: r.name as string,
        lineCode: r.line_code as string,
        observedState: r.observed_state as string,
        loadPercent: r.load_percent as number | null,
        observedAt: r.observed_at as Date | null,
        powerKw: r.power_kw as number | null,
        inspector: r.inspector as string,
        team: r.team as string | null,
        verdict: r.verdict as string,
        reason: r.reason as string,
        directiveNumber: r.number as string | null,
        photos: r.photos as number,
        noticeMissing: Boolean(r.notice_missing),
      })),
      this.config.city.city.timezone,
    );
  }

  async ledgerCsv(p: Principal, q: ExportQuery = {}): Promise<string> {
    const s = await this.exportScope(p, q);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT l.id, l.county, l.enterprise_code, e.name, l.item, l.amount, l.description, l.created_at, l.voided_at, l.void_reason, l.evidence
       FROM ledger_entries l LEFT JOIN enterprises e ON e.code = l.enterprise_code
       LEFT JOIN findings f ON f.id = l.finding_id LEFT JOIN order_versions ov ON ov.id = f.order_version_id
       WHERE ($1::text IS NULL OR l.county = $1) AND ($2::uuid IS NULL OR ov.directive_id = $2) AND ($3::timestamptz IS NULL OR (l.created_at >= $3 AND l.created_at < $4))
       ORDER BY l.created_at, l.id`,
      [s.county, s.directiveId, s.from, s.to],
    );
    return ledgerCsv(
      rows.map((r) => ({
        id: String(r.id),
        county: r.county as string,
        enterpriseCode: r.enterprise_code as string | null,
        enterpriseName: r.name as string | null,
        itemName: this.config.inspection.penalties[r.item as string]?.name ?? (r.item as string),
        amount: r.amount as number,
        description: r.description as string,
        createdAt: r.created_at as Date | null,
        voidedAt: r.voided_at as Date | null,
        voidReason: r.void_reason as string | null,
        evidence: r.evidence as NoticeEvidence | null,
      })),
      this.config.city.city.timezone,
    );
  }
}
