// What config/grading.yaml says: per performance grade (绩效分级) and response level, how the
// enterprise's listed level measures change. config/grading-config.ts parses the file into it.
import type { LevelKey } from '../levels/level-ladder.js';

/**
 * What a grade does to the level measures at one level (the listed measures of that level and
 * every milder one, RULES.md §2):
 * - `listed`: the listed measures, unchanged;
 * - `exempt`: none of the listed measures (the enterprise reports its own reductions);
 * - `cap`: a listed stop becomes a limit at `maxLoadPercent`; listed limits keep the stricter value;
 * - `full_stop`: every line stops, whatever is listed.
 * Season peak-shifting (RULES.md §1) is never changed by a grade.
 */
export type GradeTreatment = { kind: 'listed' } | { kind: 'exempt' } | { kind: 'cap'; maxLoadPercent: number } | { kind: 'full_stop' };

export interface GradeRow {
  /** Chinese name used in reasons and notes (A级企业, 保障类企业). */
  name: string;
  /** Levels not named take the listed measures. */
  levels: Partial<Record<LevelKey, GradeTreatment>>;
}

export interface GradingTable {
  /** Seed clause the reasons cite (the per-level measures, item 41). */
  clause: string;
  /** The national document the table follows, quoted in the reasons. */
  source: string;
  /** Keyed by the registry's grade value; an ungraded enterprise, or a grade not listed, takes the listed measures. */
  grades: Record<string, GradeRow>;
}
