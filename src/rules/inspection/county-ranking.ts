// Monthly county ranking (RULES.md §4, seed item 51): the counties with the most penalty
// money deducted rank first. Voided entries (overturned on review) count for nothing.

export interface PenaltyEntry {
  county: string;
  amount: number;
  voided: boolean;
}

export interface CountyRank {
  county: string;
  /** Competition ranking: equal (amount, violations) share a rank, the next skips (1, 1, 3). */
  rank: number;
  violations: number;
  amount: number;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `counties`: every county to list, so that counties without any entry appear (at the end,
 * sharing the rank after the last county with entries). A county found only in `entries`
 * is ranked too, rather than silently dropping its penalties.
 */
export function rankCounties(entries: readonly PenaltyEntry[], counties: readonly string[]): CountyRank[] {
  const totals = new Map<string, { violations: number; amount: number }>();
  for (const e of entries) {
    if (e.voided) continue;
    const t = totals.get(e.county) ?? { violations: 0, amount: 0 };
    t.violations++;
    t.amount += e.amount;
    totals.set(e.county, t);
  }
  const ranked = [...totals].map(([county, t]) => ({ county, ...t }));
  ranked.sort((a, b) => b.amount - a.amount || b.violations - a.violations || byString(a.county, b.county));

  const out: CountyRank[] = [];
  ranked.forEach((r, i) => {
    const prev = out[i - 1];
    const rank = prev && prev.amount === r.amount && prev.violations === r.violations ? prev.rank : i + 1;
    out.push({ county: r.county, rank, violations: r.violations, amount: r.amount });
  });
  const clean = [...new Set(counties)].filter((c) => !totals.has(c)).sort(byString);
  for (const county of clean) out.push({ county, rank: ranked.length + 1, violations: 0, amount: 0 });
  return out;
}
