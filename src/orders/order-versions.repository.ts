import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SqlParams } from '../common/sql-params.js';
import type { OrderLine } from '../rules/orders/order.types.js';
import { inForceAt, inForceOrAheadAt } from './version-in-force.js';

/** A version by its order and number, with what access checks and receipts need. */
export interface VersionRef {
  id: string;
  orderId: string;
  modification: number;
  enterpriseCode: string;
  county: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
}

/** A version locked for an implementation confirmation, with its order's head. */
export interface LockedVersion {
  id: string;
  orderId: string;
  modification: number;
  status: string;
  enterpriseCode: string;
  acknowledgedAt: Date | null;
  lines: Array<{ code: string; action: string }>;
  implementation: Record<string, { at: string; confirmedAt: string; by: string }>;
  currentModification: number;
  currentVersionId: string;
}

export interface VersionInForce {
  id: string;
  orderId: string;
  modification: number;
  ends: boolean;
  lines: OrderLine[];
  effectiveFrom: Date;
  /** null: until lifted (or until a later version takes over). */
  effectiveTo: Date | null;
  level: string;
  phase: string | null;
  createdAt: Date;
  /** First successful delivery of its notice, or null. */
  notifiedAt: Date | null;
  acknowledgedAt: Date | null;
}

const COLUMNS = 'v.id, v.order_id, v.modification, v.ends, v.lines, v.effective_from, v.effective_to, v.level, v.phase, v.created_at, v.notified_at, v.acknowledged_at, v.enterprise_code';

interface InForceRow {
  id: string;
  order_id: string;
  modification: number;
  ends: boolean;
  lines: OrderLine[];
  effective_from: Date;
  effective_to: Date | null;
  level: string;
  phase: string | null;
  created_at: Date;
  notified_at: Date | null;
  acknowledged_at: Date | null;
  enterprise_code: string;
}

function toVersion(row: InForceRow): VersionInForce {
  return {
    id: row.id,
    orderId: row.order_id,
    modification: row.modification,
    ends: row.ends,
    lines: row.lines,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    level: row.level,
    phase: row.phase,
    createdAt: row.created_at,
    notifiedAt: row.notified_at,
    acknowledgedAt: row.acknowledged_at,
  };
}

/**
 * The order version governing an enterprise at an instant. A closing version (`ends`)
 * means nothing restricted; null means no order at all.
 */
export async function versionInForce(manager: EntityManager, enterpriseCode: string, at: Date): Promise<VersionInForce | null> {
  const [row]: InForceRow[] = await manager.query(
    `SELECT ${COLUMNS} FROM order_versions v WHERE v.enterprise_code = $1 AND ${inForceAt('v', '$2')}
     ORDER BY v.effective_from DESC, v.created_at DESC LIMIT 1`,
    [enterpriseCode, at],
  );
  return row ? toVersion(row) : null;
}

/** The same question for many enterprises at once (lists, exports, reports), keyed by enterprise code. */
export async function versionsInForce(manager: EntityManager, at: Date, filter: { counties?: string[]; enterpriseCodes?: string[] } = {}): Promise<Map<string, VersionInForce>> {
  const rows: InForceRow[] = await manager.query(
    `SELECT DISTINCT ON (v.enterprise_code) ${COLUMNS} FROM order_versions v
     WHERE ${inForceAt('v', '$1')} AND ($2::text[] IS NULL OR v.county = ANY($2)) AND ($3::text[] IS NULL OR v.enterprise_code = ANY($3))
     ORDER BY v.enterprise_code, v.effective_from DESC, v.created_at DESC`,
    [at, filter.counties ?? null, filter.enterpriseCodes ?? null],
  );
  return new Map(rows.map((r) => [r.enterprise_code, toVersion(r)]));
}

/** A modification number PostgreSQL can hold: anything else names no version (rather than a database error). */
export function isModificationNumber(modification: number): boolean {
  return Number.isInteger(modification) && modification >= 1 && modification <= 2_147_483_647;
}

/** Where an order list page ended: its sort key (the start in microseconds since 1970, exact). */
export interface OrderListKey {
  county: string;
  enterpriseCode: string;
  effectiveFrom: string;
  id: string;
}

/** The tables `orders` and `order_versions`: reads and writes of what orders own. */
@Injectable()
export class OrderVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * One page of the versions in force at `at` or directed to start later (closing versions
   * left out), within the reader's scope (`scope` adds its SQL over `v.enterprise_code` and
   * `v.county` and its parameters), by county, enterprise, start and id; and their count
   * (unless `total` is already known). `after` (the sort key of the last row served) makes it
   * a keyset page, an index range of idx_order_versions_list; else `page` is an offset.
   */
  async page(
    q: { at: Date; inForceOnly?: boolean; county?: string; enterpriseCode?: string; pending?: boolean; page: number; pageSize: number },
    scope: (columns: { code: string; county: string }, params: unknown[]) => string | Promise<string>,
    keyset: { after: OrderListKey | null; total: number | null } = { after: null, total: null },
  ): Promise<{ ids: string[]; total: number; last: OrderListKey | null }> {
    const params: unknown[] = [q.at];
    const where: string[] = [inForceOrAheadAt('v', '$1'), 'NOT v.ends', await scope({ code: 'v.enterprise_code', county: 'v.county' }, params)];
    if (q.inForceOnly) where.push(inForceAt('v', '$1'));
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql.replace(/\?/g, () => `$${params.push(values.shift())}`));
    };
    if (q.county) add('v.county = ?', q.county);
    if (q.enterpriseCode) add('v.enterprise_code = ?', q.enterpriseCode);
    if (q.pending) where.push('v.acknowledged_at IS NULL');
    const from = `FROM order_versions v WHERE ${where.join(' AND ')}`;
    const total = keyset.total ?? (await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params))[0].total;
    const a = keyset.after;
    if (a)
      add(`(v.county, v.enterprise_code, v.effective_from, v.id) > (?, ?, timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::uuid)`, a.county, a.enterpriseCode, a.effectiveFrom, a.id);
    const rows: Array<{ id: string; county: string; enterprise_code: string; effective_from: string }> = await this.dataSource.query(
      `SELECT v.id, v.county, v.enterprise_code, (extract(epoch FROM v.effective_from) * 1000000)::bigint::text AS effective_from FROM order_versions v WHERE ${where.join(' AND ')}
       ORDER BY v.county, v.enterprise_code, v.effective_from, v.id LIMIT ${q.pageSize}${a ? '' : ` OFFSET ${(q.page - 1) * q.pageSize}`}`,
      params,
    );
    const l = rows.at(-1);
    return { ids: rows.map((r) => r.id), total, last: l ? { county: l.county, enterpriseCode: l.enterprise_code, effectiveFrom: l.effective_from, id: l.id } : null };
  }

  /** Every version of an order, by number. */
  async idsOfOrder(orderId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM order_versions WHERE order_id = $1 ORDER BY modification', [orderId]);
    return rows.map((r) => r.id);
  }

  /** The version `modification` of an order, or null; `lock` holds its row to the end of the transaction. */
  async findRef(orderId: string, modification: number, opts: { manager?: EntityManager; lock?: boolean } = {}): Promise<VersionRef | null> {
    if (!isModificationNumber(modification)) return null;
    const [row]: Array<{ id: string; order_id: string; modification: number; enterprise_code: string; county: string; created_at: Date; acknowledged_at: Date | null }> = await this.m(
      opts.manager,
    ).query(`SELECT id, order_id, modification, enterprise_code, county, created_at, acknowledged_at FROM order_versions WHERE order_id = $1 AND modification = $2${opts.lock ? ' FOR UPDATE' : ''}`, [
      orderId,
      modification,
    ]);
    return row
      ? { id: row.id, orderId: row.order_id, modification: row.modification, enterpriseCode: row.enterprise_code, county: row.county, createdAt: row.created_at, acknowledgedAt: row.acknowledged_at }
      : null;
  }

  /**
   * The receipt as CTEs of a caller's statement (the hot path: one round trip, atomic without
   * BEGIN/COMMIT): `target` locks the version `modification` of the order (of that enterprise
   * when given) with its order's head; `marked` holds its id when this statement is the first
   * receipt (a version replaced before it began is never marked).
   */
  sqlReceipt(p: SqlParams, r: { orderId: string; modification: string; enterpriseCode: string | null; at: string; by: string }): string {
    const orderId = p.add(r.orderId);
    const enterprise = p.add(r.enterpriseCode);
    return `target AS (
         SELECT v.id, v.status, v.acknowledged_at, v.acknowledged_by, o.current_modification, o.current_version_id
         FROM order_versions v JOIN orders o ON o.id = v.order_id
         WHERE v.order_id = ${orderId} AND v.modification = ${r.modification} AND (${enterprise}::text IS NULL OR v.enterprise_code = ${enterprise})
         FOR UPDATE OF v),
       marked AS (
         UPDATE order_versions v SET acknowledged_at = ${r.at}, acknowledged_by = ${r.by} FROM target
         WHERE v.id = target.id AND target.status = 'current' AND target.acknowledged_at IS NULL RETURNING v.id)`;
  }

  /** Locks a version (and reads its order's head) for the rest of the caller's transaction. */
  async lockForUpdate(manager: EntityManager, versionId: string): Promise<LockedVersion | null> {
    const [row] = await manager.query(
      `SELECT v.id, v.order_id, v.modification, v.status, v.enterprise_code, v.acknowledged_at, v.lines, v.implementation,
              o.current_modification, o.current_version_id
       FROM order_versions v JOIN orders o ON o.id = v.order_id WHERE v.id = $1 FOR UPDATE OF v`,
      [versionId],
    );
    if (!row) return null;
    return {
      id: row.id,
      orderId: row.order_id,
      modification: row.modification,
      status: row.status,
      enterpriseCode: row.enterprise_code,
      acknowledgedAt: row.acknowledged_at,
      lines: row.lines,
      implementation: row.implementation,
      currentModification: row.current_modification,
      currentVersionId: row.current_version_id,
    };
  }

  async setReceipt(manager: EntityManager, versionId: string, at: Date, by: string): Promise<void> {
    await manager.query('UPDATE order_versions SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1', [versionId, at, by]);
  }

  /** Confirmed lines; complete: the version's implementation time is kept (or set to `now`), else cleared. */
  async setImplementation(manager: EntityManager, versionId: string, implementation: Record<string, unknown>, complete: boolean, now: Date): Promise<void> {
    await manager.query('UPDATE order_versions SET implementation = $2, implemented_at = CASE WHEN $3 THEN coalesce(implemented_at, $4) ELSE NULL END WHERE id = $1', [
      versionId,
      JSON.stringify(implementation),
      complete,
      now,
    ]);
  }

  /**
   * The first delivery of a version's notice: its acknowledgement deadline counts from then
   * (the same span as from its issue), never from before the enterprise knew.
   */
  async markNotified(manager: EntityManager, versionIds: string[], at: Date): Promise<void> {
    if (versionIds.length === 0) return;
    await manager.query(
      `UPDATE order_versions v SET notified_at = $2, ack_deadline = greatest(v.ack_deadline, $2::timestamptz + (v.ack_deadline - v.created_at))
       WHERE v.id = ANY($1::uuid[]) AND v.notified_at IS NULL`,
      [versionIds, at],
    );
  }

  /** Those of these enterprises that ever had an order version. */
  async enterprisesWithVersions(manager: EntityManager, codes: string[]): Promise<Set<string>> {
    const rows: Array<{ enterprise_code: string }> = await manager.query('SELECT DISTINCT enterprise_code FROM order_versions WHERE enterprise_code = ANY($1)', [codes]);
    return new Set(rows.map((r) => r.enterprise_code));
  }

  /** An enterprise's versions directed to start after `now` and not replaced before they began, in order. */
  async aheadOf(manager: EntityManager, enterpriseCode: string, now: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT v.id FROM order_versions v WHERE v.enterprise_code = $1 AND v.effective_from > $2 AND ${inForceOrAheadAt('v', '$2')} AND v.effective_from < coalesce(v.effective_to, 'infinity')
       ORDER BY v.effective_from, v.modification`,
      [enterpriseCode, now],
    );
    return rows.map((r) => r.id);
  }
}
