// Reduction accounting (RULES.md §5): per enterprise, county and city, the baseline emissions
// of the enterprises in scope and what the orders remove, per pollutant, beside the level's
// target. Pure: the caller passes the enterprises with the orders derived for them.
import { POLLUTANTS, type Enterprise, type Pollutant } from '../enterprise.js';
import type { LevelDefinition, LevelOrNone } from '../levels/level-ladder.js';
import type { Order, OrderLine } from '../orders/order.types.js';
import type { RulesConfig } from '../rules-config.js';
import { orderLineOf, removedShare } from './line-reduction.js';
import type { EnterpriseReduction, PollutantReduction, PollutantShortfall, PollutantTonnes, ReductionReport, ScopeReduction, UnknownLine } from './reduction.types.js';
import { enterprisePotential, type EnterprisePotential } from './shortfall-candidates.js';

export interface ReductionItem {
  enterprise: Enterprise;
  order: Order;
}

export interface ReductionInput<I extends ReductionItem = ReductionItem> {
  /** The enterprises in scope, each with its order: one combined requirement per line. */
  items: ReadonlyArray<I>;
  /** The counties in scope, in display order, with the level each is at. */
  counties: ReadonlyArray<{ county: string; level: LevelOrNone }>;
  /** List the enterprises that could still add the most where a pollutant falls short (default true). */
  candidates?: boolean;
}

export interface ReductionConfig {
  rules: Pick<RulesConfig, 'emissionTargets' | 'emissions'>;
  /** The city's ladder, mildest first. */
  levels: readonly LevelDefinition[];
}

/**
 * Which order lines a partial accounting keeps; the others count as released (removing
 * nothing), as if the order said `run` for them.
 */
export type LineKept<I extends ReductionItem> = (item: I, line: OrderLine) => boolean;

/** A partial accounting's scopes: the same baselines and targets, the reduction of the kept lines only. */
export interface PartialReduction {
  counties: ScopeReduction[];
  city: ScopeReduction;
}

// Presentation precision of the answer (sums and comparisons use the unrounded values).
const TONNE_DECIMALS = 10_000;
const PERCENT_DECIMALS = 100;
const roundTo = (x: number, f: number): number => Math.round(x * f) / f;
const zero = (): PollutantTonnes => ({ so2: 0, nox: 0, pm: 0, vocs: 0 });
// Relative slack so that a reduction equal to the target in exact arithmetic is not short.
const SLACK = 1e-9;

/**
 * One enterprise's baseline and reduction; `partial[k]` (zeroed by the caller) receives the
 * reduction of the lines `keep[k]` keeps. A released line would add share 0 × t = +0, so
 * skipping it gives the very same sums, in the same order, as accounting a released order.
 */
function enterpriseReduction<I extends ReductionItem>(
  item: I,
  tonnesPerKgHour: number,
  unknown: UnknownLine[],
  keep: ReadonlyArray<LineKept<I>>,
  partial: PollutantTonnes[],
  kept: boolean[],
): EnterpriseReduction {
  const { enterprise: e, order } = item;
  const baseline = zero();
  const reduction = zero();
  const unknownLines: string[] = [];
  const lines = e.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const em = line.emissions;
    if (em === null || em === undefined) {
      unknownLines.push(line.code);
      unknown.push({ enterpriseCode: e.code, enterpriseName: e.name, county: e.county, lineCode: line.code, lineName: line.name });
      continue;
    }
    const req = orderLineOf(order, i, line.code);
    const share = removedShare(line, req);
    for (let k = 0; k < keep.length; k++) kept[k] = req !== undefined && keep[k]!(item, req);
    for (const p of POLLUTANTS) {
      const t = em.kgPerHour[p] * tonnesPerKgHour;
      baseline[p] += t;
      const removed = share * t;
      reduction[p] += removed;
      for (let k = 0; k < keep.length; k++) if (kept[k]) partial[k]![p] += removed;
    }
  }
  return { enterpriseCode: e.code, county: e.county, baseline, reduction, unknownLines };
}

interface Scope {
  county: string | null;
  level: LevelOrNone | null;
  /** Per pollutant, tonnes the targets ask for (Σ target × baseline of each county). */
  required: PollutantTonnes;
  baseline: PollutantTonnes;
  reduction: PollutantTonnes;
  /** Per partial accounting, the reduction of its kept lines. */
  partial: PollutantTonnes[];
  enterprises: number;
  unknownLines: number;
  items: ReductionItem[];
}

function emptyScope(county: string | null, level: LevelOrNone | null, partials: number): Scope {
  return { county, level, required: zero(), baseline: zero(), reduction: zero(), partial: Array.from({ length: partials }, zero), enterprises: 0, unknownLines: 0, items: [] };
}

/** Most first (ties by enterprise code), at most `n`: a bounded insertion, not a full sort. */
function topByAdd(items: Scope['items'], potentialOf: (item: Scope['items'][number]) => EnterprisePotential | null, p: Pollutant, n: number): EnterprisePotential[] {
  const top: EnterprisePotential[] = [];
  const before = (a: EnterprisePotential, b: EnterprisePotential): boolean => a.add[p] > b.add[p] || (a.add[p] === b.add[p] && a.enterprise.code < b.enterprise.code);
  if (n <= 0) return top;
  for (const item of items) {
    const x = potentialOf(item);
    if (x === null || !(x.add[p] > 0)) continue;
    if (top.length === n && !before(x, top[n - 1]!)) continue;
    let j = top.length === n ? n - 1 : top.length;
    while (j > 0 && before(x, top[j - 1]!)) {
      top[j] = top[j - 1]!;
      j--;
    }
    top[j] = x;
  }
  return top;
}

/** `target`: the scope's own target when one level holds throughout (used when the baseline is 0). */
function finish(s: Scope, hasTarget: boolean, target: number | undefined, listed: number, potentialOf: (item: Scope['items'][number]) => EnterprisePotential | null): ScopeReduction {
  const emissions: PollutantReduction[] = [];
  const shortfalls: PollutantShortfall[] = [];
  for (const p of POLLUTANTS) {
    const base = s.baseline[p];
    const red = Math.min(s.reduction[p], base);
    const missing = hasTarget ? s.required[p] - red : 0;
    const short = hasTarget && missing > SLACK * Math.max(1, s.required[p]);
    emissions.push({
      pollutant: p,
      baselineTonnesPerDay: roundTo(base, TONNE_DECIMALS),
      reductionTonnesPerDay: roundTo(red, TONNE_DECIMALS),
      percent: base > 0 ? roundTo((red / base) * 100, PERCENT_DECIMALS) : null,
      targetPercent: !hasTarget ? null : base > 0 ? roundTo((s.required[p] / base) * 100, PERCENT_DECIMALS) : (target ?? null),
      shortfall: short,
      shortfallTonnesPerDay: short ? roundTo(missing, TONNE_DECIMALS) : 0,
    });
    if (!short) continue;
    const ranked = topByAdd(s.items, potentialOf, p, listed);
    shortfalls.push({
      pollutant: p,
      candidates: ranked.map((x) => ({
        enterpriseCode: x.enterprise.code,
        enterpriseName: x.enterprise.name,
        county: x.enterprise.county,
        addTonnesPerDay: roundTo(x.add[p], TONNE_DECIMALS),
        actions: x.actions,
      })),
    });
  }
  return { county: s.county, level: s.level, enterprises: s.enterprises, emissions, shortfalls, unknownLines: s.unknownLines };
}

/**
 * Counts what the orders remove: a stopped line all of its emissions, a line capped at L %
 * (100 − L) %, k of n cells stopped k/n (and the cap on the rest). Each line is counted
 * once, from its order line — the one requirement that already combines the season phase,
 * every level's measures and any livelihood or approval cap, the most restrictive of them.
 * Lines without emission figures are listed as unknown, never guessed.
 */
export function accountReductions(input: ReductionInput, cfg: ReductionConfig): ReductionReport {
  return accountReductionsKeeping(input, cfg, []).report;
}

/**
 * The accounting, and in the same pass one partial accounting per `keep`: the same orders
 * with only the lines it keeps (the rest released), without shortfall candidates — what
 * `accountReductions` answers for those released orders, to the last bit.
 */
export function accountReductionsKeeping<I extends ReductionItem>(
  input: ReductionInput<I>,
  cfg: ReductionConfig,
  keep: ReadonlyArray<LineKept<I>>,
): { report: ReductionReport; partial: PartialReduction[] } {
  const { hoursPerDay } = cfg.rules.emissions;
  const shortfallCandidates = input.candidates === false ? 0 : cfg.rules.emissions.shortfallCandidates;
  const tonnesPerKgHour = hoursPerDay / 1000;
  const targets = cfg.rules.emissionTargets;
  const targetOf = (level: LevelOrNone | null): number | undefined => (level === null || level === 'none' ? undefined : targets[level]);
  const k = keep.length;
  const scopes = new Map<string, Scope>(input.counties.map((c) => [c.county, emptyScope(c.county, c.level, k)]));
  const unknown: UnknownLine[] = [];
  const enterprises: EnterpriseReduction[] = [];
  // What each enterprise could still add: computed only where a pollutant falls short, once.
  const potentials = new Map<Enterprise, EnterprisePotential | null>();
  const potentialOf = ({ enterprise, order }: ReductionItem): EnterprisePotential | null => {
    let x = potentials.get(enterprise);
    if (x === undefined) potentials.set(enterprise, (x = enterprisePotential(enterprise, order, cfg.levels, tonnesPerKgHour)));
    return x;
  };
  // One enterprise's partial reductions, reused from one enterprise to the next.
  const partial = Array.from({ length: k }, zero);
  const kept: boolean[] = keep.map(() => false);
  for (const item of input.items) {
    const { enterprise, order } = item;
    let s = scopes.get(enterprise.county);
    if (s === undefined) scopes.set(enterprise.county, (s = emptyScope(enterprise.county, order.level, k)));
    for (const x of partial) for (const p of POLLUTANTS) x[p] = 0;
    const r = enterpriseReduction(item, tonnesPerKgHour, unknown, keep, partial, kept);
    enterprises.push(r);
    s.enterprises++;
    s.unknownLines += r.unknownLines.length;
    for (const p of POLLUTANTS) {
      s.baseline[p] += r.baseline[p];
      s.reduction[p] += r.reduction[p];
      for (let j = 0; j < k; j++) s.partial[j]![p] += partial[j]![p];
    }
    s.items.push(item);
  }
  const city = emptyScope(null, null, k);
  const levels = new Set([...scopes.values()].map((s) => s.level));
  city.level = levels.size === 1 ? [...levels][0]! : null;
  let cityHasTarget = false;
  const counties: ScopeReduction[] = [];
  const partialCounties: ScopeReduction[][] = keep.map(() => []);
  for (const s of scopes.values()) {
    const target = targetOf(s.level);
    for (const p of POLLUTANTS) {
      if (target !== undefined) s.required[p] = (target / 100) * s.baseline[p];
      city.required[p] += s.required[p];
      city.baseline[p] += s.baseline[p];
      city.reduction[p] += s.reduction[p];
      for (let j = 0; j < k; j++) city.partial[j]![p] += s.partial[j]![p];
    }
    if (target !== undefined) cityHasTarget = true;
    city.enterprises += s.enterprises;
    city.unknownLines += s.unknownLines;
    for (const item of s.items) city.items.push(item);
    counties.push(finish(s, target !== undefined, target, shortfallCandidates, potentialOf));
    for (let j = 0; j < k; j++) partialCounties[j]!.push(finish({ ...s, reduction: s.partial[j]! }, target !== undefined, target, 0, potentialOf));
  }
  const cityTarget = targetOf(city.level);
  return {
    report: { enterprises, counties, city: finish(city, cityHasTarget, cityTarget, shortfallCandidates, potentialOf), unknownLines: unknown },
    partial: partialCounties.map((c, j) => ({ counties: c, city: finish({ ...city, reduction: city.partial[j]! }, cityHasTarget, cityTarget, 0, potentialOf) })),
  };
}
