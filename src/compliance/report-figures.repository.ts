// Read model: the daily report, the county ranking and the CSV exports read across modules —
// order_versions and directives (orders, directives), enterprises (registry), findings, evidence
// and teams (inspections), status_reports (acknowledgements), county_levels (directives) and
// ledger_entries (compliance). Read only; every write goes through the owning module.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { replicaReads, type ReplicaReads } from '../common/replica-reads.js';
import { inForceAt, inForceDuring, inForceOrAheadAt } from '../orders/version-in-force.js';
import type { ResponseLevelContext } from '../rules/levels/response-level.machine.js';

/** The exports' filters as SQL bounds. */
export interface ExportBounds {
  from: Date | null;
  to: Date | null;
  county: string | null;
  directiveId: string | null;
}

type Row = Record<string, unknown>;

/** The figures may lag the primary by the replica's replay delay (DATABASE_REPLICA_URL; without it they read the primary). */
@Injectable()
export class ReportFigures {
  private readonly reads: ReplicaReads;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.reads = replicaReads(dataSource);
  }

  /** Per county, for the day [from, to) as of `asOf`: orders, inspections, penalties, level machines, contradicting status reports. */
  daily(from: Date, to: Date, asOf: Date) {
    const q = <T>(sql: string, params: unknown[]) => this.reads.query(sql, params) as Promise<T[]>;
    return Promise.all([
      q<{ county: string; orders: number; acknowledged: number; implemented: number; overdue: number }>(
        `SELECT v.county, count(*)::int AS orders,
                count(*) FILTER (WHERE v.acknowledged_at IS NOT NULL AND v.acknowledged_at < $1)::int AS acknowledged,
                count(*) FILTER (WHERE v.implemented_at IS NOT NULL AND v.implemented_at < $1)::int AS implemented,
                count(*) FILTER (WHERE (v.acknowledged_at IS NULL OR v.acknowledged_at >= $1) AND v.ack_deadline < $1)::int AS overdue
         FROM order_versions v
         WHERE NOT v.ends AND ${inForceDuring('v', '$2', '$1')}
         GROUP BY v.county`,
        [asOf, from],
      ),
      q<{ county: string; inspections: number; findings: number; violations: number }>(
        `SELECT county, count(DISTINCT task_id)::int AS inspections, count(*)::int AS findings, count(*) FILTER (WHERE verdict = 'violation')::int AS violations
         FROM findings WHERE observed_at >= $1 AND observed_at < $2 GROUP BY county`,
        [from, asOf],
      ),
      q<{ county: string; amount: number }>(
        `SELECT county, coalesce(sum(amount), 0)::int AS amount FROM ledger_entries WHERE created_at >= $1 AND created_at < $2 AND voided_at IS NULL GROUP BY county`,
        [from, asOf],
      ),
      q<{ county: string; snapshot: { context: ResponseLevelContext } }>('SELECT county, snapshot FROM county_levels', []),
      q<{ county: string; n: number }>(
        `SELECT e.county, count(*)::int AS n FROM (
           SELECT DISTINCT ON (r.enterprise_code, r.slot) r.enterprise_code, r.discrepancies FROM status_reports r
           WHERE r.slot >= $1 AND r.slot < $2 AND r.reported_at < $3 ORDER BY r.enterprise_code, r.slot, r.reported_at DESC, r.id DESC) x
         JOIN enterprises e ON e.code = x.enterprise_code WHERE jsonb_array_length(x.discrepancies) > 0 GROUP BY e.county`,
        [from, to, asOf],
      ),
    ]);
  }

  /** A directive's id from its number or id; null when there is none. On the primary: a directive just issued is never "not found". */
  async directiveIdOf(ref: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM directives WHERE number = $1 OR id::text = $1', [ref]);
    return rows[0]?.id ?? null;
  }

  /** 指令单 rows: with `current`, the versions in force at `now` or ahead; otherwise those the bounds select. */
  orderRows(current: boolean, s: ExportBounds, now: Date): Promise<Row[]> {
    return this.reads.query(
      `SELECT v.county, v.enterprise_code, e.name, v.modification, v.status, d.number, v.level, v.phase, v.lines, v.stopped_capacity_percent, v.max_load_percent,
              v.effective_from, v.effective_to, v.ack_deadline, v.acknowledged_at, v.implemented_at, ${inForceAt('v', '$6')} AS in_force
       FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code JOIN directives d ON d.id = v.directive_id
       WHERE ($1::boolean IS FALSE OR (NOT v.ends AND ${inForceOrAheadAt('v', '$6')}))
         AND ($2::text IS NULL OR v.county = $2) AND ($3::uuid IS NULL OR v.directive_id = $3)
         AND ($4::timestamptz IS NULL OR (v.created_at >= $4 AND v.created_at < $5))
       ORDER BY v.county, v.enterprise_code, v.effective_from, v.modification`,
      [current, s.county, s.directiveId, s.from, s.to, now],
    );
  }

  findingRows(s: ExportBounds): Promise<Row[]> {
    return this.reads.query(
      `SELECT f.county, f.enterprise_code, e.name, f.line_code, f.observed_state, f.load_percent, f.observed_at, f.power_kw, f.inspector, t.name AS team, f.verdict, f.reason, d.number, f.notice_missing,
              (SELECT count(*)::int FROM evidence v WHERE v.finding_id = f.id) AS photos
       FROM findings f JOIN enterprises e ON e.code = f.enterprise_code LEFT JOIN teams t ON t.key = f.team
       LEFT JOIN order_versions ov ON ov.id = f.order_version_id LEFT JOIN directives d ON d.id = ov.directive_id
       WHERE ($1::text IS NULL OR f.county = $1) AND ($2::uuid IS NULL OR ov.directive_id = $2) AND ($3::timestamptz IS NULL OR (f.observed_at >= $3 AND f.observed_at < $4))
       ORDER BY f.observed_at`,
      [s.county, s.directiveId, s.from, s.to],
    );
  }

  ledgerRows(s: ExportBounds): Promise<Row[]> {
    return this.reads.query(
      `SELECT l.id, l.county, l.enterprise_code, e.name, l.item, l.amount, l.description, l.created_at, l.voided_at, l.void_reason, l.evidence
       FROM ledger_entries l LEFT JOIN enterprises e ON e.code = l.enterprise_code
       LEFT JOIN findings f ON f.id = l.finding_id LEFT JOIN order_versions ov ON ov.id = f.order_version_id
       WHERE ($1::text IS NULL OR l.county = $1) AND ($2::uuid IS NULL OR ov.directive_id = $2) AND ($3::timestamptz IS NULL OR (l.created_at >= $3 AND l.created_at < $4))
       ORDER BY l.created_at, l.id`,
      [s.county, s.directiveId, s.from, s.to],
    );
  }

  /** The ranking's conduct figures of a month [from, to) per county: orders issued and answered, enterprises inspected, violations. */
  async conduct(from: Date, to: Date) {
    const [orders, findings] = await Promise.all([
      this.reads.query(
        `SELECT county, count(*)::int AS orders, count(acknowledged_at)::int AS acknowledged, count(implemented_at)::int AS implemented
         FROM order_versions WHERE created_at >= $1 AND created_at < $2 AND NOT ends GROUP BY county`,
        [from, to],
      ) as Promise<Array<{ county: string; orders: number; acknowledged: number; implemented: number }>>,
      this.reads.query(
        `SELECT county, count(DISTINCT enterprise_code)::int AS inspected, count(*) FILTER (WHERE verdict = 'violation')::int AS violations
         FROM findings WHERE observed_at >= $1 AND observed_at < $2 GROUP BY county`,
        [from, to],
      ) as Promise<Array<{ county: string; inspected: number; violations: number }>>,
    ]);
    return { orders, findings };
  }
}
