// What an enterprise could still add when a pollutant falls short of its target: its listed
// measures for the levels above the one in force, or stopping the lines its order only limits.
import { POLLUTANTS, type Enterprise } from '../enterprise.js';
import type { LevelDefinition } from '../levels/level-ladder.js';
import type { Order } from '../orders/order.types.js';
import { orderLineOf, remainingShare } from './line-reduction.js';
import type { PollutantTonnes, ShortfallAction } from './reduction.types.js';

export interface EnterprisePotential {
  enterprise: Enterprise;
  add: PollutantTonnes;
  actions: ShortfallAction[];
}

const zero = (): PollutantTonnes => ({ so2: 0, nox: 0, pm: 0, vocs: 0 });

/**
 * Livelihood-duty enterprises and enterprises under an approved load cap are protected
 * (保障类, listed separately): they are never proposed for more.
 */
export function isProtected(e: Enterprise, order: Order): boolean {
  return e.livelihood !== null || order.maxLoadPercent !== null;
}

/**
 * Per line, the most restrictive step still open: a stop or limit listed for a higher
 * level than the order's (kept when it is at least as strict), else a stop of a line the
 * order limits. Null when the enterprise is protected or nothing would add anything.
 */
export function enterprisePotential(e: Enterprise, order: Order, ladder: readonly LevelDefinition[], tonnesPerKgHour: number): EnterprisePotential | null {
  if (isProtected(e, order)) return null;
  const current = order.level === 'none' ? -1 : ladder.findIndex((l) => l.key === order.level);
  const add = zero();
  const actions: ShortfallAction[] = [];
  for (let i = 0; i < e.lines.length; i++) {
    const line = e.lines[i]!;
    const em = line.emissions;
    if (em === null || em === undefined) continue;
    const req = orderLineOf(order, i, line.code);
    const now = remainingShare(line, req);
    if (now === 0) continue;
    let best = now;
    let step: ShortfallAction | null = null;
    for (let li = current + 1; li < ladder.length; li++) {
      for (const m of e.measures[ladder[li]!.key] ?? []) {
        if (m.line !== line.code) continue;
        const cap = m.action === 'stop' ? 0 : Math.min(m.maxLoadPercent ?? 0, req?.maxLoadPercent ?? 100);
        const share = remainingShare(line, { action: 'limit', maxLoadPercent: cap, stoppedCells: req?.action === 'limit' ? req.stoppedCells : null });
        if (share < best) {
          best = share;
          step = { lineCode: line.code, action: m.action, maxLoadPercent: m.action === 'stop' ? null : cap, level: ladder[li]!.key };
        }
      }
    }
    if (best > 0 && req?.action === 'limit') {
      best = 0;
      step = { lineCode: line.code, action: 'stop', maxLoadPercent: null, level: null };
    }
    if (step === null) continue;
    actions.push(step);
    for (const p of POLLUTANTS) add[p] += (now - best) * em.kgPerHour[p] * tonnesPerKgHour;
  }
  return actions.length === 0 ? null : { enterprise: e, add, actions };
}
