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
  reasons: Reason[];
}

export interface ChangesPage {
  items: RequirementChange[];
  total: number;
  page: number;
  pageSize: number;
}

const UNRESTRICTED: LineRequirement = { action: 'run', maxLoadPercent: null, stoppedCells: null };

const requirementOf = (l: OrderLine | undefined): LineRequirement => (l ? { action: l.action, maxLoadPercent: l.maxLoadPercent, stoppedCells: l.stoppedCells } : UNRESTRICTED);
const same = (a: LineRequirement, b: LineRequirement) => a.action === b.action && a.maxLoadPercent === b.maxLoadPercent && a.stoppedCells === b.stoppedCells;

/**
 * Every line whose requirement changes, before → after, in county order (as configured),
 * then by enterprise code and the enterprise's line order. `before` is the version in force
 * at the directive's start, keyed by enterprise code (nothing restricted when there is none).
 */
export function requirementChanges(planned: readonly PlannedVersion[], linesInForce: ReadonlyMap<string, OrderLine[]>, countyOrder: readonly string[], basis: string): RequirementChange[] {
  // A line released to normal production carries no rule; its reason is the directive's basis.
  const released: Reason[] = [{ rule: 'directive_basis', clause: '', text: basis }];
  const rank = new Map(countyOrder.map((c, i) => [c, i]));
  const sorted = [...planned].sort((a, b) => (rank.get(a.enterprise.county) ?? 1e9) - (rank.get(b.enterprise.county) ?? 1e9) || a.enterprise.code.localeCompare(b.enterprise.code));
  const out: RequirementChange[] = [];
  for (const p of sorted) {
    const previous = new Map((linesInForce.get(p.enterprise.code) ?? []).map((l) => [l.code, l]));
    const next = new Map(p.order.lines.map((l) => [l.code, l]));
    for (const line of p.enterprise.lines) {
      const before = requirementOf(previous.get(line.code));
      const after = requirementOf(next.get(line.code));
      if (same(before, after)) continue;
      out.push({
        enterpriseCode: p.enterprise.code,
        enterpriseName: p.enterprise.name,
        county: p.enterprise.county,
        lineCode: line.code,
        lineName: line.name,
        before,
        after,
        reasons: next.get(line.code)?.reasons.length ? [...next.get(line.code)!.reasons] : released,
      });
    }
  }
  return out;
}

export function pageOf(all: RequirementChange[], page: number, pageSize: number): ChangesPage {
  return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
}
