// What the rules read from rules.yaml: level recommendation and lift thresholds, episodes,
// reporting and order derivation settings. config/rules-config.ts parses the file into it.
import type { EmissionsConfig } from './emissions/emissions-config.js';
import type { LevelKey } from './levels/level-ladder.js';
import type { RegistryQualityConfig } from './registry-quality/registry-quality-config.js';

export interface AqiCondition {
  /** Window mean must be > threshold (`above`) or >= threshold (`atLeast`). */
  comparison: 'above' | 'atLeast';
  threshold: number;
  hours: number;
}

export interface RulesConfig {
  recommendation: {
    windowHours: number;
    /** Per level: alternatives, each a list of conditions that must all hold. */
    levels: Partial<Record<LevelKey, AqiCondition[][]>>;
  };
  lift: { belowHours: number; thresholds: Partial<Record<LevelKey, number>> };
  episodes: { mergeGapHours: number; selfExpiringLevels: LevelKey[] };
  livelihood: { takesWarningMeasures: boolean };
  emissionTargets: Partial<Record<LevelKey, number>>;
  emissions: EmissionsConfig;
  /** The 清单 quality report (`GET /api/v1/registry/quality`). */
  registryQuality: RegistryQualityConfig;
  reporting: { dailyReportDeadlines: string[]; summaryDaysAfterLift: number };
  orders: { exactSearchMaxLines: number; levelMeasureClause: string };
  /** The season simulator (`POST /api/v1/simulations/season`). */
  simulation: {
    /** Days of AQI ahead the replay treats as the forecast a duty officer had each morning (a perfect forecast). */
    forecastDays: number;
    /** At most this many days (first to last date) in one simulation. */
    maxDays: number;
  };
}
