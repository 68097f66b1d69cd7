// Predicates of the order timeline: SQL for any query over `order_versions` (the orders
// repository and the read models that join it), and the same "in force" for the versions
// the order timeline holds in memory.

/**
 * The one definition of "in force at t" (SQL, for version alias `v` and an instant param):
 * the version's interval [effective_from, effective_to) holds t, and it had been issued by
 * then. The directive writer keeps an enterprise's intervals disjoint, so at most one holds.
 * A version replaced before it began has an empty interval and never matches.
 */
export function inForceAt(alias: string, atParam: string): string {
  return `(${alias}.effective_from <= ${atParam} AND (${alias}.effective_to IS NULL OR ${alias}.effective_to > ${atParam}) AND ${alias}.created_at <= ${atParam} AND ${alias}.status <> 'superseded')`;
}

/**
 * `inForceAt` for a version held in memory (instants in ms; the memory holds no replaced
 * version): what the order timeline's copy answers with (src/orders/order-timeline-snapshot.service.ts).
 */
export function inForceAtMs(v: { from: number; to: number | null; createdAt: number }, t: number): boolean {
  return v.from <= t && (v.to === null || v.to > t) && v.createdAt <= t;
}

/** The same predicate over a span: the version was in force at some instant of [from, to). */
export function inForceDuring(alias: string, fromParam: string, toParam: string): string {
  return `(${alias}.effective_from < ${toParam} AND (${alias}.effective_to IS NULL OR ${alias}.effective_to > ${fromParam}) AND ${alias}.created_at < ${toParam} AND ${alias}.status <> 'superseded' AND ${alias}.effective_from < coalesce(${alias}.effective_to, 'infinity'))`;
}

/** In force at t or directed to start later (what an order list shows as of t). */
export function inForceOrAheadAt(alias: string, atParam: string): string {
  return `((${alias}.effective_to IS NULL OR ${alias}.effective_to > ${atParam}) AND ${alias}.created_at <= ${atParam} AND ${alias}.status <> 'superseded')`;
}
