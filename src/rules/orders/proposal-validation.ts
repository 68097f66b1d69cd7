import type { Enterprise } from '../enterprise.js';
import type { LevelOrNone } from '../levels/level-ladder.js';
import { RulesInputError } from '../rules.errors.js';
import { derive, type DerivationMeta } from './order-derivation.js';
import type { Order, OrderConfig } from './order.types.js';

/** A whole line by code, or some cells of a cell-counted line. */
export type ProposedStop = string | { line: string; cells: number };

export type ProposalResult =
  | { ok: true; stoppedCapacityPercent: number; requiredPercent: number; order: Order }
  | {
      ok: false;
      /** Percentage points of capacity still to stop to reach the minimum (2 decimals). */
      shortfallPercentPoints: number;
      stoppedCapacityPercent: number;
      requiredPercent: number;
      /** Lines that must stop (full stop, a level's stop measure) but are not in the proposal. */
      missingForcedLines: string[];
      unknownLines: string[];
      /** Chinese, for the enterprise. */
      message: string;
      order: Order;
    };

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Checks an enterprise's own choice of lines to stop against every constraint of the
 * derived order (RULES.md §3). The derived order is returned either way as the reference.
 */
export function validateProposal(enterprise: Enterprise, at: Date | string, level: LevelOrNone, cfg: OrderConfig, proposedStoppedLines: readonly ProposedStop[]): ProposalResult {
  if (!Array.isArray(proposedStoppedLines)) throw new RulesInputError('proposedStoppedLines must be a list of line codes');
  const meta: DerivationMeta = { forcedLines: [], minStopPercent: 0, basis: 'lines' };
  const order = derive(enterprise, at, level, cfg, meta);
  const byCode = new Map(enterprise.lines.map((l) => [l.code, l]));
  const whole = new Set<string>();
  const cells = new Map<string, number>();
  const unknownLines: string[] = [];
  for (const p of proposedStoppedLines) {
    const code = typeof p === 'string' ? p : p?.line;
    const line = typeof code === 'string' ? byCode.get(code) : undefined;
    if (!line) {
      unknownLines.push(String(code));
      continue;
    }
    if (typeof p === 'string') whole.add(code as string);
    else {
      const max = line.cells || 1;
      if (!Number.isInteger(p.cells) || p.cells < 1 || p.cells > max) throw new RulesInputError(`line ${line.code}: cells must be a whole number from 1 to ${max} (got ${String(p.cells)})`);
      if (p.cells === max) whole.add(line.code);
      else cells.set(line.code, p.cells);
    }
  }
  let total = 0;
  let stopped = 0;
  for (const l of enterprise.lines) {
    total += l.capacity;
    if (whole.has(l.code)) stopped += l.capacity;
    else if (meta.basis === 'cells' && cells.has(l.code)) stopped += (l.capacity * cells.get(l.code)!) / (l.cells || 1);
  }
  const missingForcedLines = meta.forcedLines.filter((code) => !whole.has(code));
  const percent = total > 0 ? (stopped / total) * 100 : 0;
  // Rounded up so that any real shortfall shows as at least 0.01 points.
  const shortfall = meta.minStopPercent - percent > 1e-7 ? Math.ceil((meta.minStopPercent - percent) * 100 - 1e-6) / 100 : 0;
  const stoppedCapacityPercent = round2(percent);
  if (unknownLines.length === 0 && missingForcedLines.length === 0 && shortfall === 0) {
    return { ok: true, stoppedCapacityPercent, requiredPercent: meta.minStopPercent, order };
  }
  const parts: string[] = [];
  if (unknownLines.length) parts.push(`生产线${unknownLines.join('、')}不存在`);
  if (missingForcedLines.length) parts.push(`必须停产的生产线${missingForcedLines.join('、')}未列入`);
  if (shortfall > 0) parts.push(`停产产能占比${stoppedCapacityPercent}%，低于要求的${meta.minStopPercent}%，还差${shortfall}个百分点`);
  return {
    ok: false,
    shortfallPercentPoints: shortfall,
    stoppedCapacityPercent,
    requiredPercent: meta.minStopPercent,
    missingForcedLines,
    unknownLines,
    message: `方案不予接受：${parts.join('；')}。`,
    order,
  };
}
