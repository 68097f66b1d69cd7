import { formatLocalTime } from '../shared/order-wording.js';
import { toCsv } from './csv-writer.js';

/** A line's requirement as the list shows it. */
export interface ChangeRequirementView {
  action: 'stop' | 'limit' | 'run';
  maxLoadPercent: number | null;
  stoppedCells: number | null;
}

/** One line whose requirement a directive would change (the directives module's dry-run change has these fields). */
export interface RequirementChangeView {
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  lineCode: string;
  lineName: string;
  before: ChangeRequirementView;
  after: ChangeRequirementView;
  reasons: ReadonlyArray<{ clause: string; text: string }>;
}

const ACTION_NAMES: Record<ChangeRequirementView['action'], string> = { stop: '停产', limit: '限产', run: '正常生产' };

function describe(r: ChangeRequirementView): string {
  if (r.action !== 'limit') return ACTION_NAMES[r.action];
  const parts = [r.maxLoadPercent !== null ? `负荷≤${r.maxLoadPercent}%` : '', r.stoppedCells ? `停槽${r.stoppedCells}个` : ''].filter(Boolean);
  return `${ACTION_NAMES.limit}${parts.length ? `（${parts.join('，')}）` : ''}`;
}

/** The dry run's whole list for Excel: Chinese headers, the start in local time, formula-safe cells. */
export function dryRunChangesCsv(all: readonly RequirementChangeView[], startsAt: string, timeZone: string): string {
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
