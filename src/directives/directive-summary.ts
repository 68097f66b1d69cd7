import type { PlannedVersion } from '../orders/order-plan.js';

export interface CountySummary {
  county: string;
  /** Enterprises in scope. */
  enterprises: number;
  /** New order versions (first orders, changes and endings). */
  orders: number;
  ended: number;
  linesStopped: number;
  /** Mean share of capacity stopped over the enterprises that get a version. */
  meanStoppedCapacityPercent: number;
  unreachable: number;
}

export interface DirectiveSummary {
  counties: CountySummary[];
  totals: Omit<CountySummary, 'county' | 'meanStoppedCapacityPercent'>;
  /** Enterprises with no e-mail and no webhook: flagged to their county at once. */
  unreachable: Array<{ code: string; name: string; county: string }>;
}

export function summarise(counties: string[], inScope: Map<string, number>, planned: PlannedVersion[], unreachable: Set<string>): DirectiveSummary {
  const rows = new Map<string, CountySummary & { sum: number }>(
    counties.map((c) => [c, { county: c, enterprises: inScope.get(c) ?? 0, orders: 0, ended: 0, linesStopped: 0, meanStoppedCapacityPercent: 0, unreachable: 0, sum: 0 }]),
  );
  const list: DirectiveSummary['unreachable'] = [];
  for (const p of planned) {
    const r = rows.get(p.enterprise.county);
    if (!r) continue;
    r.orders++;
    if (p.ends) r.ended++;
    r.linesStopped += p.order.lines.filter((l) => l.action === 'stop').length;
    r.sum += p.order.stoppedCapacityPercent;
    if (unreachable.has(p.enterprise.code)) {
      r.unreachable++;
      list.push({ code: p.enterprise.code, name: p.enterprise.name, county: p.enterprise.county });
    }
  }
  const out = [...rows.values()].map(({ sum, ...r }) => ({ ...r, meanStoppedCapacityPercent: r.orders ? Math.round((sum / r.orders) * 100) / 100 : 0 }));
  const totals = out.reduce(
    (t, r) => ({
      enterprises: t.enterprises + r.enterprises,
      orders: t.orders + r.orders,
      ended: t.ended + r.ended,
      linesStopped: t.linesStopped + r.linesStopped,
      unreachable: t.unreachable + r.unreachable,
    }),
    { enterprises: 0, orders: 0, ended: 0, linesStopped: 0, unreachable: 0 },
  );
  return { counties: out, totals, unreachable: list };
}
