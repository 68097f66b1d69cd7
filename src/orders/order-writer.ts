import type { EntityManager } from 'typeorm';
import { copyInTransaction } from '../database/copy-rows.js';
import type { OpenOrderRef, PlannedVersion } from './order-plan.js';

export interface VersionTimes {
  effectiveFrom: Date;
  effectiveTo: Date | null;
  ackDeadline: Date;
  createdAt: Date;
}

/** The open orders of these enterprises, locked for the directive's transaction. */
export async function loadOpenOrders(manager: EntityManager, codes: string[]): Promise<Map<string, OpenOrderRef>> {
  const out = new Map<string, OpenOrderRef>();
  const CHUNK = 20_000;
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows: Array<{ id: string; enterprise_code: string; current_version_id: string; current_modification: number; requirement_hash: string }> = await manager.query(
      `SELECT id, enterprise_code, current_version_id, current_modification, requirement_hash FROM orders
       WHERE status = 'open' AND enterprise_code = ANY($1) FOR UPDATE`,
      [codes.slice(i, i + CHUNK)],
    );
    for (const r of rows) out.set(r.enterprise_code, { orderId: r.id, currentVersionId: r.current_version_id, modification: r.current_modification, requirementHash: r.requirement_hash });
  }
  return out;
}

/**
 * Writes planned versions: new orders and every new version by COPY (fresh ids, in the
 * directive's transaction), moved order heads and superseded versions by one UPDATE each.
 */
export async function writeVersions(manager: EntityManager, directiveId: string, planned: PlannedVersion[], times: VersionTimes): Promise<void> {
  if (planned.length === 0) return;
  const created = times.createdAt;
  await copyInTransaction(
    manager,
    'orders',
    ['id', 'enterprise_code', 'county', 'status', 'current_modification', 'current_version_id', 'requirement_hash', 'created_at'],
    planned.filter((p) => p.isNewOrder).map((p) => [p.orderId, p.enterprise.code, p.enterprise.county, p.ends ? 'ended' : 'open', p.modification, p.versionId, p.hash, created]),
  );
  const moved = planned.filter((p) => !p.isNewOrder);
  const CHUNK = 20_000;
  for (let i = 0; i < moved.length; i += CHUNK) {
    const part = moved.slice(i, i + CHUNK);
    await manager.query(
      `UPDATE orders o SET status = x.status, current_modification = x.modification, current_version_id = x.version_id, requirement_hash = x.hash
       FROM json_to_recordset($1::json) AS x(id uuid, status text, modification int, version_id uuid, hash text) WHERE o.id = x.id`,
      [JSON.stringify(part.map((p) => ({ id: p.orderId, status: p.ends ? 'ended' : 'open', modification: p.modification, version_id: p.versionId, hash: p.hash })))],
    );
    await manager.query(`UPDATE order_versions SET status = 'superseded' WHERE id = ANY($1::uuid[])`, [part.map((p) => p.supersedesVersionId)]);
  }
  await copyInTransaction(
    manager,
    'order_versions',
    ['id', 'order_id', 'modification', 'directive_id', 'enterprise_code', 'county', 'status', 'ends', 'level', 'phase', 'lines', 'stopped_capacity_percent', 'max_load_percent', 'notes', 'effective_from', 'effective_to', 'ack_deadline', 'created_at', 'implementation'],
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
      times.effectiveFrom,
      times.effectiveTo,
      times.ackDeadline,
      created,
      {},
    ]),
  );
}
