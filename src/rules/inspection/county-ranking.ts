// Monthly county ranking (RULES.md §4, seed item 51), best county first. A county is judged on
// what it controls: how many inspected enterprises were found in violation (per hundred
// inspected), how fully its enterprises acknowledged and implemented their orders, and the
// penalty money that stands (voided entries, overturned on review, count for nothing).

export interface PenaltyEntry {
  county: string;
  amount: number;
  voided: boolean;
}

/** The month's figures of one county, read from orders and findings. */
export interface CountyConduct {
  county: string;
  /** Order versions addressed to the county's enterprises in the month. */
  orders: number;
  acknowledged: number;
  implemented: number;
  /** Distinct enterprises inspected in the month, and the findings among them that were violations. */
  inspected: number;
  violations: number;
}

export interface CountyRank {
  county: string;
  /** Competition ranking, best first: equal figures share a rank, the next skips (1, 1, 3). */
  rank: number;
  /** Penalty entries that stand, and their money. */
  penalties: number;
  amount: number;
  /** Kept for readers of the earlier answer: the same as `penalties`. */
  violations: number;
  /** Percent with one decimal; null when the county had no order in the month. */
  acknowledgementRate: number | null;
  implementationRate: number | null;
  inspected: number;
  /** Violations per hundred inspected enterprises, one decimal; null when none was inspected. */
  violationsPerHundred: number | null;
  violationFindings: number;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const pct = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/**
 * Order: fewest violations per hundred inspected, then highest acknowledgement rate, then
 * highest implementation rate, then least penalty money. A county with nothing to measure
 * (no inspection, no order) counts as clean on that measure: nothing was found against it.
 * `counties` lists every county to rank; a county found only in the data is ranked too.
 */
export function rankCounties(entries: readonly PenaltyEntry[], conduct: readonly CountyConduct[], counties: readonly string[]): CountyRank[] {
  const names = new Set([...counties, ...entries.map((e) => e.county), ...conduct.map((c) => c.county)]);
  const rows = [...names].map((county) => {
    const standing = entries.filter((e) => e.county === county && !e.voided);
    const c = conduct.find((x) => x.county === county) ?? { county, orders: 0, acknowledged: 0, implemented: 0, inspected: 0, violations: 0 };
    const perHundred = c.inspected === 0 ? null : Math.round((c.violations / c.inspected) * 1000) / 10;
    return {
      county,
      rank: 0,
      penalties: standing.length,
      amount: standing.reduce((n, e) => n + e.amount, 0),
      violations: standing.length,
      acknowledgementRate: pct(c.acknowledged, c.orders),
      implementationRate: pct(c.implemented, c.orders),
      inspected: c.inspected,
      violationsPerHundred: perHundred,
      violationFindings: c.violations,
    } satisfies CountyRank;
  });
  const key = (r: CountyRank): number[] => [r.violationsPerHundred ?? 0, -(r.acknowledgementRate ?? 100), -(r.implementationRate ?? 100), r.amount];
  const compare = (a: CountyRank, b: CountyRank): number => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  };
  rows.sort((a, b) => compare(a, b) || byString(a.county, b.county));
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && compare(prev, r) === 0 ? prev.rank : i + 1;
  });
  return rows;
}
