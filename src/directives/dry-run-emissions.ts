import type { Enterprise } from '../rules/enterprise.js';
import { accountReductions, type ReductionConfig } from '../rules/emissions/reduction-accounting.js';
import type { ScopeReduction, UnknownLine } from '../rules/emissions/reduction.types.js';
import type { LevelOrNone } from '../rules/levels/level-ladder.js';
import type { Order } from '../rules/orders/order.types.js';

/** What a dry run shows of the emissions: per county and for the city, beside the level's target. */
export interface DryRunReduction {
  /** Operating hours per day behind every t/day figure (rules.yaml `emissions.hoursPerDay`). */
  hoursPerDay: number;
  counties: ScopeReduction[];
  city: ScopeReduction;
  /** Lines without emission figures: all counted, the first `emissions.listedUnknownLines` named. */
  unknownLines: { total: number; items: UnknownLine[] };
}

/** The reduction the derived orders achieve in the counties in scope (each at its level after the directive). */
export function dryRunReduction(
  items: ReadonlyArray<{ enterprise: Enterprise; order: Order }>,
  counties: readonly string[],
  levelOf: ReadonlyMap<string, LevelOrNone>,
  cfg: ReductionConfig,
): DryRunReduction {
  const report = accountReductions({ items, counties: counties.map((county) => ({ county, level: levelOf.get(county) ?? 'none' })) }, cfg);
  const { hoursPerDay, listedUnknownLines } = cfg.rules.emissions;
  return {
    hoursPerDay,
    counties: report.counties,
    city: report.city,
    unknownLines: { total: report.unknownLines.length, items: report.unknownLines.slice(0, listedUnknownLines) },
  };
}
