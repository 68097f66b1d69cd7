import { Injectable } from '@nestjs/common';
import { ConfigService } from '../config/config.service.js';
import { RegistrySnapshotService } from '../registry/registry-snapshot.service.js';
import type { Enterprise } from '../rules/enterprise.js';
import { lineStage, type LineEvidence, type LineStage, type LineStatement } from '../rules/emissions/line-stages.js';
import { remainingShare, orderLineOf } from '../rules/emissions/line-reduction.js';
import type { ReductionConfig } from '../rules/emissions/reduction-accounting.js';
import type { UnknownLine } from '../rules/emissions/reduction.types.js';
import { accountStages, type LineCounts, type PollutantStages, type ScopeStages, type StagedItem } from '../rules/emissions/stage-accounting.js';
import type { PowerReading } from '../rules/inspection/power-anomaly.js';
import { levelAt } from '../rules/levels/level-at.js';
import type { LevelOrNone } from '../rules/levels/level-ladder.js';
import type { Order } from '../rules/orders/order.types.js';
import { ReductionEvidenceReadModel, type DirectiveWindow, type ReadingRow, type VersionEvidence } from './reduction-evidence.read-model.js';

export type { DirectiveWindow } from './reduction-evidence.read-model.js';

export type ScopeStagesView = ScopeStages['planned'] & { stages: PollutantStages[]; lines: LineCounts };

export interface DirectiveReduction {
  directive: { id: string; number: string; kind: string; level: string | null; levelName: string | null; counties: string[]; startsAt: string; endsAt: string | null; issuedAt: string };
  at: string;
  inForce: boolean;
  /** Its counties still under it at `at` (a later level directive takes a county over from its start). */
  countiesInForce: string[];
  hoursPerDay: number;
  counties: ScopeStagesView[];
  city: ScopeStagesView;
  unknownLines: { total: number; items: UnknownLine[] };
}

/** The daily report's figures of one directive in force that day. */
export interface DailyReduction {
  directiveId: string;
  number: string;
  level: string | null;
  levelName: string | null;
  counties: string[];
  at: string;
  stages: PollutantStages[];
  lines: LineCounts;
}

const STATES = new Set(['running', 'stopped', 'limited', 'banked']);

/** Was the directive issued, started and not ended at `at`? */
export function directiveInForce(d: Pick<DirectiveWindow, 'issuedAt' | 'startsAt' | 'endsAt'>, at: Date): boolean {
  const t = at.getTime();
  return new Date(d.issuedAt).getTime() <= t && new Date(d.startsAt).getTime() <= t && (d.endsAt === null || t < new Date(d.endsAt).getTime());
}

/**
 * Reduction accounting of issued directives (issue 12, items 3 and 4): for the enterprises
 * in a directive's counties, the orders in force at an instant — planned, confirmed by the
 * enterprise, verified by inspection or meter — through the one pure accounting.
 */
@Injectable()
export class ReductionAccountingService {
  constructor(
    private readonly registry: RegistrySnapshotService,
    private readonly readModel: ReductionEvidenceReadModel,
    private readonly config: ConfigService,
  ) {}

  /** The directive's reduction at `at` in its counties (only `county` when given). */
  async forDirective(d: DirectiveWindow, at: Date, county: string | null): Promise<DirectiveReduction> {
    const counties = d.counties.filter((c) => county === null || c === county);
    const { report, under } = await this.account(d, at, counties);
    const { hoursPerDay, listedUnknownLines } = this.config.rules.emissions;
    const unknown = report.planned.unknownLines;
    return {
      directive: {
        id: d.id,
        number: d.number,
        kind: d.kind,
        level: d.level,
        levelName: this.config.levelName(d.level),
        counties: d.counties,
        startsAt: new Date(d.startsAt).toISOString(),
        endsAt: d.endsAt === null ? null : new Date(d.endsAt).toISOString(),
        issuedAt: new Date(d.issuedAt).toISOString(),
      },
      at: at.toISOString(),
      inForce: under.length > 0,
      countiesInForce: under,
      hoursPerDay,
      counties: report.counties.map(view),
      city: view(report.city),
      unknownLines: { total: unknown.length, items: unknown.slice(0, listedUnknownLines) },
    };
  }

  /** Per level directive in force some time in [from, to): its planned / confirmed / verified reduction as of `asOf` (or its end). */
  async forDay(from: Date, to: Date, asOf: Date, county: string | null): Promise<DailyReduction[]> {
    const out: DailyReduction[] = [];
    const until = asOf < to ? asOf : to;
    for (const d of await this.readModel.levelDirectivesDuring(from, until)) {
      const counties = d.counties.filter((c) => county === null || c === county);
      if (counties.length === 0) continue;
      // Its end: its stated end, or when the last of its counties was taken over by a later directive.
      const takeovers = await this.readModel.takeovers({ ...d, counties }, until);
      const lastTakeover = counties.every((c) => takeovers.has(c)) ? Math.max(...counties.map((c) => takeovers.get(c)!.getTime())) : Infinity;
      const end = Math.min(d.endsAt === null ? Infinity : new Date(d.endsAt).getTime(), lastTakeover);
      // Ended before the day, or taken over at its own start (never held anything).
      if (end <= from.getTime() || end <= new Date(d.startsAt).getTime()) continue;
      // The last instant of the day it was in force, as far as the day has run.
      const at = new Date(Math.min(until.getTime(), end) - 1);
      const { report } = await this.account(d, at, counties);
      out.push({
        directiveId: d.id,
        number: d.number,
        level: d.level,
        levelName: this.config.levelName(d.level),
        counties,
        at: at.toISOString(),
        stages: report.city.stages,
        lines: report.city.lines,
      });
    }
    return out;
  }

  private reductionConfig(at: Date): ReductionConfig {
    const cfg = this.config.orderConfigFor(this.config.seasonAt(at));
    return { rules: cfg.rules, levels: cfg.levels };
  }

  /** The accounting at `at`; `under`: the counties still under the directive then (the others count nothing of it). */
  private async account(d: DirectiveWindow, at: Date, counties: string[]) {
    // The registry in memory (current as of its stored version): at city scale, reloading and
    // parsing every enterprise and line per request was most of the time.
    const enterprises = await this.registry.activeOf(counties);
    const cfg = this.reductionConfig(at);
    const takeovers = directiveInForce(d, at) ? await this.readModel.takeovers({ ...d, counties }, at) : null;
    const under = takeovers === null ? [] : counties.filter((c) => !takeovers.has(c));
    const levels = new Map<string, LevelOrNone>(counties.map((c) => [c, 'none']));
    const isUnder = new Set(under);
    let items: StagedItem[] = enterprises.filter((e) => !isUnder.has(e.county)).map((e) => ({ enterprise: e, order: noOrder(e, at.toISOString()), stages: NO_STAGES }));
    if (under.length > 0) {
      const histories = await this.readModel.levelHistories(under);
      for (const c of under) {
        const h = histories.get(c);
        if (h) levels.set(c, levelAt(h, at));
      }
      const windowDays = this.config.inspection.powerAnomaly.baseline.windowDays;
      const { versions, readings } = await this.readModel.evidence(at, under, windowDays);
      items = [
        ...items,
        ...this.staged(
          enterprises.filter((e) => isUnder.has(e.county)),
          versions,
          readings,
          at,
        ),
      ];
    }
    const report = accountStages(
      items,
      counties.map((county) => ({ county, level: levels.get(county) ?? 'none' })),
      cfg,
    );
    return { report, under };
  }

  private staged(enterprises: Enterprise[], versions: VersionEvidence[], readings: ReadingRow[], at: Date): StagedItem[] {
    const byEnterprise = new Map(versions.map((v) => [v.enterpriseCode, v]));
    // Readings per enterprise, then per line (no string key per line of every enterprise).
    const readingsOf = new Map<string, Map<string, PowerReading[]>>();
    for (const r of readings) {
      let lines = readingsOf.get(r.enterpriseCode);
      if (!lines) readingsOf.set(r.enterpriseCode, (lines = new Map()));
      let list = lines.get(r.lineCode);
      if (!list) lines.set(r.lineCode, (list = []));
      list.push({ at: r.atMs, kw: r.kw });
    }
    const stageCfg = { powerAnomaly: this.config.inspection.powerAnomaly };
    const atIso = at.toISOString();
    return enterprises.map((e) => {
      const v = byEnterprise.get(e.code);
      if (!v || v.ends) return { enterprise: e, order: noOrder(e, atIso), stages: NO_STAGES };
      const order: Order = {
        enterpriseCode: e.code,
        at: atIso,
        level: v.level as LevelOrNone,
        phase: null,
        lines: v.lines,
        stoppedCapacityPercent: v.stoppedCapacityPercent,
        maxLoadPercent: v.maxLoadPercent,
        notes: [],
      };
      // Only the lines beyond planned are named (absent: planned), so most enterprises share one empty map.
      let stages: Map<string, LineStage> | null = null;
      let violated: Set<string> | null = null;
      const versionFrom = v.effectiveFromMs;
      const lineReadings = readingsOf.get(e.code);
      const reportedAt = v.report ? Date.parse(v.report.reportedAt) : 0;
      // Nothing said, found or metered yet (most versions just after issue): one evidence for all its lines.
      const bare: LineEvidence | null =
        v.report === null && v.findings.length === 0 && lineReadings === undefined && isEmpty(v.implementation) ? { versionFrom, statements: [], finding: null, readings: NO_READINGS } : null;
      for (let i = 0; i < e.lines.length; i++) {
        const line = e.lines[i]!;
        const req = orderLineOf(order, i, line.code);
        if (!req) continue;
        const evidence = bare ?? lineEvidence(v, line.code, versionFrom, reportedAt, lineReadings);
        const result = lineStage(req, remainingShare(line, req), evidence, stageCfg);
        if (result.stage !== 'planned') (stages ??= new Map()).set(line.code, result.stage);
        if (result.violated) (violated ??= new Set()).add(line.code);
      }
      return { enterprise: e, order, stages: stages ?? NO_STAGES, violated: violated ?? NO_VIOLATIONS };
    });
  }
}

/** What is known about one line of the version by the instant: the enterprise's statements, the latest finding, the meter. */
function lineEvidence(v: VersionEvidence, lineCode: string, versionFrom: number, reportedAt: number, readings: Map<string, PowerReading[]> | undefined): LineEvidence {
  const statements: LineStatement[] = [];
  const impl = v.implementation[lineCode];
  if (impl) statements.push({ at: Date.parse(impl.confirmedAt), kind: 'implementation' });
  const reported = v.report?.lines.find((l) => l.line === lineCode);
  if (v.report && reported && STATES.has(reported.state)) {
    statements.push({ at: reportedAt, kind: 'status_report', state: reported.state as LineStatement['state'], loadPercent: reported.loadPercent });
  }
  const f = v.findings.find((x) => x.lineCode === lineCode);
  return {
    versionFrom,
    statements,
    finding: f ? { at: Date.parse(f.observedAt), verdict: f.verdict === 'violation' ? 'violation' : 'compliant' } : null,
    readings: readings?.get(lineCode) ?? NO_READINGS,
  };
}

const NO_READINGS: readonly PowerReading[] = Object.freeze([]);
const isEmpty = (o: object): boolean => {
  for (const _ in o) return false;
  return true;
};
const NO_STAGES: ReadonlyMap<string, LineStage> = new Map();
const NO_VIOLATIONS: ReadonlySet<string> = new Set();

function noOrder(e: Enterprise, at: string): Order {
  return { enterpriseCode: e.code, at, level: 'none', phase: null, lines: [], stoppedCapacityPercent: 0, maxLoadPercent: null, notes: [] };
}

function view(s: ScopeStages): ScopeStagesView {
  return { ...s.planned, stages: s.stages, lines: s.lines };
}
