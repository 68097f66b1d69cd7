// How much of a line's emissions its requirement removes (RULES.md §5, reduction accounting).
import type { ProductionLine } from '../enterprise.js';
import type { Order, OrderLine } from '../orders/order.types.js';

/** The requirement of one line as the accounting reads it (an order line, or a what-if). */
export type LineRequirement = Pick<OrderLine, 'action' | 'maxLoadPercent' | 'stoppedCells'>;

const clampShare = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Share (0–1) of the line's normal-load emissions still emitted under the requirement:
 * a stop leaves 0; k of n cells stopped leave (n − k)/n; the running part capped at L %
 * leaves L % of itself. Emissions are taken as proportional to load (the guideline's
 * accounting for 限产).
 */
export function remainingShare(line: Pick<ProductionLine, 'cells'>, req: LineRequirement | undefined): number {
  if (req === undefined || req.action === 'run') return 1;
  if (req.action === 'stop') return 0;
  const cells = line.cells || 1;
  const stopped = req.stoppedCells === null ? 0 : clampShare(req.stoppedCells / cells);
  const load = req.maxLoadPercent === null ? 1 : clampShare(req.maxLoadPercent / 100);
  return (1 - stopped) * load;
}

/** Share (0–1) of the line's emissions the requirement removes. */
export function removedShare(line: Pick<ProductionLine, 'cells'>, req: LineRequirement | undefined): number {
  return 1 - remainingShare(line, req);
}

/** The order line of the enterprise's i-th line (the derivation keeps the registry's line order). */
export function orderLineOf(order: Order, i: number, code: string): OrderLine | undefined {
  const l = order.lines[i];
  return l !== undefined && l.code === code ? l : order.lines.find((x) => x.code === code);
}
