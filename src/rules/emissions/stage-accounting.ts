// Planned, confirmed and verified reductions (issue 12, item 4): the one reduction
// accounting (reduction-accounting.ts) over the orders as planned and, in the same pass,
// over the same orders with only the confirmed, then only the verified lines kept. Pure.
import { POLLUTANTS, type Enterprise, type Pollutant } from '../enterprise.js';
import type { Order, OrderLine } from '../orders/order.types.js';
import { reaches, type LineStage } from './line-stages.js';
import { accountReductionsKeeping, type LineKept, type ReductionConfig, type ReductionInput } from './reduction-accounting.js';
import type { ReductionReport, ScopeReduction } from './reduction.types.js';

export interface StagedItem {
  enterprise: Enterprise;
  order: Order;
  /** Stage per line code of the order; a line not named is planned only. */
  stages: ReadonlyMap<string, LineStage>;
  /** Line codes whose latest finding is a violation. */
  violated?: ReadonlySet<string>;
}

export interface StageFigure {
  tonnesPerDay: number;
  kgPerHour: number;
  /** Of the baseline; null when the baseline is 0. */
  percent: number | null;
  /** Short of the target at this stage. */
  shortfall: boolean;
}

export interface PollutantStages {
  pollutant: Pollutant;
  baselineTonnesPerDay: number;
  baselineKgPerHour: number;
  targetPercent: number | null;
  planned: StageFigure;
  confirmed: StageFigure;
  verified: StageFigure;
}

export interface LineCounts {
  /** Lines whose requirement removes something. */
  planned: number;
  confirmed: number;
  verified: number;
  /** Lines whose latest finding is a violation (planned only). */
  violated: number;
}

export interface ScopeStages {
  /** The planned accounting (with shortfalls and candidates), as the dry run shows it. */
  planned: ScopeReduction;
  stages: PollutantStages[];
  lines: LineCounts;
}

export interface StageReport {
  counties: ScopeStages[];
  city: ScopeStages;
  planned: ReductionReport;
}

const KG_DECIMALS = 1000;
const round = (x: number, f: number): number => Math.round(x * f) / f;

/** Keeps the lines at `wanted` or beyond; the others count as released (removing nothing). */
const keptAt =
  (wanted: LineStage): LineKept<StagedItem> =>
  (item: StagedItem, l: OrderLine): boolean =>
    reaches(item.stages.get(l.code) ?? 'planned', wanted);

function figure(s: ScopeReduction, p: Pollutant, kgPerTonneDay: number): StageFigure {
  const e = s.emissions.find((x) => x.pollutant === p)!;
  return { tonnesPerDay: e.reductionTonnesPerDay, kgPerHour: round(e.reductionTonnesPerDay * kgPerTonneDay, KG_DECIMALS), percent: e.percent, shortfall: e.shortfall };
}

/** Lines per county at each stage, in one pass. */
function countLines(items: readonly StagedItem[]): Map<string, LineCounts> {
  const out = new Map<string, LineCounts>();
  for (const item of items) {
    let c = out.get(item.enterprise.county);
    if (!c) out.set(item.enterprise.county, (c = { planned: 0, confirmed: 0, verified: 0, violated: 0 }));
    for (const l of item.order.lines) {
      if (l.action === 'run') continue;
      c.planned++;
      const st = item.stages.get(l.code) ?? 'planned';
      if (reaches(st, 'confirmed')) c.confirmed++;
      if (reaches(st, 'verified')) c.verified++;
      if (item.violated?.has(l.code)) c.violated++;
    }
  }
  return out;
}

const sumCounts = (all: Iterable<LineCounts>): LineCounts => {
  const t: LineCounts = { planned: 0, confirmed: 0, verified: 0, violated: 0 };
  for (const c of all) {
    t.planned += c.planned;
    t.confirmed += c.confirmed;
    t.verified += c.verified;
    t.violated += c.violated;
  }
  return t;
};

/**
 * Per county and for the city, per pollutant: the reduction the orders plan, the part on
 * lines the enterprise confirmed, and the part on lines verified by an inspection or the
 * meter; each as t/day, kg/h and percent of the baseline, beside the target. Since the
 * confirmed and verified orders only release lines of the planned one, planned ≥
 * confirmed ≥ verified, and none exceeds the baseline.
 */
export function accountStages(items: readonly StagedItem[], counties: ReductionInput['counties'], cfg: ReductionConfig): StageReport {
  // One pass; only the planned accounting lists shortfall candidates (what the orders could still add).
  const {
    report: planned,
    partial: [confirmed, verified],
  } = accountReductionsKeeping({ items, counties }, cfg, [keptAt('confirmed'), keptAt('verified')]);
  const kgPerTonneDay = 1000 / cfg.rules.emissions.hoursPerDay;
  const counts = countLines(items);
  const none: LineCounts = { planned: 0, confirmed: 0, verified: 0, violated: 0 };
  const scope = (p: ScopeReduction, c: ScopeReduction, v: ScopeReduction): ScopeStages => ({
    planned: p,
    stages: POLLUTANTS.map((pollutant) => {
      const e = p.emissions.find((x) => x.pollutant === pollutant)!;
      return {
        pollutant,
        baselineTonnesPerDay: e.baselineTonnesPerDay,
        baselineKgPerHour: round(e.baselineTonnesPerDay * kgPerTonneDay, KG_DECIMALS),
        targetPercent: e.targetPercent,
        planned: figure(p, pollutant, kgPerTonneDay),
        confirmed: figure(c, pollutant, kgPerTonneDay),
        verified: figure(v, pollutant, kgPerTonneDay),
      };
    }),
    lines: p.county === null ? sumCounts(counts.values()) : { ...(counts.get(p.county) ?? none) },
  });
  return {
    counties: planned.counties.map((p, i) => scope(p, confirmed!.counties[i]!, verified!.counties[i]!)),
    city: scope(planned.city, confirmed!.city, verified!.city),
    planned,
  };
}
