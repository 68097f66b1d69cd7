import { createHash, randomUUID } from 'node:crypto';
import type { Enterprise } from '../rules/enterprise.js';
import type { Order, OrderLine } from '../rules/orders/order.types.js';

/** An enterprise's order timeline around a directive's start F, as far as versioning needs to know. */
export interface OpenOrderRef {
  orderId: string;
  currentVersionId: string;
  modification: number;
  /** The latest version (not replaced) starting before F (fill: at or before F): what was directed just before. */
  before: { requirementHash: string; effectiveTo: Date | null } | null;
  /** The earliest start at or after F (fill: after F) of a version not replaced, if any. */
  laterFrom: Date | null;
}

/**
 * How a directive meets what is already directed. `replace` (level directives, season
 * notices): the newest directive governs from its start on, so every later part of the
 * timeline is replaced. `fill` (reconciliation): only the gap up to the next directed start.
 */
export type TimelineMode = 'replace' | 'fill';

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
  /** End of its interval (null: open-ended). */
  effectiveTo: Date | null;
  /** The order has no directed part after this version (it becomes the order's last word). */
  last: boolean;
}

export function lineRequirementHash(maxLoadPercent: number | null, lines: readonly OrderLine[]): string {
  const parts: string[] = [String(maxLoadPercent)];
  for (const l of lines) parts.push(`${l.code}:${l.action}:${l.maxLoadPercent}:${l.stoppedCells}:${l.noKilnBanking ? 1 : 0}`);
  return createHash('sha1').update(parts.join('|')).digest('hex');
}

/** The requirement only (not reasons, notes or times): equal hashes mean nothing to tell the enterprise. */
export function requirementHash(order: Order): string {
  return lineRequirementHash(order.maxLoadPercent, order.lines);
}

export function isTrivial(order: Order): boolean {
  return order.maxLoadPercent === null && order.lines.every((l) => l.action === 'run');
}

const sameInstant = (a: Date | null, b: Date | null): boolean => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

/**
 * Decides, per enterprise, whether a directive starting at `from` makes a new version: only
 * when the timeline from `from` on would change (no spam), a first version only when there
 * is something to require, and a closing version when a requirement falls away.
 */
export function planVersions(
  items: ReadonlyArray<{ enterprise: Enterprise; order: Order }>,
  open: ReadonlyMap<string, OpenOrderRef>,
  timing: { from: Date; to: Date | null; mode: TimelineMode },
): PlannedVersion[] {
  const out: PlannedVersion[] = [];
  const F = timing.from.getTime();
  for (const { enterprise, order } of items) {
    const current = open.get(enterprise.code);
    const trivial = isTrivial(order);
    const hash = requirementHash(order);
    const before = current?.before ?? null;
    const inForceAtF = before !== null && (before.effectiveTo === null || before.effectiveTo.getTime() > F) ? before : null;
    const later = current?.laterFrom ?? null;
    let effectiveTo = timing.to;
    if (timing.mode === 'fill') {
      if (later !== null && later.getTime() <= F) continue;
      if (inForceAtF ? inForceAtF.requirementHash === hash : trivial) continue;
      if (later !== null && (effectiveTo === null || later < effectiveTo)) effectiveTo = later;
    } else if (later === null) {
      if (!before && trivial) continue;
      if (inForceAtF && inForceAtF.requirementHash === hash && sameInstant(inForceAtF.effectiveTo, timing.to)) continue;
    }
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
      effectiveTo,
      last: timing.mode === 'replace' || later === null,
    });
  }
  return out;
}
