// Read model: what the reduction accounting of an issued directive reads at an instant — the directive, the county level histories, the versions in force with each line's confirmations, status report and latest finding, and the meter readings — across directives, order_versions, status_reports, findings, power_readings and county_levels.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { inForceAt } from '../orders/version-in-force.js';
import type { ResponseLevelContext } from '../rules/levels/response-level.machine.js';
import type { OrderLine } from '../rules/orders/order.types.js';

export interface DirectiveWindow {
  id: string;
  number: string;
  /** issue | adjust | lift | expire | season | reconcile */
  kind: string;
  level: string | null;
  counties: string[];
  startsAt: Date;
  endsAt: Date | null;
  issuedAt: Date;
}

/** What the accounting reads of an order line: the requirement, not its reasons (most of the stored column). */
export type LineRequirementRow = Pick<OrderLine, 'code' | 'action' | 'maxLoadPercent' | 'stoppedCells' | 'noKilnBanking'>;

/** The version in force at the instant, with the evidence about its lines known by then. */
export interface VersionEvidence {
  versionId: string;
  enterpriseCode: string;
  county: string;
  level: string;
  ends: boolean;
  lines: LineRequirementRow[];
  maxLoadPercent: number | null;
  stoppedCapacityPercent: number;
  /** Epoch milliseconds (a number, not a Date: one per version is parsed at city scale). */
  effectiveFromMs: number;
  /** Per line: implementation confirmations made by the instant (confirmedAt, ISO). */
  implementation: Record<string, { at: string; confirmedAt: string }>;
  /** The latest status report filed under this version by the instant. */
  report: { reportedAt: string; lines: Array<{ line: string; state: string; loadPercent: number | null }> } | null;
  /** Per line, the latest finding under this version observed and recorded by the instant. */
  findings: Array<{ lineCode: string; verdict: string; observedAt: string }>;
}

export interface ReadingRow {
  enterpriseCode: string;
  lineCode: string;
  /** Epoch milliseconds. */
  atMs: number;
  kw: number;
}

// The versions in force at $1 in the counties $2 (the one "in force at t").
const VERSIONS = `SELECT DISTINCT ON (v.enterprise_code) v.id, v.enterprise_code, v.county, v.level, v.ends, v.lines, v.max_load_percent,
         v.stopped_capacity_percent, v.effective_from, v.implementation
       FROM order_versions v WHERE ${inForceAt('v', '$1')} AND v.county = ANY($2)
       ORDER BY v.enterprise_code, v.effective_from DESC, v.created_at DESC`;

/** Epoch milliseconds of a timestamptz, as a float8 (what Date.getTime() answers; no Date parsing per row). */
const epochMs = (col: string): string => `floor(extract(epoch FROM ${col}) * 1000)::float8`;

/** An order line array's requirement fields, one array each (their reasons stay in the database). */
const LINE_FIELDS = ['code', 'action', 'maxLoadPercent', 'stoppedCells', 'noKilnBanking'] as const;
const lineFieldArrays = (col: string): string => LINE_FIELDS.map((f) => `jsonb_path_query_array(${col}, '$[*].${f}') AS "l_${f}"`).join(', ');
type LineFieldArrays = { [F in (typeof LINE_FIELDS)[number] as `l_${F}`]: Array<LineRequirementRow[F]> };

/** The lines back from the field arrays; null when a line lacks a field (a lax path skips it, so the arrays do not line up). */
function zipLines(r: LineFieldArrays): LineRequirementRow[] | null {
  const n = r.l_code.length;
  if (r.l_action.length !== n || r.l_maxLoadPercent.length !== n || r.l_stoppedCells.length !== n || r.l_noKilnBanking.length !== n) return null;
  const out: LineRequirementRow[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { code: r.l_code[i]!, action: r.l_action[i]!, maxLoadPercent: r.l_maxLoadPercent[i]!, stoppedCells: r.l_stoppedCells[i]!, noKilnBanking: r.l_noKilnBanking[i]! };
  return out;
}

@Injectable()
export class ReductionEvidenceReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The level directives (issue, adjust) in force at some instant of [from, to), oldest first. */
  async levelDirectivesDuring(from: Date, to: Date): Promise<DirectiveWindow[]> {
    return this.dataSource.query(
      `SELECT id, number, kind, level, counties, starts_at AS "startsAt", ends_at AS "endsAt", issued_at AS "issuedAt" FROM directives
       WHERE kind IN ('issue', 'adjust') AND starts_at < $2 AND issued_at < $2 AND (ends_at IS NULL OR ends_at > $1) AND starts_at < coalesce(ends_at, 'infinity')
       ORDER BY issued_at, number`,
      [from, to],
    );
  }

  /**
   * Per county of the directive, when a later level directive (issue, adjust, lift, expiry)
   * covering it took over (its start), if one was issued and had started by `until`.
   */
  async takeovers(d: Pick<DirectiveWindow, 'id' | 'counties' | 'issuedAt'>, until: Date): Promise<Map<string, Date>> {
    const rows: Array<{ county: string; at: Date }> = await this.dataSource.query(
      // From its start, as the county's level machine takes it (a start within the tolerance before the issue included).
      `SELECT c AS county, min(s.starts_at) AS at FROM directives s CROSS JOIN LATERAL unnest(s.counties) c
       WHERE s.kind IN ('issue', 'adjust', 'lift', 'expire') AND s.id <> $1 AND s.issued_at > $2 AND c = ANY($3) AND s.starts_at <= $4 AND s.issued_at <= $4
       GROUP BY c`,
      [d.id, d.issuedAt, d.counties, until],
    );
    return new Map(rows.map((r) => [r.county, new Date(r.at)]));
  }

  async levelHistories(counties: string[]): Promise<Map<string, Pick<ResponseLevelContext, 'history'>>> {
    const rows: Array<{ county: string; context: Pick<ResponseLevelContext, 'history'> }> = await this.dataSource.query(
      `SELECT county, snapshot->'context' AS context FROM county_levels WHERE county = ANY($1)`,
      [counties],
    );
    return new Map(rows.map((r) => [r.county, r.context]));
  }

  /**
   * Two queries: the versions in force at `at` with their lines' evidence, and the meter
   * readings of their lines from `windowDays` before each version's start up to `at`.
   */
  async evidence(at: Date, counties: string[], windowDays: number, manager: EntityManager = this.dataSource.manager): Promise<{ versions: VersionEvidence[]; readings: ReadingRow[] }> {
    const rows: Array<Omit<VersionEvidence, 'lines'> & LineFieldArrays> = await manager.query(
      `WITH v AS (${VERSIONS})
       SELECT v.id AS "versionId", v.enterprise_code AS "enterpriseCode", v.county, v.level, v.ends, ${lineFieldArrays('v.lines')}, v.max_load_percent AS "maxLoadPercent",
              v.stopped_capacity_percent AS "stoppedCapacityPercent", ${epochMs('v.effective_from')} AS "effectiveFromMs",
              coalesce((SELECT jsonb_object_agg(i.key, i.value) FROM jsonb_each(v.implementation) i WHERE (i.value->>'confirmedAt')::timestamptz <= $1), '{}'::jsonb) AS implementation,
              (SELECT jsonb_build_object('reportedAt', s.reported_at, 'lines', s.lines) FROM status_reports s
                WHERE s.enterprise_code = v.enterprise_code AND s.order_version_id = v.id AND s.reported_at <= $1
                ORDER BY s.reported_at DESC, s.id DESC LIMIT 1) AS report,
              coalesce((SELECT jsonb_agg(jsonb_build_object('lineCode', f.line_code, 'verdict', f.verdict, 'observedAt', f.observed_at)) FROM (
                SELECT DISTINCT ON (f.line_code) f.line_code, f.verdict, f.observed_at FROM findings f
                WHERE f.enterprise_code = v.enterprise_code AND f.order_version_id = v.id AND f.observed_at <= $1 AND f.created_at <= $1
                ORDER BY f.line_code, f.observed_at DESC, f.created_at DESC) f), '[]'::jsonb) AS findings
       FROM v ORDER BY v.enterprise_code`,
      [at, counties],
    );
    const ragged = new Map<string, VersionEvidence>();
    const versions = rows.map(({ l_code, l_action, l_maxLoadPercent, l_stoppedCells, l_noKilnBanking, ...v }): VersionEvidence => {
      const lines = zipLines({ l_code, l_action, l_maxLoadPercent, l_stoppedCells, l_noKilnBanking });
      const out = { ...v, lines: lines ?? [] };
      if (lines === null) ragged.set(v.versionId, out);
      return out;
    });
    // A line stored without some field (an older row): those versions' lines as stored, whole.
    if (ragged.size > 0) {
      const whole: Array<{ id: string; lines: OrderLine[] }> = await manager.query(`SELECT id, lines FROM order_versions WHERE id = ANY($1)`, [[...ragged.keys()]]);
      for (const w of whole) ragged.get(w.id)!.lines = w.lines;
    }
    const readings: ReadingRow[] = await manager.query(
      `WITH v AS (${VERSIONS})
       SELECT p.enterprise_code AS "enterpriseCode", p.line_code AS "lineCode", ${epochMs('p.at')} AS "atMs", p.kw
       FROM v JOIN power_readings p ON p.enterprise_code = v.enterprise_code
        AND p.at >= v.effective_from - make_interval(days => $3::int) AND p.at <= $1
       WHERE NOT v.ends ORDER BY p.enterprise_code, p.line_code, p.at`,
      [at, counties, windowDays],
    );
    return { versions, readings };
  }
}
