import type { LevelDefinition } from '../levels/level-ladder.js';
import type { KeyName } from '../key-name.js';
import type { RulesConfig } from '../rules-config.js';
import type { SeasonConfig } from '../season/season-config.js';
import type { LevelOrNone } from '../levels/level-ladder.js';
import type { Reason } from '../reason.js';
import type { PhaseKey } from '../season/season-calendar.js';
import type { GradingTable } from '../grading/grading-table.js';

export type LineAction = 'stop' | 'limit' | 'run';

export interface OrderLine {
  code: string;
  action: LineAction;
  /** For `limit`: the most the line may run at, 0–100; null when no load cap applies. */
  maxLoadPercent: number | null;
  /** Cells to stop on a cell-counted line (all of them when the line stops); else null. */
  stoppedCells: number | null;
  /** A full-stop phase forbids keeping the kiln hot (禁止保温焖炉). */
  noKilnBanking: boolean;
  /** Shared, frozen reason objects: do not mutate. */
  reasons: readonly Reason[];
}

/** What a line is told to do, without why: what decides whether an order changed, and what reductions count. */
export type OrderLineRequirement = Pick<OrderLine, 'code' | 'action' | 'maxLoadPercent' | 'stoppedCells' | 'noKilnBanking'>;

export interface Order {
  enterpriseCode: string;
  at: string;
  level: LevelOrNone;
  /** The enterprise's season rule group and its phase at `at`; null if no group applies. */
  phase: { readonly group: string; readonly phase: PhaseKey } | null;
  lines: OrderLine[];
  /** Share of capacity stopped (whole lines and cells), 2 decimals. */
  stoppedCapacityPercent: number;
  /** Load cap for the whole enterprise (livelihood or provincial approval); null if none. */
  maxLoadPercent: number | null;
  /** Chinese explanations of exemptions, refusals and ignored data. */
  notes: string[];
}

/** Everything the derivation reads; compiled once per distinct (season, rules, levels). */
export interface OrderConfig {
  season: SeasonConfig;
  rules: RulesConfig;
  /** The city's ladder, mildest first (CityConfig.levels). */
  levels: readonly LevelDefinition[];
  /** For readable notes (CityConfig.livelihoodDuties); keys are shown when absent. */
  livelihoodDuties?: readonly KeyName[];
  /** What a performance grade changes in the level measures (config/grading.yaml); absent: every grade takes the listed measures. */
  grading?: GradingTable;
}
