import type { EntityManager } from 'typeorm';
import type { OrderLineRequirement } from '../rules/orders/order.types.js';

/** The order timeline's version: bumped by a trigger in the transaction of every write to it. */
export async function orderTimelineVersion(manager: EntityManager): Promise<number> {
  const rows: Array<{ version: string }> = await manager.query('SELECT version FROM order_timeline_version');
  return Number(rows[0]?.version ?? 0);
}

/** Each enterprise's latest order (by creation): the head a new version continues. */
export interface LatestOrderRow {
  enterprise_code: string;
  id: string;
  status: string;
  current_version_id: string;
  current_modification: number;
}

export interface TimelineVersionRow {
  enterprise_code: string;
  order_id: string;
  modification: number;
  ends: boolean;
  max_load_percent: number | null;
  /** The requirement part of each line only (reasons left in the database). */
  lines: Array<OrderLineRequirement>;
  effective_from: Date;
  effective_to: Date | null;
  created_at: Date;
}

export async function loadLatestOrders(manager: EntityManager): Promise<LatestOrderRow[]> {
  return manager.query(
    `SELECT DISTINCT ON (enterprise_code) enterprise_code, id, status, current_version_id, current_modification
     FROM orders ORDER BY enterprise_code, created_at DESC`,
  );
}

/**
 * The part of the timeline a directive starting at or after `since` can meet: every version
 * not replaced that is not over by then, and of each latest order the last version over
 * by then (what was directed just before, when nothing holds at the start).
 */
export async function loadTimelineVersions(manager: EntityManager, since: Date): Promise<TimelineVersionRow[]> {
  return manager.query(
    `WITH latest AS (SELECT DISTINCT ON (enterprise_code) id, status FROM orders ORDER BY enterprise_code, created_at DESC),
     ended AS (SELECT DISTINCT ON (b.order_id) b.id FROM order_versions b JOIN latest l ON l.id = b.order_id
               WHERE b.status <> 'superseded' AND b.effective_to <= $1 ORDER BY b.order_id, b.effective_from DESC, b.modification DESC)
     SELECT v.enterprise_code, v.order_id, v.modification, v.ends, v.max_load_percent, v.effective_from, v.effective_to, v.created_at,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('code', l->'code', 'action', l->'action', 'maxLoadPercent', l->'maxLoadPercent', 'stoppedCells', l->'stoppedCells', 'noKilnBanking', l->'noKilnBanking') ORDER BY i), '[]'::jsonb)
             FROM jsonb_array_elements(v.lines) WITH ORDINALITY AS x(l, i)) AS lines
     FROM order_versions v
     WHERE v.status <> 'superseded' AND (v.effective_to IS NULL OR v.effective_to > $1 OR v.id IN (SELECT id FROM ended))`,
    [since],
  );
}
