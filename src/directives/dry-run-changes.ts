import type { PlannedVersion } from '../orders/order-plan.js';
import type { Reason } from '../rules/reason.js';
import type { LineAction, OrderLine } from '../rules/orders/order.types.js';

export interface LineRequirement {
  action: LineAction;
  maxLoadPercent: number | null;
  stoppedCells: number | null;
}

/** One line whose requirement a directive would change: what a duty officer checks before issuing. */
export interface RequirementChange {
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  lineCode: string;
  lineName: string;
  before: LineRequirement;
  after: LineRequirement;
  /** Shared, frozen reason objects: do not mutate. */
  reasons: readonly Reason[];
}

/** Which page of the changes a dry run answers. */
export interface ChangesWindow {
  page: number;
  pageSize: number;
}

/** The changes on a window (or all of them), and how many there are in all. */
export interface ChangesFound {
  items: RequirementChange[];
  total: number;
}

export interface ChangesPage extends ChangesFound, ChangesWindow {}

const UNRESTRICTED: LineRequirement = { action: 'run', maxLoadPercent: null, stoppedCells: null };

const requirementOf = (l: OrderLine | undefined): LineRequirement => (l ? { action: l.action, maxLoadPercent: l.maxLoadPercent, stoppedCells: l.stoppedCells } : UNRESTRICTED);
const same = (x: OrderLine | undefined, y: OrderLine | undefined) => {
  const a = x ?? UNRESTRICTED;
  const b = y ?? UNRESTRICTED;
  return a.action === b.action && a.maxLoadPercent === b.maxLoadPercent && a.stoppedCells === b.stoppedCells;
};

/**
 * Every line whose requirement changes, before → after, in county order (as configured),
 * then by enterprise code and the enterprise's line order, counted in full; `window` (a page)
 * builds only the changes on it (a city-wide dry run changes ~100,000 lines and shows ten).
 * `before` is the version in force at the directive's start, keyed by enterprise code
 * (nothing restricted when there is none).
 */
export function requirementChanges(
  planned: readonly PlannedVersion[],
  linesInForce: ReadonlyMap<string, readonly OrderLine[]>,
  countyOrder: readonly string[],
  basis: string,
  window?: ChangesWindow,
): ChangesFound {
  // A line released to normal production carries no rule; its reason is the directive's basis.
  const released: readonly Reason[] = [{ rule: 'directive_basis', clause: '', text: basis }];
  const rank = new Map(countyOrder.map((c, i) => [c, i]));
  const rankOf = (p: PlannedVersion) => rank.get(p.enterprise.county) ?? 1e9;
  // Codes are compared as strings (code points), not by locale: they are identifiers.
  const sorted = [...planned].sort((a, b) => rankOf(a) - rankOf(b) || (a.enterprise.code < b.enterprise.code ? -1 : a.enterprise.code > b.enterprise.code ? 1 : 0));
  const first = window ? (window.page - 1) * window.pageSize : 0;
  const end = window ? first + window.pageSize : Number.POSITIVE_INFINITY;
  const items: RequirementChange[] = [];
  let total = 0;
  // An enterprise has a handful of lines: a scan is cheaper than a map per enterprise.
  const find = (lines: readonly OrderLine[] | undefined, code: string) => lines?.find((l) => l.code === code);
  for (const p of sorted) {
    const previous = linesInForce.get(p.enterprise.code);
    for (const line of p.enterprise.lines) {
      const next = find(p.order.lines, line.code);
      const was = find(previous, line.code);
      if (same(was, next)) continue;
      if (total >= first && total < end) {
        items.push({
          enterpriseCode: p.enterprise.code,
          enterpriseName: p.enterprise.name,
          county: p.enterprise.county,
          lineCode: line.code,
          lineName: line.name,
          before: requirementOf(was),
          after: requirementOf(next),
          reasons: next?.reasons.length ? next.reasons : released,
        });
      }
      total++;
    }
  }
  return { items, total };
}
