import type { EntityManager } from 'typeorm';
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
 * Writes planned versions set-based: new orders, moved order heads, superseded versions and
 * the new versions, each one statement per chunk (json_to_recordset).
 */
export async function writeVersions(manager: EntityManager, directiveId: string, planned: PlannedVersion[], times: VersionTimes): Promise<void> {
  const CHUNK = 5000;
  for (let i = 0; i < planned.length; i += CHUNK) {
    const part = planned.slice(i, i + CHUNK);
    const heads = part.map((p) => ({
      id: p.orderId,
      enterprise_code: p.enterprise.code,
      county: p.enterprise.county,
      status: p.ends ? 'ended' : 'open',
      current_modification: p.modification,
      current_version_id: p.versionId,
      requirement_hash: p.hash,
    }));
    await manager.query(
      `INSERT INTO orders (id, enterprise_code, county, status, current_modification, current_version_id, requirement_hash, created_at)
       SELECT id, enterprise_code, county, status, current_modification, current_version_id, requirement_hash, $2
       FROM json_to_recordset($1::json) AS x(id uuid, enterprise_code text, county text, status text, current_modification int, current_version_id uuid, requirement_hash text)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, current_modification = EXCLUDED.current_modification,
         current_version_id = EXCLUDED.current_version_id, requirement_hash = EXCLUDED.requirement_hash`,
      [JSON.stringify(heads), times.createdAt],
    );
    const superseded = part.map((p) => p.supersedesVersionId).filter((v): v is string => v !== null);
    if (superseded.length > 0) await manager.query(`UPDATE order_versions SET status = 'superseded' WHERE id = ANY($1::uuid[])`, [superseded]);
    const versions = part.map((p) => ({
      id: p.versionId,
      order_id: p.orderId,
      modification: p.modification,
      enterprise_code: p.enterprise.code,
      county: p.enterprise.county,
      ends: p.ends,
      level: p.order.level,
      phase: p.order.phase?.phase ?? null,
      lines: p.order.lines,
      stopped_capacity_percent: p.order.stoppedCapacityPercent,
      max_load_percent: p.order.maxLoadPercent,
      notes: p.order.notes,
    }));
    await manager.query(
      `INSERT INTO order_versions (id, order_id, modification, directive_id, enterprise_code, county, status, ends, level, phase, lines,
         stopped_capacity_percent, max_load_percent, notes, effective_from, effective_to, ack_deadline, created_at)
       SELECT id, order_id, modification, $2, enterprise_code, county, 'current', ends, level, phase, lines,
         stopped_capacity_percent, max_load_percent, notes, $3, $4, $5, $6
       FROM json_to_recordset($1::json) AS x(id uuid, order_id uuid, modification int, enterprise_code text, county text, ends boolean,
         level text, phase text, lines jsonb, stopped_capacity_percent float8, max_load_percent float8, notes jsonb)`,
      [JSON.stringify(versions), directiveId, times.effectiveFrom, times.effectiveTo, times.ackDeadline, times.createdAt],
    );
  }
}
