import type { Pollutant } from '../enterprise.js';
import type { LevelKey, LevelOrNone } from '../levels/level-ladder.js';

export type PollutantTonnes = Record<Pollutant, number>;

/** One pollutant of a scope (a county or the city): baseline, what the orders remove, the target. */
export interface PollutantReduction {
  pollutant: Pollutant;
  /** Emissions of the enterprises in scope at normal load (lines with figures only), t/day. */
  baselineTonnesPerDay: number;
  /** What the orders remove from it, t/day. */
  reductionTonnesPerDay: number;
  /** Reduction / baseline × 100; null when the baseline is 0. */
  percent: number | null;
  /** The level's target (`emissionTargets`); null when the level has none. */
  targetPercent: number | null;
  /** The target is not reached. */
  shortfall: boolean;
  /** What is still missing to reach the target, t/day (0 when reached or no target). */
  shortfallTonnesPerDay: number;
}

/** A line the accounting could not count: no emission figures are recorded. */
export interface UnknownLine {
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  lineCode: string;
  lineName: string;
}

/** One step an enterprise could still take: a higher level's listed measure, or stopping a limited line. */
export interface ShortfallAction {
  lineCode: string;
  action: 'stop' | 'limit';
  maxLoadPercent: number | null;
  /** The level whose listed measure this is; null for stopping a line the order only limits. */
  level: LevelKey | null;
}

export interface ShortfallCandidate {
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  /** What its actions would add to the reduction of the pollutant, t/day. */
  addTonnesPerDay: number;
  actions: ShortfallAction[];
}

export interface PollutantShortfall {
  pollutant: Pollutant;
  /** Ranked, most first; at most `emissions.shortfallCandidates`. */
  candidates: ShortfallCandidate[];
}

export interface ScopeReduction {
  /** The county; null for the city (every county in scope). */
  county: string | null;
  /** The county's level; for the city the common level, or null when the counties differ. */
  level: LevelOrNone | null;
  enterprises: number;
  emissions: PollutantReduction[];
  /** Pollutants short of their target, with the enterprises that could still add the most. */
  shortfalls: PollutantShortfall[];
  /** Lines in scope without emission figures (not counted in the baseline). */
  unknownLines: number;
}

export interface EnterpriseReduction {
  enterpriseCode: string;
  county: string;
  baseline: PollutantTonnes;
  reduction: PollutantTonnes;
  /** Codes of its lines without emission figures. */
  unknownLines: string[];
}

export interface ReductionReport {
  enterprises: EnterpriseReduction[];
  counties: ScopeReduction[];
  city: ScopeReduction;
  unknownLines: UnknownLine[];
}
