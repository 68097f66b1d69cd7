import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { InspectionErrorCode } from './inspections.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { Clock } from '../common/clock.js';
import { checkObservedAt } from '../common/time-window.js';
import { versionInForce } from '../orders/order-versions.repository.js';
import { baselineFor, isAnomalous } from '../rules/inspection/power-anomaly.js';
import { localDateOf, parseInstant } from '../rules/time/local-time.js';
import { EnterpriseRepository } from '../registry/enterprise.repository.js';
import { InspectionTaskRepository } from './inspection-task.repository.js';
import { PowerReadingRepository } from './power-reading.repository.js';
import { TeamRepository } from './team.repository.js';

export interface ReadingInput {
  enterpriseCode: string;
  lineCode: string;
  at: string;
  kw: number;
}

interface Issue {
  row: number;
  field: string;
  message: string;
  value?: string;
  allowed?: { from: string | null; to: string | null };
}

/**
 * Per-line meter readings (分表计电): all or nothing like the registry import; a reading on
 * a line ordered to stop that draws more than the configured share of its baseline opens a
 * targeted inspection task, once per line and day.
 */
@Injectable()
export class PowerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readings: PowerReadingRepository,
    private readonly tasks: InspectionTaskRepository,
    private readonly teams: TeamRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  parseCsv(body: Buffer): unknown[] {
    try {
      const records: Array<Record<string, string>> = parse(body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true });
      return records.map((r) => ({
        enterpriseCode: r.enterprise_code ?? r.enterpriseCode,
        lineCode: r.line_code ?? r.lineCode,
        at: r.at,
        kw: r.kw === undefined || r.kw === '' ? undefined : Number(r.kw),
      }));
    } catch (err) {
      throw new DomainError(InspectionErrorCode.READINGS_UNREADABLE, `The CSV cannot be read: ${(err as Error).message}. Columns: enterprise_code,line_code,at,kw`);
    }
  }

  private async validate(p: Principal, input: unknown[]): Promise<ReadingInput[]> {
    if (input.length === 0) throw new DomainError(InspectionErrorCode.READINGS_EMPTY, 'No readings sent.');
    if (input.length > 200_000) throw new DomainError(InspectionErrorCode.READINGS_TOO_MANY, 'At most 200,000 readings per request.');
    const codes = [...new Set(input.map((r) => String((r as ReadingInput)?.enterpriseCode ?? '').toUpperCase()))];
    // Scope first: readings for another county's enterprise are refused whatever else they say.
    const enterprises = (await this.enterprises.refs(codes)).map((e) => ({ code: e.code, county: e.county }));
    this.access.assertMayWriteEnterprises(p, enterprises);
    const lines = await this.enterprises.lines(codes);
    const known = new Set(lines.map((l) => `${l.enterpriseCode}/${l.code}`));
    const issues: Issue[] = [];
    const out: ReadingInput[] = [];
    const now = this.clock.now();
    const window = this.config.observationWindow();
    input.forEach((raw, i) => {
      const r = (raw ?? {}) as Partial<ReadingInput>;
      const code = String(r.enterpriseCode ?? '').toUpperCase();
      const before = issues.length;
      if (!known.has(`${code}/${String(r.lineCode ?? '')}`)) issues.push({ row: i, field: 'lineCode', message: `no line ${String(r.lineCode)} of enterprise ${code || '(none)'} in the registry` });
      if (Number.isNaN(parseInstant(r.at))) issues.push({ row: i, field: 'at', message: 'must be an ISO 8601 time with an offset' });
      else {
        const refusal = checkObservedAt('at', new Date(parseInstant(r.at)), now, window);
        if (refusal) issues.push({ row: i, field: 'at', message: refusal.message, value: refusal.value, allowed: refusal.allowed });
      }
      if (typeof r.kw !== 'number' || !Number.isFinite(r.kw) || r.kw < 0) issues.push({ row: i, field: 'kw', message: 'must be a number ≥ 0 (kW)' });
      if (issues.length === before) out.push({ enterpriseCode: code, lineCode: String(r.lineCode), at: String(r.at), kw: Number(r.kw) });
    });
    if (issues.length > 0) throw new DomainError(InspectionErrorCode.READINGS_INVALID, `${issues.length} reading(s) are invalid; nothing was stored.`, issues.slice(0, 1000));
    return out;
  }

  async ingest(actor: Principal, input: unknown[], source: string) {
    const readings = await this.validate(actor, input);
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.readings.insertNew(manager, readings, source);
      const anomalies = await this.checkAnomalies(manager, readings);
      await this.audit.record(manager, actor, [
        { action: 'power.ingest', entityType: 'power_readings', entityId: source, before: null, after: { received: readings.length, stored, anomalies: anomalies.length } },
      ]);
      return { received: readings.length, stored, duplicates: readings.length - stored, anomalies };
    });
  }

  private async checkAnomalies(manager: EntityManager, readings: ReadingInput[]) {
    const out: Array<{ enterpriseCode: string; lineCode: string; at: string; kw: number; baselineKw: number; explanation: string; taskId: string | null }> = [];
    const windowMs = this.config.inspection.powerAnomaly.baseline.windowDays * 86_400_000;
    for (const r of readings) {
      const at = new Date(r.at);
      const version = await versionInForce(manager, r.enterpriseCode, at);
      const line = version && !version.ends ? version.lines.find((l) => l.code === r.lineCode) : undefined;
      if (!version || line?.action !== 'stop') continue;
      const history = await this.readings.history(manager, r.enterpriseCode, r.lineCode, new Date(version.effectiveFrom.getTime() - windowMs), version.effectiveFrom);
      const baseline = baselineFor(
        history.map((h) => ({ at: h.at.getTime(), kw: h.kw })),
        version.effectiveFrom.getTime(),
        this.config.inspection,
      );
      const judged = isAnomalous(r.kw, baseline, this.config.inspection);
      if (judged.anomalous !== true || baseline === null) continue;
      const taskId = await this.openTask(manager, r, judged.explanation);
      out.push({ enterpriseCode: r.enterpriseCode, lineCode: r.lineCode, at: r.at, kw: r.kw, baselineKw: baseline, explanation: judged.explanation, taskId });
    }
    return out;
  }

  /** One task per line and local day; given to the least busy team not from the county. */
  private async openTask(manager: EntityManager, r: ReadingInput, explanation: string): Promise<string | null> {
    const enterprise = await this.enterprises.ref(r.enterpriseCode, manager);
    // Validated before: a reading names a registered enterprise.
    if (!enterprise) throw new Error(`enterprise ${r.enterpriseCode} vanished during the ingest`);
    const day = localDateOf(Date.parse(r.at), this.config.city.city.timezone);
    const team = await this.teams.leastBusyFor(manager, enterprise.county, this.config.inspection.draw.allowHomeCounty);
    return this.tasks.insertOnce(manager, {
      enterpriseCode: r.enterpriseCode,
      county: enterprise.county,
      team,
      kind: 'power',
      reason: `用电异常：生产线${r.lineCode}于${r.at}用电${r.kw}kW。${explanation}`,
      dedupeKey: `power:${r.enterpriseCode}:${r.lineCode}:${day}`,
      createdBy: SYSTEM_ACTOR.username,
    });
  }
}
