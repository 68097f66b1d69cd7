import type { EntityManager } from 'typeorm';
import { inForceAt } from './version-in-force.js';

/** An enterprise with a restricting version in force, and whether its receipt is overdue. */
export interface UnderOrder {
  enterpriseCode: string;
  county: string;
  /** Not acknowledged and past its acknowledgement deadline at that instant. */
  overdueAck: boolean;
}

/** The enterprises a version in force at `at` restricts (closing versions excluded), by code. */
export function enterprisesUnderOrder(manager: EntityManager, at: Date): Promise<UnderOrder[]> {
  return manager.query(
    `SELECT v.enterprise_code AS "enterpriseCode", v.county, (v.acknowledged_at IS NULL AND v.ack_deadline < $1) AS "overdueAck"
     FROM order_versions v WHERE ${inForceAt('v', '$1')} AND NOT v.ends ORDER BY v.enterprise_code`,
    [at],
  );
}
