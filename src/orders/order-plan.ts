import { createHash, randomUUID } from 'node:crypto';
import type { Enterprise } from '../rules/enterprise.js';
import type { Order, OrderLine, OrderLineRequirement } from '../rules/orders/order.types.js';

/** An enterprise's order timeline around a directive's start F, as far as versioning needs to know. */
export interface OpenOrderRef {
  orderId: string;
  currentVersionId: string;
  modification: number;
  /** The latest version (not replaced) starting before F (fill: at or before F): what was directed just before. */
  before: { requirementKey: string; effectiveTo: Date | null } | null;
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
  /** Its requirement as `requirementKey` (the stored hash is taken of it when written). */
  key: string;
  /** The requirement became "run everything, no cap": this version ends the order. */
  ends: boolean;
  /** End of its interval (null: open-ended). */
  effectiveTo: Date | null;
  /** The order has no directed part after this version (it becomes the order's last word). */
  last: boolean;
}

/**
 * The requirement only (not reasons, notes or times), as a string: equal keys mean nothing to
 * tell the enterprise. Plans compare keys; what orders store is the SHA-1 of the key. Each
 * line code is prefixed by its length, so a key reads back unambiguously (`linesOfKey`).
 */
export function requirementKey(maxLoadPercent: number | null, lines: ReadonlyArray<OrderLineRequirement>): string {
  let key = String(maxLoadPercent);
  for (const l of lines) key += `|${l.code.length}:${l.code}:${l.action}:${l.maxLoadPercent}:${l.stoppedCells}:${l.noKilnBanking === true ? 1 : 0}`;
  return key;
}

const numberOrNull = (s: string): number | null => (s === 'null' ? null : Number(s));

/** The lines' requirement a key holds (no reasons: a key keeps none). */
export function linesOfKey(key: string): OrderLine[] {
  const out: OrderLine[] = [];
  let i = key.indexOf('|');
  while (i >= 0) {
    const colon = key.indexOf(':', i + 1);
    const length = Number(key.slice(i + 1, colon));
    const code = key.slice(colon + 1, colon + 1 + length);
    const next = key.indexOf('|', colon + 2 + length);
    const [action, max, cells, banking] = key.slice(colon + 2 + length, next < 0 ? key.length : next).split(':') as [OrderLine['action'], string, string, string];
    out.push({ code, action, maxLoadPercent: numberOrNull(max), stoppedCells: numberOrNull(cells), noKilnBanking: banking === '1', reasons: [] });
    i = next;
  }
  return out;
}

export function hashOfKey(key: string): string {
  return createHash('sha1').update(key).digest('hex');
}

export function lineRequirementHash(maxLoadPercent: number | null, lines: readonly OrderLine[]): string {
  return hashOfKey(requirementKey(maxLoadPercent, lines));
}

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
    const key = requirementKey(order.maxLoadPercent, order.lines);
    const before = current?.before ?? null;
    const inForceAtF = before !== null && (before.effectiveTo === null || before.effectiveTo.getTime() > F) ? before : null;
    const later = current?.laterFrom ?? null;
    let effectiveTo = timing.to;
    if (timing.mode === 'fill') {
      if (later !== null && later.getTime() <= F) continue;
      if (inForceAtF ? inForceAtF.requirementKey === key : trivial) continue;
      if (later !== null && (effectiveTo === null || later < effectiveTo)) effectiveTo = later;
    } else if (later === null) {
      if (!before && trivial) continue;
      if (inForceAtF && inForceAtF.requirementKey === key && sameInstant(inForceAtF.effectiveTo, timing.to)) continue;
    }
    out.push({
      enterprise,
      order,
      orderId: current?.orderId ?? randomUUID(),
      isNewOrder: !current,
      versionId: randomUUID(),
      modification: current ? current.modification + 1 : 1,
      supersedesVersionId: current?.currentVersionId ?? null,
      key,
      ends: trivial,
      effectiveTo,
      last: timing.mode === 'replace' || later === null,
    });
  }
  return out;
}
