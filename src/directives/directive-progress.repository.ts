// Read model: how far one directive has come per county (order_versions with their outbox rows, enterprises for the names of the late).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inForceAt } from '../orders/version-in-force.js';

export interface CountyProgress {
  county: string;
  orders: number;
  delivered: number;
  failed: number;
  acknowledged: number;
  implemented: number;
  overdue: number;
  /** Versions in force now, directed to start later, and replaced before they began. */
  inForce: number;
  ahead: number;
  replaced: number;
}

export interface OverdueVersionRow {
  enterprise_code: string;
  name: string;
  county: string;
  order_id: string;
  modification: number;
  ack_deadline: Date;
}

@Injectable()
export class DirectiveProgressRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per county (one county, or all when null), at `now`. */
  async counties(directiveId: string, now: Date, county: string | null): Promise<CountyProgress[]> {
    return this.dataSource.query(
      // The directive's outbox rows aggregated once per version (a hash join), not two lookups per version.
      `WITH d AS (
         SELECT o.order_version_id AS id, bool_or(o.status = 'sent') AS sent, bool_or(o.status IN ('sent', 'pending', 'sending', 'skipped')) AS live
         FROM outbox o JOIN order_versions w ON w.id = o.order_version_id
         WHERE w.directive_id = $1 AND ($3::text IS NULL OR w.county = $3) GROUP BY o.order_version_id)
       SELECT v.county,
              count(*)::int AS orders,
              count(*) FILTER (WHERE d.sent)::int AS delivered,
              count(*) FILTER (WHERE d.live IS NOT TRUE)::int AS failed,
              count(*) FILTER (WHERE v.acknowledged_at IS NOT NULL)::int AS acknowledged,
              count(*) FILTER (WHERE v.implemented_at IS NOT NULL)::int AS implemented,
              count(*) FILTER (WHERE v.acknowledged_at IS NULL AND v.status = 'current' AND v.ack_deadline < $2)::int AS overdue,
              count(*) FILTER (WHERE ${inForceAt('v', '$2')})::int AS "inForce",
              count(*) FILTER (WHERE v.status <> 'superseded' AND v.effective_from > $2)::int AS ahead,
              count(*) FILTER (WHERE v.status = 'superseded')::int AS replaced
       FROM order_versions v LEFT JOIN d ON d.id = v.id WHERE v.directive_id = $1 AND ($3::text IS NULL OR v.county = $3) GROUP BY v.county ORDER BY v.county`,
      [directiveId, now, county],
    );
  }

  /** Current versions past their acknowledgement deadline and not acknowledged, earliest deadline first (at most 1000). */
  async overdue(directiveId: string, now: Date, county: string | null): Promise<OverdueVersionRow[]> {
    return this.dataSource.query(
      `SELECT v.enterprise_code, e.name, v.county, v.order_id, v.modification, v.ack_deadline
       FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code
       WHERE v.directive_id = $1 AND v.acknowledged_at IS NULL AND v.status = 'current' AND v.ack_deadline < $2 AND ($3::text IS NULL OR v.county = $3)
       ORDER BY v.ack_deadline, v.enterprise_code LIMIT 1000`,
      [directiveId, now, county],
    );
  }
}
