import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { ComplianceErrorCode } from './compliance.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { levelAt } from '../rules/levels/level-at.js';
import { isLocalDate, localDateOf, localMidnightMs, nextDate } from '../rules/time/local-time.js';
import { Clock } from '../common/clock.js';
import type { NoticeEvidence } from '../acknowledgements/delivery-evidence.js';
import { ReductionAccountingService, type DailyReduction } from '../acknowledgements/reduction-accounting.service.js';
import type { ExportQuery } from './dto/export.query.js';
import { dailyReportCsv, findingsCsv, ledgerCsv, ordersCsv } from '../web/export/report-csv.js';
import { ReportFigures } from './report-figures.repository.js';

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
  /**
   * Per level directive in force that day: per pollutant, the reduction planned, confirmed and
   * verified (as of the day's end, now, or its end). Absent when the caller asked to omit it.
   */
  reduction?: DailyReduction[];
}

const rate = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

/** The command center's daily report and the CSV exports. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly figures: ReportFigures,
    private readonly config: ConfigService,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
    private readonly reductions: ReductionAccountingService,
  ) {}

  async daily(p: Principal, date: string | undefined, include: { reduction: boolean } = { reduction: true }): Promise<DailyReport> {
    const tz = this.config.city.city.timezone;
    const now = this.clock.now();
    const day = date ?? localDateOf(now.getTime(), tz);
    if (!isLocalDate(day)) throw new DomainError(ComplianceErrorCode.REPORT_DATE_INVALID, 'date must be a calendar date like 2026-12-10.');
    const from = new Date(localMidnightMs(day, tz));
    const to = new Date(localMidnightMs(nextDate(day), tz));
    // A day still running is reported as of now.
    const asOf = new Date(Math.min(to.getTime(), now.getTime() + 1)); // exclusive bound: now itself counts
    const only = this.access.countyFilter(p);
    const [orders, inspections, ledger, machines, discrepancies] = await this.figures.daily(from, to, asOf);
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
    const report: DailyReport = { date: day, generatedAt: now.toISOString(), asOf: asOf.toISOString(), counties, totals };
    // The accounting loads every enterprise in scope: seconds at provincial scale, so a poller may skip it.
    if (include.reduction) report.reduction = await this.reductions.forDay(from, to, asOf, only);
    return report;
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
      directiveId = await this.figures.directiveIdOf(q.directive);
      if (directiveId === null) throw new DomainError(ComplianceErrorCode.DIRECTIVE_NOT_FOUND, `No directive ${q.directive}.`);
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
    const rows = await this.figures.orderRows(current, s, this.clock.now());
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
    const rows = await this.figures.findingRows(s);
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
    const rows = await this.figures.ledgerRows(s);
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
