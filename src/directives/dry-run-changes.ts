import { toCsv } from '../web/export/csv-writer.js';
import { formatLocalTime } from '../web/shared/order-wording.js';
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

const ACTION_NAMES: Record<LineAction, string> = { stop: '停产', limit: '限产', run: '正常生产' };

function describe(r: LineRequirement): string {
  if (r.action !== 'limit') return ACTION_NAMES[r.action];
  const parts = [r.maxLoadPercent !== null ? `负荷≤${r.maxLoadPercent}%` : '', r.stoppedCells ? `停槽${r.stoppedCells}个` : ''].filter(Boolean);
  return `${ACTION_NAMES.limit}${parts.length ? `（${parts.join('，')}）` : ''}`;
}

/** The whole list for Excel: Chinese headers, the start in local time, formula-safe cells. */
export function changesCsv(all: RequirementChange[], startsAt: string, timeZone: string): string {
  const from = formatLocalTime(startsAt, timeZone);
  return toCsv(
    ['县区', '统一社会信用代码', '企业名称', '生产线代码', '生产线名称', '调整前要求', '调整前最大负荷(%)', '调整后要求', '调整后最大负荷(%)', '生效时间', '依据'],
    all.map((c) => [
      c.county,
      c.enterpriseCode,
      c.enterpriseName,
      c.lineCode,
      c.lineName,
      describe(c.before),
      c.before.maxLoadPercent,
      describe(c.after),
      c.after.maxLoadPercent,
      from,
      c.reasons.map((r) => (r.clause ? `${r.text}（第${r.clause}条）` : r.text)).join('；'),
    ]),
  );
}
