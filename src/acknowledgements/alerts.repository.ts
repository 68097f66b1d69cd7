import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SqlParams } from '../common/sql-params.js';
import { AlertEntity } from './alert.entity.js';
import type { AlertKind, NewAlert } from './alert.types.js';

/** The `alerts` table: raised once per dedupe key, resolved by hand or by what answers them. */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts alerts; answers the dedupe keys that were new. */
  async insertNew(manager: EntityManager, alerts: NewAlert[], at: Date): Promise<Set<string>> {
    if (alerts.length === 0) return new Set();
    const rows: Array<{ dedupe_key: string }> = await manager.query(
      `INSERT INTO alerts (dedupe_key, kind, stage, county, enterprise_code, order_version_id, message, created_at)
       SELECT dedupe_key, kind, stage, county, enterprise_code, order_version_id, message, $2
       FROM json_to_recordset($1::json) AS x(dedupe_key text, kind text, stage int, county text, enterprise_code text, order_version_id uuid, message text)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
      [
        JSON.stringify(
          alerts.map((a) => ({ dedupe_key: a.dedupeKey, kind: a.kind, stage: a.stage, county: a.county, enterprise_code: a.enterpriseCode, order_version_id: a.orderVersionId, message: a.message })),
        ),
        at,
      ],
    );
    return new Set(rows.map((r) => r.dedupe_key));
  }

  async page(q: { status: 'open' | 'resolved' | 'all'; county: string | null; kind?: string; page: number; pageSize: number }): Promise<[AlertEntity[], number]> {
    const qb = this.dataSource.getRepository(AlertEntity).createQueryBuilder('a').orderBy('a.id', 'DESC');
    if (q.county) qb.andWhere('a.county = :county', { county: q.county });
    if (q.kind) qb.andWhere('a.kind = :kind', { kind: q.kind });
    if (q.status === 'open') qb.andWhere('a.resolvedAt IS NULL');
    if (q.status === 'resolved') qb.andWhere('a.resolvedAt IS NOT NULL');
    return qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
  }

  /** One alert, locked to the end of the caller's transaction. */
  lock(manager: EntityManager, id: string): Promise<AlertEntity | null> {
    return manager.getRepository(AlertEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markResolved(manager: EntityManager, id: string, at: Date, by: string, note: string): Promise<void> {
    await manager.getRepository(AlertEntity).update({ id }, { resolvedAt: at, resolvedBy: by, resolutionNote: note });
  }

  /** Resolves a version's open alerts of these kinds (by whom and why, when a person did it). */
  async resolveForVersion(manager: EntityManager, versionId: string, kinds: AlertKind[], at: Date, by: { username: string; note: string } | null = null): Promise<void> {
    if (by) {
      await manager.query(`UPDATE alerts SET resolved_at = $2, resolved_by = $3, resolution_note = $4 WHERE order_version_id = $1 AND kind = ANY($5) AND resolved_at IS NULL`, [
        versionId,
        at,
        by.username,
        by.note,
        kinds,
      ]);
    } else {
      await manager.query(`UPDATE alerts SET resolved_at = $2 WHERE order_version_id = $1 AND kind = ANY($3) AND resolved_at IS NULL`, [versionId, at, kinds]);
    }
  }

  /** The same inside a caller's statement: a CTE resolving the alerts of the versions in CTE `source` (its column `id`). */
  sqlResolveForVersions(p: SqlParams, source: string, kinds: AlertKind[], at: string): string {
    if (!/^[a-z_]+$/.test(source) || !kinds.every((k) => /^[a-z_]+$/.test(k))) throw new Error('sqlResolveForVersions: identifiers only');
    return `resolved AS (
         UPDATE alerts SET resolved_at = ${at} WHERE order_version_id IN (SELECT id FROM ${source})
           AND kind IN (${kinds.map((k) => `'${k}'`).join(', ')}) AND resolved_at IS NULL RETURNING id)`;
  }

  /** Resolves the open alerts of a kind whose dedupe key starts with `prefix`. */
  async resolveByKeyPrefix(manager: EntityManager, kind: AlertKind, prefix: string, at: Date): Promise<void> {
    await manager.query(`UPDATE alerts SET resolved_at = $2 WHERE kind = $3 AND dedupe_key LIKE $1 AND resolved_at IS NULL`, [`${prefix}%`, at, kind]);
  }

  /** Resolves the open alerts of a kind about these enterprises. */
  async resolveForEnterprises(manager: EntityManager, kind: AlertKind, codes: string[], at: Date, by: string, note: string): Promise<void> {
    await manager.query(`UPDATE alerts SET resolved_at = $2, resolved_by = $3, resolution_note = $4 WHERE kind = $5 AND enterprise_code = ANY($1) AND resolved_at IS NULL`, [
      codes,
      at,
      by,
      note,
      kind,
    ]);
  }

  /** Stage-1 alerts of a kind still open since before `createdBy` and not yet escalated (no `<key>:2` alert). */
  async unescalated(
    manager: EntityManager,
    kind: AlertKind,
    createdBy: Date,
  ): Promise<Array<{ dedupeKey: string; county: string; enterpriseCode: string | null; orderVersionId: string | null; message: string }>> {
    const rows: Array<{ dedupe_key: string; county: string; enterprise_code: string | null; order_version_id: string | null; message: string }> = await manager.query(
      `SELECT a.dedupe_key, a.county, a.enterprise_code, a.order_version_id, a.message FROM alerts a
       WHERE a.kind = $2 AND a.stage = 1 AND a.resolved_at IS NULL AND a.created_at <= $1
         AND NOT EXISTS (SELECT 1 FROM alerts b WHERE b.dedupe_key = a.dedupe_key || ':2')`,
      [createdBy, kind],
    );
    return rows.map((r) => ({ dedupeKey: r.dedupe_key, county: r.county, enterpriseCode: r.enterprise_code, orderVersionId: r.order_version_id, message: r.message }));
  }
}
