import type { EntityManager } from 'typeorm';
import type { OrderLine } from '../rules/orders/order.types.js';

export interface VersionInForce {
  id: string;
  orderId: string;
  modification: number;
  ends: boolean;
  lines: OrderLine[];
  effectiveFrom: Date;
  /** null: until lifted (or until a later version takes over). */
  effectiveTo: Date | null;
  level: string;
  phase: string | null;
  createdAt: Date;
  /** First successful delivery of its notice, or null. */
  notifiedAt: Date | null;
  acknowledgedAt: Date | null;
}

/**
 * The one definition of "in force at t" (SQL, for version alias `v` and an instant param):
 * the version's interval [effective_from, effective_to) holds t, and it had been issued by
 * then. The directive writer keeps an enterprise's intervals disjoint, so at most one holds.
 * A version replaced before it began has an empty interval and never matches.
 */
export function inForceAt(alias: string, atParam: string): string {
  return `(${alias}.effective_from <= ${atParam} AND (${alias}.effective_to IS NULL OR ${alias}.effective_to > ${atParam}) AND ${alias}.created_at <= ${atParam} AND ${alias}.status <> 'superseded')`;
}

/** The same predicate over a span: the version was in force at some instant of [from, to). */
export function inForceDuring(alias: string, fromParam: string, toParam: string): string {
  return `(${alias}.effective_from < ${toParam} AND (${alias}.effective_to IS NULL OR ${alias}.effective_to > ${fromParam}) AND ${alias}.created_at < ${toParam} AND ${alias}.status <> 'superseded' AND ${alias}.effective_from < coalesce(${alias}.effective_to, 'infinity'))`;
}

/** In force at t or directed to start later (what an order list shows as of t). */
export function inForceOrAheadAt(alias: string, atParam: string): string {
  return `((${alias}.effective_to IS NULL OR ${alias}.effective_to > ${atParam}) AND ${alias}.created_at <= ${atParam} AND ${alias}.status <> 'superseded')`;
}

const COLUMNS = 'v.id, v.order_id, v.modification, v.ends, v.lines, v.effective_from, v.effective_to, v.level, v.phase, v.created_at, v.notified_at, v.acknowledged_at, v.enterprise_code';

interface Row {
  id: string;
  order_id: string;
  modification: number;
  ends: boolean;
  lines: OrderLine[];
  effective_from: Date;
  effective_to: Date | null;
  level: string;
  phase: string | null;
  created_at: Date;
  notified_at: Date | null;
  acknowledged_at: Date | null;
  enterprise_code: string;
}

function toVersion(row: Row): VersionInForce {
  return {
    id: row.id,
    orderId: row.order_id,
    modification: row.modification,
    ends: row.ends,
    lines: row.lines,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    level: row.level,
    phase: row.phase,
    createdAt: row.created_at,
    notifiedAt: row.notified_at,
    acknowledgedAt: row.acknowledged_at,
  };
}

/**
 * The order version governing an enterprise at an instant. A closing version (`ends`)
 * means nothing restricted; null means no order at all.
 */
export async function versionInForce(manager: EntityManager, enterpriseCode: string, at: Date): Promise<VersionInForce | null> {
  const [row]: Row[] = await manager.query(
    `SELECT ${COLUMNS} FROM order_versions v WHERE v.enterprise_code = $1 AND ${inForceAt('v', '$2')}
     ORDER BY v.effective_from DESC, v.created_at DESC LIMIT 1`,
    [enterpriseCode, at],
  );
  return row ? toVersion(row) : null;
}

/** The same question for many enterprises at once (lists, exports, reports), keyed by enterprise code. */
export async function versionsInForce(manager: EntityManager, at: Date, filter: { counties?: string[]; enterpriseCodes?: string[] } = {}): Promise<Map<string, VersionInForce>> {
  const rows: Row[] = await manager.query(
    `SELECT DISTINCT ON (v.enterprise_code) ${COLUMNS} FROM order_versions v
     WHERE ${inForceAt('v', '$1')} AND ($2::text[] IS NULL OR v.county = ANY($2)) AND ($3::text[] IS NULL OR v.enterprise_code = ANY($3))
     ORDER BY v.enterprise_code, v.effective_from DESC, v.created_at DESC`,
    [at, filter.counties ?? null, filter.enterpriseCodes ?? null],
  );
  return new Map(rows.map((r) => [r.enterprise_code, toVersion(r)]));
}
