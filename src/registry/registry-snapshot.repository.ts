import type { EntityManager } from 'typeorm';

/** The NOTIFY channel the registry triggers send on (payload: the new version). */
export const REGISTRY_SNAPSHOT_CHANNEL = 'registry_snapshot';

/** The registry's version: bumped by a trigger in the transaction of every write to enterprises, lines or contacts. */
export async function registryVersion(manager: EntityManager): Promise<number> {
  const rows: Array<{ version: string }> = await manager.query('SELECT version FROM registry_snapshot_version');
  return Number(rows[0]?.version ?? 0);
}

/** The codes each version after `after` (up to `upTo`) touched, in version order. */
export async function registryChangesBetween(manager: EntityManager, after: number, upTo: number): Promise<Array<{ version: number; codes: string[] }>> {
  const rows: Array<{ version: string; codes: string[] }> = await manager.query('SELECT version, codes FROM registry_changes WHERE version > $1 AND version <= $2 ORDER BY version', [after, upTo]);
  return rows.map((r) => ({ version: Number(r.version), codes: r.codes }));
}
