import { createHash, randomUUID } from 'node:crypto';
import type { Enterprise } from '../rules/enterprise.js';
import type { Order } from '../rules/orders/order.types.js';

/** What an enterprise's open order looks like now, as far as versioning needs to know. */
export interface OpenOrderRef {
  orderId: string;
  currentVersionId: string;
  modification: number;
  requirementHash: string;
}

export interface PlannedVersion {
  enterprise: Enterprise;
  order: Order;
  orderId: string;
  isNewOrder: boolean;
  versionId: string;
  modification: number;
  supersedesVersionId: string | null;
  hash: string;
  /** The requirement became "run everything, no cap": this version ends the order. */
  ends: boolean;
}

/** The requirement only (not reasons, notes or times): equal hashes mean nothing to tell the enterprise. */
export function requirementHash(order: Order): string {
  const parts: string[] = [String(order.maxLoadPercent)];
  for (const l of order.lines) parts.push(`${l.code}:${l.action}:${l.maxLoadPercent}:${l.stoppedCells}:${l.noKilnBanking ? 1 : 0}`);
  return createHash('sha1').update(parts.join('|')).digest('hex');
}

export function isTrivial(order: Order): boolean {
  return order.maxLoadPercent === null && order.lines.every((l) => l.action === 'run');
}

/**
 * Decides, per enterprise, whether a directive makes a new order version: only when the
 * requirement changed (no spam), a first version only when there is something to require,
 * and a closing version when an open order's requirement falls away.
 */
export function planVersions(items: ReadonlyArray<{ enterprise: Enterprise; order: Order }>, open: ReadonlyMap<string, OpenOrderRef>): PlannedVersion[] {
  const out: PlannedVersion[] = [];
  for (const { enterprise, order } of items) {
    const current = open.get(enterprise.code);
    const trivial = isTrivial(order);
    if (!current && trivial) continue;
    const hash = requirementHash(order);
    if (current && current.requirementHash === hash) continue;
    out.push({
      enterprise,
      order,
      orderId: current?.orderId ?? randomUUID(),
      isNewOrder: !current,
      versionId: randomUUID(),
      modification: current ? current.modification + 1 : 1,
      supersedesVersionId: current?.currentVersionId ?? null,
      hash,
      ends: trivial,
    });
  }
  return out;
}
