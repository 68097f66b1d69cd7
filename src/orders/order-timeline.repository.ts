import type { EntityManager } from 'typeorm';
import { copyInTransaction } from '../common/copy-rows.js';
import type { OrderLine } from '../rules/orders/order.types.js';
import { hashOfKey, requirementKey, type OpenOrderRef, type PlannedVersion, type TimelineMode } from './order-plan.js';

export interface VersionTimes {
  /** Start of every new version's interval: the directive's start, never before it was issued. */
  effectiveFrom: Date;
  ackDeadline: Date;
  createdAt: Date;
  mode: TimelineMode;
}

interface OpenRow {
  id: string;
  enterprise_code: string;
  current_version_id: string;
  current_modification: number;
  before_lines: OrderLine[] | null;
  before_max: number | null;
  before_to: Date | null;
  later_from: Date | null;
}

/**
 * Each enterprise's latest order that still directs something at or after `from` (open, or
 * with a version not over yet), locked for the directive's transaction, with the timeline
 * around `from`: the version directed just before it (fill: the one holding at it) and the
 * next directed start. `lock: false` (a dry run): read only.
 */
export async function loadOpenOrders(manager: EntityManager, codes: string[], from: Date, mode: TimelineMode, lock = true): Promise<Map<string, OpenOrderRef>> {
  // replace: a version starting exactly at `from` is taken over; fill: it is what holds there.
  const [beforeOp, laterOp] = mode === 'replace' ? ['<', '>='] : ['<=', '>'];
  const out = new Map<string, OpenOrderRef>();
  const CHUNK = 20_000;
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows: OpenRow[] = await manager.query(
      `WITH latest AS (SELECT DISTINCT ON (enterprise_code) id FROM orders WHERE enterprise_code = ANY($1) ORDER BY enterprise_code, created_at DESC)
       SELECT o.id, o.enterprise_code, o.current_version_id, o.current_modification,
              b.lines AS before_lines, b.max_load_percent AS before_max, b.effective_to AS before_to,
              (SELECT min(l.effective_from) FROM order_versions l WHERE l.order_id = o.id AND l.status <> 'superseded' AND l.effective_from ${laterOp} $2) AS later_from
       FROM orders o JOIN latest ON latest.id = o.id
       LEFT JOIN LATERAL (SELECT lines, max_load_percent, effective_to FROM order_versions b
                          WHERE b.order_id = o.id AND b.status <> 'superseded' AND b.effective_from ${beforeOp} $2
                          ORDER BY b.effective_from DESC, b.modification DESC LIMIT 1) b ON true
       WHERE o.status = 'open' OR EXISTS (SELECT 1 FROM order_versions x WHERE x.order_id = o.id AND x.status <> 'superseded' AND NOT x.ends AND (x.effective_to IS NULL OR x.effective_to > $2))
       ${lock ? 'FOR UPDATE OF o' : ''}`,
      [codes.slice(i, i + CHUNK), from],
    );
    for (const r of rows) {
      out.set(r.enterprise_code, {
        orderId: r.id,
        currentVersionId: r.current_version_id,
        modification: r.current_modification,
        before: r.before_lines ? { requirementKey: requirementKey(r.before_max, r.before_lines), effectiveTo: r.before_to } : null,
        laterFrom: r.later_from,
      });
    }
  }
  return out;
}

/**
 * Writes planned versions. First the timeline makes room: versions of these enterprises
 * reaching past the new start end there, and (replace) those starting at or after it are
 * replaced before they began (empty interval, status superseded). Then new orders and every
 * new version by COPY (fresh ids, in the directive's transaction), order heads by one UPDATE.
 */
export async function writeVersions(manager: EntityManager, directiveId: string, planned: PlannedVersion[], times: VersionTimes): Promise<void> {
  if (planned.length === 0) return;
  const created = times.createdAt;
  const from = times.effectiveFrom;
  const CHUNK = 20_000;
  const codes = planned.map((p) => p.enterprise.code);
  for (let i = 0; i < codes.length; i += CHUNK) {
    await manager.query(
      `UPDATE order_versions SET
         effective_to = CASE WHEN effective_from >= $2 THEN effective_from ELSE $2 END,
         status = CASE WHEN effective_from >= $2 THEN 'superseded' ELSE status END
       WHERE enterprise_code = ANY($1) AND status <> 'superseded' AND (effective_to IS NULL OR effective_to > $2) AND ($3 OR effective_from <= $2)`,
      [codes.slice(i, i + CHUNK), from, times.mode === 'replace'],
    );
  }
  const statusOf = (p: PlannedVersion) => (p.ends && p.last ? 'ended' : 'open');
  await copyInTransaction(
    manager,
    'orders',
    ['id', 'enterprise_code', 'county', 'status', 'current_modification', 'current_version_id', 'requirement_hash', 'created_at'],
    planned.filter((p) => p.isNewOrder).map((p) => [p.orderId, p.enterprise.code, p.enterprise.county, statusOf(p), p.modification, p.versionId, hashOfKey(p.key), created]),
  );
  const moved = planned.filter((p) => !p.isNewOrder);
  for (let i = 0; i < moved.length; i += CHUNK) {
    const part = moved.slice(i, i + CHUNK);
    await manager.query(
      `UPDATE orders o SET status = x.status, current_modification = x.modification, current_version_id = x.version_id, requirement_hash = x.hash
       FROM json_to_recordset($1::json) AS x(id uuid, status text, modification int, version_id uuid, hash text) WHERE o.id = x.id`,
      [JSON.stringify(part.map((p) => ({ id: p.orderId, status: statusOf(p), modification: p.modification, version_id: p.versionId, hash: hashOfKey(p.key) })))],
    );
  }
  await copyInTransaction(
    manager,
    'order_versions',
    [
      'id',
      'order_id',
      'modification',
      'directive_id',
      'enterprise_code',
      'county',
      'status',
      'ends',
      'level',
      'phase',
      'lines',
      'stopped_capacity_percent',
      'max_load_percent',
      'notes',
      'effective_from',
      'effective_to',
      'ack_deadline',
      'created_at',
      'implementation',
    ],
    planned.map((p) => [
      p.versionId,
      p.orderId,
      p.modification,
      directiveId,
      p.enterprise.code,
      p.enterprise.county,
      'current',
      p.ends,
      p.order.level,
      p.order.phase?.phase ?? null,
      p.order.lines,
      p.order.stoppedCapacityPercent,
      p.order.maxLoadPercent,
      p.order.notes,
      from,
      p.effectiveTo,
      times.ackDeadline,
      created,
      {},
    ]),
  );
}

/** Those of these enterprises that have an open order. */
export async function withOpenOrders(manager: EntityManager, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows: Array<{ enterprise_code: string }> = await manager.query(`SELECT enterprise_code FROM orders WHERE status = 'open' AND enterprise_code = ANY($1) ORDER BY enterprise_code`, [codes]);
  return rows.map((r) => r.enterprise_code);
}
