// Read model: what the reduction accounting of an issued directive reads at an instant — the directive, the county level histories, the versions in force with each line's confirmations, status report and latest finding, and the meter readings — across directives, order_versions, status_reports, findings, power_readings and county_levels.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { inForceAt } from '../orders/version-in-force.js';
import type { ResponseLevelContext } from '../rules/levels/response-level.machine.js';
import type { OrderLine, OrderLineRequirement } from '../rules/orders/order.types.js';
import type { Reason } from '../rules/reason.js';

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

// The reasons are not loaded: the accounting never reads them.
const NO_REASONS: readonly Reason[] = Object.freeze([]);

/** The version in force at the instant, with the evidence about its lines known by then. */
export interface VersionEvidence {
  versionId: string;
  enterpriseCode: string;
  level: string;
  ends: boolean;
  /** The order lines as stored, but without their reasons (always empty here). */
  lines: OrderLine[];
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

// The versions in force at $1 in the counties $2 (the one "in force at t"): only what identifies
// them, so that the sort carries narrow rows; what they say is read by id (and kept, see \`terms\`).
const VERSIONS = `SELECT DISTINCT ON (v.enterprise_code) v.id, v.enterprise_code, v.effective_from, v.ends, v.implementation
       FROM order_versions v WHERE ${inForceAt('v', '$1')} AND v.county = ANY($2)
       ORDER BY v.enterprise_code, v.effective_from DESC, v.created_at DESC`;

/** Epoch milliseconds of a timestamptz, as a float8 (what Date.getTime() answers; no Date parsing per row). */
const epochMs = (col: string): string => `floor(extract(epoch FROM ${col}) * 1000)::float8`;

/** An order line array's requirement fields, one array each (their reasons stay in the database). */
const LINE_FIELDS = ['code', 'action', 'maxLoadPercent', 'stoppedCells', 'noKilnBanking'] as const;
const lineFieldArrays = (col: string): string => LINE_FIELDS.map((f) => `jsonb_path_query_array(${col}, '$[*].${f}') AS "l_${f}"`).join(', ');
type LineFieldArrays = { [F in (typeof LINE_FIELDS)[number] as `l_${F}`]: Array<OrderLineRequirement[F]> };

/** The lines back from the field arrays; null when a line lacks a field (a lax path skips it, so the arrays do not line up). */
function zipLines(r: LineFieldArrays): OrderLine[] | null {
  const n = r.l_code.length;
  if (r.l_action.length !== n || r.l_maxLoadPercent.length !== n || r.l_stoppedCells.length !== n || r.l_noKilnBanking.length !== n) return null;
  const out: OrderLine[] = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = { code: r.l_code[i]!, action: r.l_action[i]!, maxLoadPercent: r.l_maxLoadPercent[i]!, stoppedCells: r.l_stoppedCells[i]!, noKilnBanking: r.l_noKilnBanking[i]!, reasons: NO_REASONS };
  }
  return out;
}

/** What a version orders: written once, never updated (a change is a new version), so kept by id. */
type VersionTerms = Pick<VersionEvidence, 'level' | 'ends' | 'lines' | 'maxLoadPercent' | 'stoppedCapacityPercent'>;

/** Ids per query when reading terms. */
const TERMS_CHUNK = 20_000;
/** Terms kept beyond those of the latest call before the others are dropped. */
const TERMS_SLACK = 50_000;

@Injectable()
export class ReductionEvidenceReadModel {
  /** What each version read so far orders, by id (see VersionTerms); bounded to about the latest call's versions. */
  private terms = new Map<string, VersionTerms>();

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
   * The versions in force at `at` with their lines' evidence, and the meter readings of their
   * lines from `windowDays` before each version's start up to `at` (per enterprise and line in
   * time order), in one query. What a version orders is read once per version and kept (it
   * never changes); its evidence is read every time.
   */
  async evidence(at: Date, counties: string[], windowDays: number, manager: EntityManager = this.dataSource.manager): Promise<{ versions: VersionEvidence[]; readings: ReadingRow[] }> {
    type Row = Pick<VersionEvidence, 'versionId' | 'enterpriseCode' | 'effectiveFromMs' | 'report'> & {
      implementation: VersionEvidence['implementation'] | null;
      findings: VersionEvidence['findings'] | null;
      /** [line code, epoch ms, kW] per reading, by line and time. */
      readings: Array<[string, number, number]> | null;
    };
    const rows: Row[] = await manager.query(
      // Set-based: the latest report, the latest finding per line and the meter readings of each version, each
      // joined once (not a subquery per version). In no particular order: the caller looks versions up by enterprise.
      `WITH v AS MATERIALIZED (${VERSIONS}),
       r AS (SELECT DISTINCT ON (s.order_version_id) s.order_version_id, jsonb_build_object('reportedAt', s.reported_at, 'lines', s.lines) AS report
             FROM status_reports s JOIN v ON v.id = s.order_version_id AND v.enterprise_code = s.enterprise_code WHERE s.reported_at <= $1
             ORDER BY s.order_version_id, s.reported_at DESC, s.id DESC),
       f AS (SELECT x.order_version_id, jsonb_agg(jsonb_build_object('lineCode', x.line_code, 'verdict', x.verdict, 'observedAt', x.observed_at) ORDER BY x.line_code) AS findings
             FROM (SELECT DISTINCT ON (f.order_version_id, f.line_code) f.order_version_id, f.line_code, f.verdict, f.observed_at
                   FROM findings f JOIN v ON v.id = f.order_version_id AND v.enterprise_code = f.enterprise_code WHERE f.observed_at <= $1 AND f.created_at <= $1
                   ORDER BY f.order_version_id, f.line_code, f.observed_at DESC, f.created_at DESC) x
             GROUP BY x.order_version_id),
       p AS (SELECT v.id AS order_version_id, json_agg(json_build_array(p.line_code, ${epochMs('p.at')}, p.kw) ORDER BY p.line_code, p.at) AS readings
             FROM v JOIN power_readings p ON p.enterprise_code = v.enterprise_code AND p.at >= v.effective_from - make_interval(days => $3::int) AND p.at <= $1
             WHERE NOT v.ends GROUP BY v.id)
       SELECT v.id AS "versionId", v.enterprise_code AS "enterpriseCode", ${epochMs('v.effective_from')} AS "effectiveFromMs",
              CASE WHEN v.implementation <> '{}' THEN (SELECT jsonb_object_agg(i.key, i.value) FROM jsonb_each(v.implementation) i WHERE (i.value->>'confirmedAt')::timestamptz <= $1) END AS implementation,
              r.report, f.findings, p.readings
       FROM v LEFT JOIN r ON r.order_version_id = v.id LEFT JOIN f ON f.order_version_id = v.id LEFT JOIN p ON p.order_version_id = v.id`,
      [at, counties, windowDays],
    );
    const missing = rows.filter((r) => !this.terms.has(r.versionId)).map((r) => r.versionId);
    for (let i = 0; i < missing.length; i += TERMS_CHUNK) await this.readTerms(manager, missing.slice(i, i + TERMS_CHUNK));
    const readings: ReadingRow[] = [];
    const versions = rows.map((r): VersionEvidence => {
      const t = this.terms.get(r.versionId)!;
      if (r.readings !== null) for (const [lineCode, atMs, kw] of r.readings) readings.push({ enterpriseCode: r.enterpriseCode, lineCode, atMs, kw });
      return {
        versionId: r.versionId,
        enterpriseCode: r.enterpriseCode,
        level: t.level,
        ends: t.ends,
        lines: t.lines,
        maxLoadPercent: t.maxLoadPercent,
        stoppedCapacityPercent: t.stoppedCapacityPercent,
        effectiveFromMs: r.effectiveFromMs,
        implementation: r.implementation ?? {},
        report: r.report,
        findings: r.findings ?? [],
      };
    });
    if (this.terms.size > rows.length + TERMS_SLACK) {
      const keep = new Map<string, VersionTerms>();
      for (const r of rows) keep.set(r.versionId, this.terms.get(r.versionId)!);
      this.terms = keep;
    }
    return { versions, readings };
  }

  /** Reads and keeps what these versions order; the lines of a version stored with some field missing are taken whole. */
  private async readTerms(manager: EntityManager, ids: string[]): Promise<void> {
    const rows: Array<Omit<VersionTerms, 'lines'> & LineFieldArrays & { id: string }> = await manager.query(
      `SELECT id, level, ends, max_load_percent AS "maxLoadPercent", stopped_capacity_percent AS "stoppedCapacityPercent", ${lineFieldArrays('lines')}
       FROM order_versions WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const ragged: string[] = [];
    for (const r of rows) {
      const lines = zipLines(r);
      if (lines === null) ragged.push(r.id);
      this.terms.set(r.id, { level: r.level, ends: r.ends, lines: lines ?? [], maxLoadPercent: r.maxLoadPercent, stoppedCapacityPercent: r.stoppedCapacityPercent });
    }
    if (ragged.length === 0) return;
    const whole: Array<{ id: string; lines: OrderLine[] }> = await manager.query(`SELECT id, lines FROM order_versions WHERE id = ANY($1::uuid[])`, [ragged]);
    for (const w of whole) this.terms.get(w.id)!.lines = w.lines.map((l) => ({ ...l, reasons: NO_REASONS }));
  }
}
