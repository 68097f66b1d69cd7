// The 清单 quality report (issue 12, item 5): per enterprise, what the registry lacks for the
// emergency reduction list to work — measures per warning level, measures that reach the
// level's target for the enterprise itself, emission figures per line, a current grade.
// Pure: the caller passes the enterprises, the configuration and the time.
import { POLLUTANTS, type Enterprise, type ProductionLine } from '../enterprise.js';
import { removedShare, orderLineOf } from '../emissions/line-reduction.js';
import type { LevelDefinition } from '../levels/level-ladder.js';
import { deriveOrder } from '../orders/order-derivation.js';
import type { OrderConfig } from '../orders/order.types.js';
import type { SeasonConfig } from '../season/season-config.js';
import { isLocalDate, localDateOf, parseInstant } from '../time/local-time.js';
import type { PollutantGap, QualityKind, QualityProblem } from './quality-problem.js';
import type { RegistryQualityConfig } from './registry-quality-config.js';

export interface QualityCheckConfig {
  quality: RegistryQualityConfig;
  /** The derivation config of the season in force; only its level measures are used (no season phase). */
  orders: OrderConfig;
}

export interface QualityReport {
  /** Enterprises checked. */
  enterprises: number;
  /** Of them, air-emitting (the only ones with problems). */
  airEmitting: number;
  /** Per enterprise in input order; within one, in the order of QUALITY_KINDS, levels mildest first, lines in registry order. */
  problems: QualityProblem[];
}

// A reduction equal to the target in exact arithmetic is not short.
const SLACK = 1e-9;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Air-emitting (涉气): the registry's `airEmitting` flag, or any line with an emission figure
 * above 0, or an industry listed in `registryQuality.airEmittingIndustries`.
 */
export function isAirEmitting(e: Enterprise, q: RegistryQualityConfig): boolean {
  if (e.airEmitting || q.airEmittingIndustries.includes(e.industry)) return true;
  return e.lines.some((l) => l.emissions != null && POLLUTANTS.some((p) => l.emissions!.kgPerHour[p] > 0));
}

/** The last local date a grading of `gradedOn` is current: the day before `gradedOn` + `months`. */
export function gradeValidUntil(gradedOn: string, months: number): string {
  const [y, m, d] = gradedOn.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(ty, tm, Math.min(d, lastDay)) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

// The season without its groups: the derivation then applies the level measures alone.
const levelOnly = new WeakMap<SeasonConfig, SeasonConfig>();
function levelOnlyConfig(cfg: OrderConfig): OrderConfig {
  let season = levelOnly.get(cfg.season);
  if (!season) levelOnly.set(cfg.season, (season = { ...cfg.season, groups: [] }));
  return { ...cfg, season };
}

function blank(e: Enterprise, kind: QualityKind): QualityProblem {
  return {
    kind,
    enterpriseCode: e.code,
    enterpriseName: e.name,
    county: e.county,
    lineCode: null,
    lineName: null,
    level: null,
    gaps: null,
    year: null,
    oldestYear: null,
    gradedOn: null,
    validUntil: null,
  };
}

function lineProblem(e: Enterprise, kind: QualityKind, l: ProductionLine): QualityProblem {
  return { ...blank(e, kind), lineCode: l.code, lineName: l.name };
}

/** Per pollutant with a baseline, what the derived order at the level removes from the enterprise's own emissions. */
function targetGaps(e: Enterprise, level: LevelDefinition, target: number, cfg: OrderConfig, at: string): PollutantGap[] {
  const order = deriveOrder(e, at, level.key, cfg);
  const gaps: PollutantGap[] = [];
  for (const p of POLLUTANTS) {
    let base = 0;
    let removed = 0;
    e.lines.forEach((l, i) => {
      const kg = l.emissions?.kgPerHour[p];
      if (kg === undefined) return;
      base += kg;
      removed += removedShare(l, orderLineOf(order, i, l.code)) * kg;
    });
    if (!(base > 0)) continue;
    const percent = (removed / base) * 100;
    if (percent < target - SLACK * Math.max(1, target)) gaps.push({ pollutant: p, percent: round2(percent), targetPercent: target });
  }
  return gaps;
}

function levelProblems(e: Enterprise, cfg: QualityCheckConfig, derivation: OrderConfig, at: string, out: QualityProblem[]): void {
  const { rules, season, grading } = cfg.orders;
  const lh = e.livelihood;
  // A livelihood duty filed in time exempts from the warning levels' measures (rules.yaml `livelihood`).
  const livelihoodExempt = lh !== null && isLocalDate(lh.filedOn) && lh.filedOn <= season.livelihoodFilingDeadline && !rules.livelihood.takesWarningMeasures;
  if (livelihoodExempt) return;
  const grade = e.grade === null ? undefined : grading?.grades[e.grade];
  const missing: QualityProblem[] = [];
  const short: QualityProblem[] = [];
  for (const level of cfg.orders.levels) {
    if (level.kind !== 'warning') continue;
    const treatment = grade?.levels[level.key]?.kind ?? 'listed';
    // The grading table exempts the level, or stops every line whatever is listed.
    if (treatment === 'exempt' || treatment === 'full_stop') continue;
    if ((e.measures[level.key] ?? []).length === 0) {
      missing.push({ ...blank(e, 'measures_missing'), level: level.key });
      continue;
    }
    const target = rules.emissionTargets[level.key];
    if (!cfg.quality.checkEnterpriseTargets || target === undefined || !(target > 0)) continue;
    const gaps = targetGaps(e, level, target, derivation, at);
    if (gaps.length > 0) short.push({ ...blank(e, 'target_not_met'), level: level.key, gaps });
  }
  out.push(...missing, ...short);
}

function lineProblems(e: Enterprise, q: RegistryQualityConfig, currentYear: number, out: QualityProblem[]): void {
  const oldestYear = currentYear - q.emissionFiguresMaxAgeYears;
  const missing: QualityProblem[] = [];
  const outdated: QualityProblem[] = [];
  for (const l of e.lines) {
    const em = l.emissions;
    if (em == null) missing.push(lineProblem(e, 'line_emissions_missing', l));
    else if (em.year < oldestYear) outdated.push({ ...lineProblem(e, 'line_emissions_outdated', l), year: em.year, oldestYear });
  }
  out.push(...missing, ...outdated);
}

function gradeProblems(e: Enterprise, q: RegistryQualityConfig, today: string, out: QualityProblem[]): void {
  if (e.grade === null) return void out.push(blank(e, 'grade_missing'));
  if (e.gradedOn === null || !isLocalDate(e.gradedOn)) return void out.push(blank(e, 'grade_undated'));
  const validUntil = gradeValidUntil(e.gradedOn, q.gradeValidityMonths);
  if (today > validUntil) out.push({ ...blank(e, 'grade_expired'), gradedOn: e.gradedOn, validUntil });
}

/**
 * Checks every enterprise given (the caller passes the active ones in scope). Enterprises that
 * are not air-emitting have no problems. A level exempted by a timely livelihood filing or by
 * the grading table, or turned into a full stop by it, needs no listed measures; a level with
 * no listed measures is reported as missing, not also as short of its target. The target is
 * checked on the order the derivation makes at that level from the level measures alone
 * (every milder level's too, the grade applied), counted like the dry run: lines without
 * figures are left out of the enterprise's baseline (and reported themselves).
 */
export function checkRegistryQuality(enterprises: readonly Enterprise[], cfg: QualityCheckConfig, now: string): QualityReport {
  const ms = parseInstant(now);
  if (Number.isNaN(ms)) throw new RangeError(`checkRegistryQuality: "now" must be an ISO instant (got ${JSON.stringify(now)})`);
  const today = localDateOf(ms, cfg.orders.season.timezone);
  const currentYear = Number(today.slice(0, 4));
  const derivation = levelOnlyConfig(cfg.orders);
  const problems: QualityProblem[] = [];
  let airEmitting = 0;
  for (const e of enterprises) {
    if (!isAirEmitting(e, cfg.quality)) continue;
    airEmitting++;
    levelProblems(e, cfg, derivation, now, problems);
    lineProblems(e, cfg.quality, currentYear, problems);
    gradeProblems(e, cfg.quality, today, problems);
  }
  return { enterprises: enterprises.length, airEmitting, problems };
}
