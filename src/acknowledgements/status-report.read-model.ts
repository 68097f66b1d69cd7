// Read model: what status reports are checked and listed against, joined across the tables of
// the registry (enterprises, production_lines), directives (county_levels) and orders (orders),
// beside acknowledgements' own status_reports. Reads only.
import type { EntityManager } from 'typeorm';
import type { ResponseLevelContext } from '../rules/levels/response-level.machine.js';

/** An enterprise's name, county and line codes (in their registry order), or null when it is not registered. */
export async function reportingEnterprise(manager: EntityManager, code: string): Promise<{ name: string; county: string; lines: string[] } | null> {
  const [enterprise]: Array<{ name: string; county: string }> = await manager.query('SELECT name, county FROM enterprises WHERE code = $1', [code]);
  if (!enterprise) return null;
  const lines: Array<{ code: string }> = await manager.query('SELECT code FROM production_lines WHERE enterprise_code = $1 ORDER BY position', [code]);
  return { name: enterprise.name, county: enterprise.county, lines: lines.map((l) => l.code) };
}

/** Every county's level machine context (to tell which were under a warning at a moment). */
export async function countyLevelContexts(manager: EntityManager): Promise<Array<{ county: string; context: ResponseLevelContext }>> {
  const rows: Array<{ county: string; snapshot: { context: ResponseLevelContext } }> = await manager.query('SELECT county, snapshot FROM county_levels');
  return rows.map((r) => ({ county: r.county, context: r.snapshot.context }));
}

/** Enterprises with an open order in these counties and no report for `slot`. */
export async function openOrdersWithoutReport(manager: EntityManager, counties: string[], slot: Date): Promise<Array<{ code: string; name: string; county: string; versionId: string }>> {
  const rows: Array<{ code: string; name: string; county: string; version_id: string }> = await manager.query(
    `SELECT e.code, e.name, e.county, o.current_version_id AS version_id FROM orders o JOIN enterprises e ON e.code = o.enterprise_code
     WHERE o.status = 'open' AND o.county = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM status_reports r WHERE r.enterprise_code = o.enterprise_code AND r.slot = $2)`,
    [counties, slot],
  );
  return rows.map((r) => ({ code: r.code, name: r.name, county: r.county, versionId: r.version_id }));
}

/** The latest report per enterprise and slot (with `history`, every correction too), with the enterprise's name and county. */
export function listStatusReports(manager: EntityManager, q: { county: string | null; enterprise: string | null; slot: string | null; history: boolean }): Promise<unknown[]> {
  return manager.query(
    `SELECT * FROM (
       SELECT r.id::text AS id, r.enterprise_code AS "enterpriseCode", e.name, e.county, r.slot, r.reported_at AS "reportedAt", r.reported_by AS "reportedBy",
              r.lines, r.note, r.order_version_id AS "orderVersionId", r.discrepancies,
              row_number() OVER (PARTITION BY r.enterprise_code, r.slot ORDER BY r.reported_at DESC, r.id DESC) = 1 AS latest
       FROM status_reports r JOIN enterprises e ON e.code = r.enterprise_code
       WHERE ($1::text IS NULL OR e.county = $1) AND ($2::text IS NULL OR r.enterprise_code = $2) AND ($3::timestamptz IS NULL OR r.slot = $3)) x
     WHERE $4 OR latest
     ORDER BY slot DESC, "enterpriseCode", "reportedAt" DESC, id DESC LIMIT 1000`,
    [q.county, q.enterprise, q.slot, q.history],
  );
}
