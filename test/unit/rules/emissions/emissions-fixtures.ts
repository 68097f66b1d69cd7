import type { Enterprise, LineEmissions, ProductionLine } from '../../../../src/rules/enterprise.js';
import { accountReductions } from '../../../../src/rules/emissions/reduction-accounting.js';
import type { LevelOrNone } from '../../../../src/rules/levels/level-ladder.js';
import { deriveOrder } from '../../../../src/rules/orders/order-derivation.js';
import { cfg, line, rules } from '../rules-fixtures.js';

/** Tonnes per day of a kg/h figure, from the configured operating hours. */
export const perDay = (kgPerHour: number): number => (kgPerHour * rules.emissions.hoursPerDay) / 1000;

export function emits(so2: number, nox = 0, pm = 0, vocs = 0): LineEmissions {
  return { kgPerHour: { so2, nox, pm, vocs }, source: 'permit', year: 2025 };
}

export function lineWith(code: string, capacity: number, emissions: LineEmissions | null, cells: number | null = null): ProductionLine {
  return { ...line(code, capacity, cells), emissions };
}

/** Derives each enterprise's order at `at` and the county's level, then accounts. */
export function account(enterprises: Enterprise[], at: string, levelOf: (county: string) => LevelOrNone) {
  const counties = [...new Set(enterprises.map((e) => e.county))].map((county) => ({ county, level: levelOf(county) }));
  const items = enterprises.map((e) => ({ enterprise: e, order: deriveOrder(e, at, levelOf(e.county), cfg) }));
  return { items, report: accountReductions({ items, counties }, cfg) };
}
