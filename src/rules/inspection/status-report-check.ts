// Checks an enterprise's twice-daily status report against the order line in force.
//
// Decisions (issue 8 item 6): a report that a line runs where the order says stop, or runs
// above its load cap, contradicts the order. `running` without a load is taken as full
// load; `limited` on a capped line must say its load (otherwise it cannot be checked);
// `banked` contradicts only a stop that forbids banking (禁止保温焖炉).

import type { OrderLine } from '../orders/order.types.js';
import { RulesInputError } from '../rules.errors.js';

export type ReportedState = 'running' | 'stopped' | 'limited' | 'banked';

export interface ReportedLine {
  line: string;
  state: ReportedState;
  loadPercent: number | null;
}

export interface ReportDiscrepancy {
  line: string;
  /** The order's requirement, e.g. `stop`, `limit:50`. */
  required: string;
  /** What was reported, e.g. `running`, `limited:80`. */
  reported: string;
  /** Chinese, for the county. */
  message: string;
}

const FULL_LOAD = 100;
const STATE_NAMES: Record<ReportedState, string> = { running: '生产中', stopped: '停产', limited: '限产运行', banked: '保温焖炉' };

/** Lines of the order the report leaves out, in the order's line order. */
export function missingReportLines(order: readonly OrderLine[], reported: readonly ReportedLine[]): string[] {
  const seen = new Set(reported.map((r) => r.line));
  return order.filter((l) => !seen.has(l.code)).map((l) => l.code);
}

export function checkStatusReport(order: readonly OrderLine[], reported: readonly ReportedLine[]): ReportDiscrepancy[] {
  const byCode = new Map(order.map((l) => [l.code, l]));
  const out: ReportDiscrepancy[] = [];
  for (const r of reported) {
    const line = byCode.get(r.line);
    if (!line || line.action === 'run') continue;
    const said = `${STATE_NAMES[r.state]}${r.loadPercent != null ? `（负荷${r.loadPercent}%）` : ''}`;
    const reportedKey = r.loadPercent != null ? `${r.state}:${r.loadPercent}` : r.state;
    if (line.action === 'stop') {
      const contradicts = r.state === 'running' || r.state === 'limited' || (r.state === 'banked' && line.noKilnBanking);
      if (contradicts) out.push({ line: r.line, required: 'stop', reported: reportedKey, message: `生产线${r.line}：指令要求停产${line.noKilnBanking ? '且禁止保温焖炉' : ''}，企业报告为${said}。` });
      continue;
    }
    // limit
    if (line.maxLoadPercent === null || r.state === 'stopped' || r.state === 'banked') continue;
    const load = r.loadPercent ?? (r.state === 'running' ? FULL_LOAD : null);
    if (load === null) throw new RulesInputError(`line ${r.line} is capped at ${line.maxLoadPercent}%: a "limited" report needs its loadPercent`, { line: r.line });
    if (load > line.maxLoadPercent) {
      out.push({ line: r.line, required: `limit:${line.maxLoadPercent}`, reported: reportedKey, message: `生产线${r.line}：指令要求负荷不超过${line.maxLoadPercent}%，企业报告为${said}。` });
    }
  }
  return out;
}
