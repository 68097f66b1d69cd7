import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { DirectiveErrorCode } from './directives.errors.js';
import { DomainError } from '../common/domain-error.js';
import { inForceAt } from '../orders/version-in-force.js';
import { Clock } from '../common/clock.js';

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

/** How far a directive has come, per county, and who is late. */
@Injectable()
export class DirectiveProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  async progress(principal: Principal, directiveId: string) {
    const [directive] = await this.dataSource
      .query('SELECT id, number, kind, level, counties, starts_at, ends_at, issued_at, issued_by FROM directives WHERE id = $1', [directiveId])
      .catch(() => []);
    if (!directive) throw new DomainError(DirectiveErrorCode.DIRECTIVE_NOT_FOUND, `No directive ${directiveId}.`);
    const countyFilter = this.access.countyFilter(principal);
    const now = this.clock.now();
    const counties: CountyProgress[] = await this.dataSource.query(
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
      [directiveId, now, countyFilter],
    );
    const overdue: Array<{ enterprise_code: string; name: string; county: string; order_id: string; modification: number; ack_deadline: Date }> = await this.dataSource.query(
      `SELECT v.enterprise_code, e.name, v.county, v.order_id, v.modification, v.ack_deadline
       FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code
       WHERE v.directive_id = $1 AND v.acknowledged_at IS NULL AND v.status = 'current' AND v.ack_deadline < $2 AND ($3::text IS NULL OR v.county = $3)
       ORDER BY v.ack_deadline, v.enterprise_code LIMIT 1000`,
      [directiveId, now, countyFilter],
    );
    return {
      directive: { id: directive.id, number: directive.number, kind: directive.kind, level: directive.level, counties: directive.counties, startsAt: directive.starts_at, endsAt: directive.ends_at, issuedAt: directive.issued_at, issuedBy: directive.issued_by },
      counties,
      overdue: overdue.map((o) => ({ enterpriseCode: o.enterprise_code, name: o.name, county: o.county, orderId: o.order_id, modification: o.modification, ackDeadline: o.ack_deadline.toISOString() })),
    };
  }
}
