// Read model: a draw's candidates in one statement over orders, registry and inspections (no 100,000-code parameters).
import type { EntityManager } from 'typeorm';
import { inForceAt } from '../orders/version-in-force.js';

/** An enterprise under an order in force, active in the registry, with its risk signals. */
export interface DrawCandidateRow {
  code: string;
  county: string;
  /** Its version in force is past the receipt deadline without a receipt. */
  overdue: boolean;
  /** It has an open power-anomaly task. */
  power: boolean;
  /** Violations found at earlier inspections. */
  violations: number;
}

/**
 * The enterprises under an order in force at `at` whose registry entry is active, in code
 * order, with their risk signals: the same rows the draw read before in four statements (the
 * versions in force, then the registry, the open power tasks and the violations of every one
 * of their codes), now in one.
 */
export function drawCandidates(manager: EntityManager, at: Date): Promise<DrawCandidateRow[]> {
  return manager.query(
    `SELECT v.enterprise_code AS code, v.county, (v.acknowledged_at IS NULL AND v.ack_deadline < $1) AS overdue,
       (p.enterprise_code IS NOT NULL) AS power, coalesce(f.n, 0)::int AS violations
     FROM order_versions v
     JOIN enterprises e ON e.code = v.enterprise_code AND e.active
     LEFT JOIN (SELECT DISTINCT enterprise_code FROM inspection_tasks WHERE kind = 'power' AND status = 'open') p ON p.enterprise_code = v.enterprise_code
     LEFT JOIN (SELECT enterprise_code, count(*) AS n FROM findings WHERE verdict = 'violation' GROUP BY enterprise_code) f ON f.enterprise_code = v.enterprise_code
     WHERE ${inForceAt('v', '$1')} AND NOT v.ends
     ORDER BY v.enterprise_code`,
    [at],
  );
}
