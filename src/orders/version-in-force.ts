import type { EntityManager } from 'typeorm';
import type { OrderLine } from '../rules/orders/order.types.js';

export interface VersionInForce {
  id: string;
  orderId: string;
  modification: number;
  ends: boolean;
  lines: OrderLine[];
  effectiveFrom: Date;
  level: string;
  phase: string | null;
}

/**
 * The order version governing an enterprise at an instant: the latest one already issued
 * then whose effective start has come. A closing version (`ends`) means nothing restricted.
 */
export async function versionInForce(manager: EntityManager, enterpriseCode: string, at: Date): Promise<VersionInForce | null> {
  const [row] = await manager.query(
    `SELECT id, order_id, modification, ends, lines, effective_from, level, phase FROM order_versions
     WHERE enterprise_code = $1 AND effective_from <= $2 AND created_at <= $2
     ORDER BY effective_from DESC, created_at DESC, modification DESC LIMIT 1`,
    [enterpriseCode, at],
  );
  if (!row) return null;
  return { id: row.id, orderId: row.order_id, modification: row.modification, ends: row.ends, lines: row.lines, effectiveFrom: row.effective_from, level: row.level, phase: row.phase };
}
