// How far the evidence carries one line's ordered reduction (issue 12, item 4): planned by
// the order, confirmed by the enterprise, verified on site or by the meter. Pure.
import type { InspectionConfig } from '../inspection/inspection-config.js';
import { baselineFor, type PowerReading } from '../inspection/power-anomaly.js';
import type { LineRequirement } from './line-reduction.js';

/** planned ⊇ confirmed ⊇ verified: a verified line counts as confirmed too. */
export type LineStage = 'planned' | 'confirmed' | 'verified';

/** What the enterprise said about the line, latest first wins. */
export interface LineStatement {
  /** Epoch milliseconds of the statement (confirmation or report filed). */
  at: number;
  kind: 'implementation' | 'status_report';
  /** Status reports: the reported state and load; implementation confirmations say "done". */
  state?: 'running' | 'stopped' | 'limited' | 'banked';
  loadPercent?: number | null;
}

/** The latest inspection finding on the line under the version (verdict judged against it). */
export interface LineFinding {
  at: number;
  verdict: 'violation' | 'compliant';
}

/** Everything known about one line by the accounting instant, under the version in force. */
export interface LineEvidence {
  /** The version's start (epoch ms): readings before it form the meter baseline, after it show the drop. */
  versionFrom: number;
  /** The enterprise's statements (implementation confirmations and status-report lines) by then. */
  statements: readonly LineStatement[];
  /** The latest finding, or null. */
  finding: LineFinding | null;
  /** The line's meter readings from `windowDays` before the version's start up to the instant. */
  readings: readonly PowerReading[];
}

export type StageConfig = Pick<InspectionConfig, 'powerAnomaly'>;

export interface LineStageResult {
  stage: LineStage;
  /** The latest finding is a violation: nothing beyond the plan is counted. */
  violated: boolean;
  /** What raised it beyond planned: the evidence kind, for the reader. */
  by: 'implementation' | 'status_report' | 'finding' | 'power' | null;
}

/** Whether a status-report line state is consistent with the requirement. */
export function reportMatches(req: LineRequirement, state: LineStatement['state'], loadPercent: number | null | undefined): boolean {
  if (req.action === 'run') return false;
  if (state === 'stopped' || state === 'banked') return true;
  if (req.action === 'stop') return false;
  // A limit: a cell-counted partial stop is reported "limited"; a load cap needs the load within it.
  if (req.maxLoadPercent === null) return state === 'limited';
  return (state === 'limited' || state === 'running') && loadPercent !== null && loadPercent !== undefined && loadPercent <= req.maxLoadPercent;
}

/**
 * The meter shows the drop: the latest reading since the version's start draws at most
 * (remaining share + `thresholdShare`) of the line's normal power (the median before the
 * start, as the anomaly test takes it). No baseline, no judgement.
 */
export function powerShowsDrop(evidence: Pick<LineEvidence, 'versionFrom' | 'readings'>, remaining: number, cfg: StageConfig): boolean {
  const baseline = baselineFor(evidence.readings, evidence.versionFrom, cfg);
  if (baseline === null || baseline <= 0) return false;
  let latest: PowerReading | null = null;
  for (const r of evidence.readings) if (r.at >= evidence.versionFrom && (latest === null || r.at > latest.at)) latest = r;
  if (latest === null) return false;
  return latest.kw <= baseline * Math.min(1, remaining + cfg.powerAnomaly.thresholdShare);
}

/**
 * A line's stage. The latest finding decides first: a violation keeps it at planned (and
 * marks it violated), a compliant finding verifies it. Otherwise the meter can verify it.
 * Otherwise the enterprise's latest statement confirms it when it is an implementation
 * confirmation or a status report consistent with the requirement. A line whose
 * requirement removes nothing (`remaining` 1) stays planned.
 */
export function lineStage(req: LineRequirement | undefined, remaining: number, evidence: LineEvidence, cfg: StageConfig): Readonly<LineStageResult> {
  if (req === undefined || req.action === 'run' || remaining >= 1) return PLANNED;
  if (evidence.finding?.verdict === 'violation') return VIOLATED;
  if (evidence.finding?.verdict === 'compliant') return BY_FINDING;
  if (powerShowsDrop(evidence, remaining, cfg)) return BY_POWER;
  let latest: LineStatement | null = null;
  for (const s of evidence.statements) if (latest === null || s.at > latest.at || (s.at === latest.at && s.kind === 'status_report')) latest = s;
  if (latest === null) return PLANNED;
  if (latest.kind === 'implementation') return BY_IMPLEMENTATION;
  return reportMatches(req, latest.state, latest.loadPercent) ? BY_STATUS_REPORT : PLANNED;
}

// The few possible answers, shared (one per line of every enterprise at city scale otherwise).
const PLANNED: Readonly<LineStageResult> = Object.freeze({ stage: 'planned', violated: false, by: null });
const VIOLATED: Readonly<LineStageResult> = Object.freeze({ stage: 'planned', violated: true, by: null });
const BY_FINDING: Readonly<LineStageResult> = Object.freeze({ stage: 'verified', violated: false, by: 'finding' });
const BY_POWER: Readonly<LineStageResult> = Object.freeze({ stage: 'verified', violated: false, by: 'power' });
const BY_IMPLEMENTATION: Readonly<LineStageResult> = Object.freeze({ stage: 'confirmed', violated: false, by: 'implementation' });
const BY_STATUS_REPORT: Readonly<LineStageResult> = Object.freeze({ stage: 'confirmed', violated: false, by: 'status_report' });

/** Does a line at `stage` count at `wanted`? */
const RANK: Readonly<Record<LineStage, number>> = { planned: 0, confirmed: 1, verified: 2 };

export function reaches(stage: LineStage, wanted: LineStage): boolean {
  return RANK[stage] >= RANK[wanted];
}
