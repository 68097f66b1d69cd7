// Read model: how far one directive has come per county (directive_progress, kept by triggers on order_versions and outbox; order_versions and outbox for the recomputation; enterprises for the names of the late).
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

const LIVE = `('sent', 'pending', 'sending', 'skipped')`;
const COLUMNS = 'directive_id, county, at, orders, delivered, failed, acknowledged, implemented, replaced, in_force, ahead, overdue';
const SUMS = 'sum(orders)::int, sum(delivered)::int, sum(failed)::int, sum(acknowledged)::int, sum(implemented)::int, sum(replaced)::int, sum(in_force)::int, sum(ahead)::int, sum(overdue)::int';
const NONZERO =
  'sum(orders) <> 0 OR sum(delivered) <> 0 OR sum(failed) <> 0 OR sum(acknowledged) <> 0 OR sum(implemented) <> 0 OR sum(replaced) <> 0 OR sum(in_force) <> 0 OR sum(ahead) <> 0 OR sum(overdue) <> 0';

/** The deltas of the versions `source` yields (columns and `sign`), as the triggers of migration 1796600014200 write them. */
function progressDeltasSql(source: string, notices: boolean): string {
  const t = (sql: string) => sql.replaceAll('sum(', 'sum(t.');
  return `INSERT INTO directive_progress (${COLUMNS})
    SELECT t.directive_id, t.county, t.at, ${t(SUMS)}
    FROM (SELECT v.directive_id, v.county, v.status, v.effective_from, v.effective_to, v.created_at, v.ack_deadline,
                 v.acknowledged_at IS NOT NULL AS acknowledged, v.implemented_at IS NOT NULL AS implemented,
                 ${notices ? 'coalesce(c.sent, 0) > 0' : 'false'} AS sent, ${notices ? 'coalesce(c.live, 0) > 0' : 'false'} AS live, sum(v.sign)::int AS n
          FROM (${source}) v${notices ? ' LEFT JOIN order_version_notices c ON c.order_version_id = v.id' : ''}
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) g
    CROSS JOIN LATERAL directive_progress_terms(g.directive_id, g.county, g.status, g.effective_from, g.effective_to, g.created_at, g.ack_deadline, g.acknowledged, g.implemented, g.sent, g.live, g.n) t
    GROUP BY 1, 2, 3 HAVING ${t(NONZERO)}`;
}

/**
 * Directive progress from `directive_progress` (signed deltas per directive, county and
 * instant, written by the triggers of migration 1796600014200 in the transaction of every
 * version and outbox change): a read sums O(counties × instants) rows, never the orders.
 */
@Injectable()
export class DirectiveProgressRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per county (one county, or all when null), at `now`: the deltas up to `now` (one index range), summed. */
  async counties(directiveId: string, now: Date, county: string | null): Promise<CountyProgress[]> {
    return this.dataSource.query(
      `SELECT county, sum(orders)::int AS orders, sum(delivered)::int AS delivered, sum(failed)::int AS failed, sum(acknowledged)::int AS acknowledged,
              sum(implemented)::int AS implemented, sum(overdue)::int AS overdue, sum(in_force)::int AS "inForce", sum(ahead)::int AS ahead, sum(replaced)::int AS replaced
       FROM directive_progress WHERE directive_id = $1 AND at <= $2 AND ($3::text IS NULL OR county = $3)
       GROUP BY county HAVING sum(orders) > 0 ORDER BY county`,
      [directiveId, now, county],
    );
  }

  /**
   * The same figures recomputed from order_versions and outbox (O(orders)): the definition the
   * counters are checked against, and what `rebuild` restores them from.
   */
  async recompute(directiveId: string, now: Date, county: string | null): Promise<CountyProgress[]> {
    // The escalation ladder's rows chase a version; only its notice counts as delivery (migration 1796600014700).
    return this.dataSource.query(
      `WITH d AS (
         SELECT o.order_version_id AS id, bool_or(o.status = 'sent') AS sent, bool_or(o.status IN ${LIVE}) AS live
         FROM outbox o JOIN order_versions w ON w.id = o.order_version_id
         WHERE o.kind <> 'ladder' AND w.directive_id = $1 AND ($3::text IS NULL OR w.county = $3) GROUP BY o.order_version_id)
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

  /**
   * Repair: the counters of every directive recomputed from scratch, with writers of versions
   * and outbox held off for the moment it takes.
   */
  async rebuild(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE order_versions, outbox IN SHARE ROW EXCLUSIVE MODE');
      await m.query('DELETE FROM order_version_notices');
      await m.query('DELETE FROM directive_progress');
      await m.query(
        `INSERT INTO order_version_notices (order_version_id, sent, live)
         SELECT o.order_version_id, count(*) FILTER (WHERE o.status = 'sent'), count(*) FILTER (WHERE o.status IN ${LIVE})
         FROM outbox o JOIN order_versions v ON v.id = o.order_version_id WHERE o.kind <> 'ladder' GROUP BY 1`,
      );
      await m.query(progressDeltasSql('SELECT v.*, 1 AS sign FROM order_versions v', true));
    });
  }

  /**
   * Folds the deltas of each (directive, county, instant) into one row, and (with a `horizon`)
   * every instant up to it into one row at the horizon; rows summing to zero go. Answers how
   * many rows it removed. Reads at or after the horizon see the same sums; the service reads
   * progress at its clock's now, so the job passes a horizon a minute behind it. One caller
   * at a time (a transaction-scoped advisory lock; another finds it taken and answers 0).
   */
  async compact(horizon: Date | null = null): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock(hashtext('directive_progress_compaction')) AS locked`);
      if (!locked) return 0;
      const [{ before, after }] = await m.query(
        `WITH s AS (SELECT p.id, p.directive_id, p.county, p.at, CASE WHEN $1::timestamptz IS NOT NULL AND p.at <= $1 AND p.at <> '-infinity' THEN $1::timestamptz ELSE p.at END AS target
                    FROM directive_progress p),
         g AS (SELECT s.directive_id, s.county, s.target FROM s JOIN directive_progress p ON p.id = s.id GROUP BY 1, 2, 3
               HAVING count(*) > 1 OR bool_or(s.at <> s.target) OR (${NONZERO.replaceAll('sum(', 'sum(p.')}) IS NOT TRUE),
         gone AS (DELETE FROM directive_progress p USING s JOIN g ON g.directive_id = s.directive_id AND g.county = s.county AND g.target = s.target
                  WHERE p.id = s.id RETURNING s.target, p.*),
         kept AS (INSERT INTO directive_progress (${COLUMNS})
                  SELECT directive_id, county, target, ${SUMS} FROM gone GROUP BY 1, 2, 3 HAVING ${NONZERO} RETURNING 1)
         SELECT (SELECT count(*) FROM gone)::int AS before, (SELECT count(*) FROM kept)::int AS after`,
        [horizon],
      );
      return before - after;
    });
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
