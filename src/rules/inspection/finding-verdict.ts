// Judges one line finding against the order line in force at the observed time.
//
// Decisions (RULES.md §1 and §4, seed item 51):
// - stop: running or reduced load is producing when it should have stopped; a banked kiln is
//   a violation only where banking is forbidden (禁止保温焖炉); stopped is compliant.
// - limit: the line may run up to its load cap. Above the cap — including plain `running`,
//   taken as 100% — is a violation with the same penalty item as producing when it should
//   stop, since the line is producing capacity it was ordered to take off. A cell-counted
//   limit (stoppedCells) also needs at least that many cells stopped; a line running at
//   full without a cell count is judged as none stopped. Stopped or banked is compliant.
// - run, or no order: compliant whatever the state.

import type { FindingKind, InspectionConfig } from './inspection-config.js';
import type { OrderLine } from '../orders/order.types.js';
import { RulesInputError } from '../rules.errors.js';

export type ObservedState = 'running' | 'stopped' | 'banked' | 'reduced';

export interface ObservedLine {
  state: ObservedState;
  /** Load observed on site, 0–100; for `running` absent means full load. */
  loadPercent?: number | null;
  /** Cells observed stopped on a cell-counted line (e.g. electrolytic aluminium). */
  stoppedCells?: number | null;
}

export interface FindingVerdict {
  verdict: 'violation' | 'compliant';
  /** Key of InspectionConfig.penalties; null when compliant. */
  penaltyItem: string | null;
  /** Which kind of violation; null when compliant. */
  kind: FindingKind | null;
  /** Chinese: the order requirement, what was seen and, for a violation, the clause and amount. */
  reason: string;
}

const STATE_NAMES: Record<ObservedState, string> = {
  running: '正常生产',
  stopped: '停产',
  banked: '保温焖炉',
  reduced: '降负荷生产',
};

const FULL_LOAD = 100;

function observedText(o: ObservedLine): string {
  const load = o.loadPercent != null ? `（负荷${o.loadPercent}%）` : '';
  const cells = o.stoppedCells != null ? `（已停槽${o.stoppedCells}个）` : '';
  return `现场检查为${STATE_NAMES[o.state]}${load}${cells}`;
}

function basis(line: OrderLine): string {
  if (line.reasons.length === 0) return '';
  return `（依据：${line.reasons.map((r) => `${r.text}，第${r.clause}条`).join('；')}）`;
}

function compliant(reason: string): FindingVerdict {
  return { verdict: 'compliant', penaltyItem: null, kind: null, reason };
}

function violation(kind: FindingKind, requirement: string, seen: string, config: Pick<InspectionConfig, 'penalties' | 'findingPenalties'>): FindingVerdict {
  const key = config.findingPenalties[kind];
  const item = config.penalties[key];
  if (!item) throw new RulesInputError(`penalty item ${key} for finding kind ${kind} is not configured`, { kind, key });
  return {
    verdict: 'violation',
    penaltyItem: key,
    kind,
    reason: `${requirement}，${seen}，属“${item.name}”，依据第${item.clause}条，发现一起扣缴当地财政${item.amountYuan}元。`,
  };
}

function validate(observed: ObservedLine): void {
  const { loadPercent, stoppedCells } = observed;
  if (!(observed.state in STATE_NAMES)) throw new RulesInputError(`unknown observed state ${String(observed.state)}`, { state: observed.state });
  if (loadPercent != null && (!Number.isFinite(loadPercent) || loadPercent < 0 || loadPercent > FULL_LOAD)) {
    throw new RulesInputError('loadPercent must be from 0 to 100', { loadPercent });
  }
  if (stoppedCells != null && (!Number.isInteger(stoppedCells) || stoppedCells < 0)) {
    throw new RulesInputError('stoppedCells must be a non-negative integer', { stoppedCells });
  }
}

/** `line`: the order line in force at the observed time, null when the enterprise had no order. */
export function judgeFinding(line: OrderLine | null, observed: ObservedLine, config: Pick<InspectionConfig, 'penalties' | 'findingPenalties'>): FindingVerdict {
  validate(observed);
  const seen = observedText(observed);
  if (line === null) return compliant(`检查时无管控指令，${seen}，不构成违规。`);
  const b = basis(line);

  if (line.action === 'run') return compliant(`指令要求生产线${line.code}正常生产，不限产${b}，${seen}，不构成违规。`);

  if (line.action === 'stop') {
    const req = `指令要求生产线${line.code}停产${line.noKilnBanking ? '且禁止保温焖炉' : ''}${b}`;
    switch (observed.state) {
      case 'stopped':
        return compliant(`${req}，${seen}，已落实停产措施。`);
      case 'banked':
        return line.noKilnBanking ? violation('banked_when_banking_forbidden', req, seen, config) : compliant(`${req}，${seen}；本阶段未禁止保温焖炉，不构成违规。`);
      case 'running':
        return violation('running_when_stop', req, seen, config);
      case 'reduced':
        return violation('reduced_when_stop', req, seen, config);
    }
  }

  // limit
  const capText = line.maxLoadPercent !== null ? `负荷不超过${line.maxLoadPercent}%` : '';
  const cellText = line.stoppedCells !== null && line.stoppedCells > 0 ? `停运${line.stoppedCells}个电解槽` : '';
  const req = `指令要求生产线${line.code}限产（${[cellText, capText].filter(Boolean).join('，')}）${b}`;
  if (observed.state === 'stopped') return compliant(`${req}，${seen}，满足限产要求。`);
  if (observed.state === 'banked') {
    return line.noKilnBanking ? violation('banked_when_banking_forbidden', req, seen, config) : compliant(`${req}，${seen}，不构成违规。`);
  }

  if (line.stoppedCells !== null && line.stoppedCells > 0) {
    // A line seen running at full with no count has, as far as the inspector saw, no cell stopped.
    const stopped = observed.stoppedCells ?? (observed.state === 'running' ? 0 : null);
    if (stopped === null) throw new RulesInputError(`line ${line.code} is limited by stopped cells: the finding needs stoppedCells`, { line: line.code });
    if (stopped < line.stoppedCells) return violation('cells_not_stopped', req, seen, config);
  }
  if (line.maxLoadPercent !== null) {
    const load = observed.loadPercent ?? (observed.state === 'running' ? FULL_LOAD : null);
    if (load === null) throw new RulesInputError(`line ${line.code} has a load cap: a reduced-load finding needs loadPercent`, { line: line.code });
    if (load > line.maxLoadPercent) return violation('over_load_cap', req, seen, config);
  }
  return compliant(`${req}，${seen}，满足限产要求。`);
}
