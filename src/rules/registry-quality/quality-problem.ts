// The problems the 清单 quality report finds: codes and parameters only; the words are the
// reader's (src/web/shared/wording.ts).
import type { Pollutant } from '../enterprise.js';
import type { LevelKey } from '../levels/level-ladder.js';

/** Kinds of problem, in the order the report lists them within an enterprise. */
export const QUALITY_KINDS = ['measures_missing', 'target_not_met', 'line_emissions_missing', 'line_emissions_outdated', 'grade_missing', 'grade_undated', 'grade_expired'] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

/** One pollutant a level's measures cut by less than the level's target. */
export interface PollutantGap {
  pollutant: Pollutant;
  /** What the measures remove from the enterprise's own emissions, % (2 decimals). */
  percent: number;
  targetPercent: number;
}

export interface QualityProblem {
  kind: QualityKind;
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  /** The line concerned (emission-figure problems); null otherwise. */
  lineCode: string | null;
  lineName: string | null;
  /** The level concerned (measure problems); null otherwise. */
  level: LevelKey | null;
  /** target_not_met: the pollutants short of the target. */
  gaps: PollutantGap[] | null;
  /** line_emissions_outdated: the year the figures describe. */
  year: number | null;
  /** line_emissions_outdated: the oldest year still accepted. */
  oldestYear: number | null;
  /** grade_expired: the grading date and the last day it was current. */
  gradedOn: string | null;
  validUntil: string | null;
}
