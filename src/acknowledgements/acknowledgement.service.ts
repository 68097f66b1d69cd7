import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { DomainError } from '../common/domain-error.js';
import { OrderErrorCode } from '../orders/orders.errors.js';
import { checkObservedAt, timeRefused } from '../common/time-window.js';
import { ConfigService } from '../config/config.service.js';
import { loadVersionViews, type OrderVersionView } from '../orders/order-view.js';
import { currentRequestId } from '../logging/request-context.js';
import { Clock } from '../common/clock.js';

interface LockedVersion {
  id: string;
  order_id: string;
  modification: number;
  status: string;
  enterprise_code: string;
  acknowledged_at: Date | null;
  lines: Array<{ code: string; action: string }>;
  implementation: Record<string, { at: string; confirmedAt: string; by: string }>;
  current_modification: number;
  current_version_id: string;
}

export interface AckReceipt {
  orderId: string;
  modification: number;
  versionId: string;
  acknowledgedAt: string;
  acknowledgedBy: string;
  /** true when this call found it acknowledged already (idempotent repeat). */
  alreadyAcknowledged: boolean;
}

/**
 * Receipt (签收) and implementation confirmation of an order version, by link or by API.
 * Both are idempotent; a version replaced before it began refuses both and names the latest one.
 */
@Injectable()
export class AcknowledgementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  private async lockVersion(manager: EntityManager, versionId: string): Promise<LockedVersion> {
    const [row]: LockedVersion[] = await manager.query(
      `SELECT v.id, v.order_id, v.modification, v.status, v.enterprise_code, v.acknowledged_at, v.lines, v.implementation,
              o.current_modification, o.current_version_id
       FROM order_versions v JOIN orders o ON o.id = v.order_id WHERE v.id = $1 FOR UPDATE OF v`,
      [versionId],
    );
    if (!row) throw new DomainError(OrderErrorCode.ORDER_NOT_FOUND, 'No such order version.');
    if (row.status === 'superseded') {
      throw new DomainError(
        OrderErrorCode.ORDER_SUPERSEDED,
        `Version ${row.modification} of this order was replaced before it began (latest version: ${row.current_modification}); acknowledge the versions in force or still ahead, whose notices were sent.`,
        { orderId: row.order_id, currentModification: row.current_modification, currentVersionId: row.current_version_id },
      );
    }
    return row;
  }

  /**
   * Receipt implied by an implementation confirmation, inside its transaction (which already
   * holds the row's lock, so the API's one-statement receipt cannot be used from here).
   */
  private async markAcknowledged(manager: EntityManager, row: LockedVersion, actor: Actor): Promise<void> {
    const now = this.clock.now();
    await manager.query('UPDATE order_versions SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1', [row.id, now, actor.username]);
    await manager.query(`UPDATE alerts SET resolved_at = $2 WHERE order_version_id = $1 AND kind IN ('ack_reminder', 'ack_overdue') AND resolved_at IS NULL`, [row.id, now]);
    await this.audit.record(manager, actor, [{ action: 'order.acknowledge', entityType: 'order_version', entityId: row.id, before: null, after: { modification: row.modification, at: now.toISOString() } }]);
  }

  /**
   * The API's receipt, in one statement on the hot path: lock, check and mark together. Only
   * a first acknowledgement also writes its audit entry and resolves the reminders.
   */
  async acknowledgeByNumber(orderId: string, modification: number, enterpriseCode: string | null, actor: Actor): Promise<AckReceipt> {
    const now = this.clock.now();
    // One statement, so one round trip and atomic without BEGIN/COMMIT: lock and check the
    // version, mark it, resolve its reminders and, only when this call is the first
    // acknowledgement, write its audit entry in a hash chain: audit_chain_claim takes a chain
    // and its head, and the row's hash is the HMAC AuditService computes (chainHash: the RFC
    // 8785 JSON of the same fields, built here; HMAC from the key pads with sha256()).
    // A named (prepared) statement: planning this CTE on every call cost more than running it.
    const chain = this.audit.sqlChain();
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const { rows: [row] } = await pool.query({ name: 'hazeops.acknowledge', text:
      `WITH target AS (
         SELECT v.id, v.status, v.acknowledged_at, v.acknowledged_by, o.current_modification, o.current_version_id
         FROM order_versions v JOIN orders o ON o.id = v.order_id
         WHERE v.order_id = $1 AND v.modification = $2 AND ($3::text IS NULL OR v.enterprise_code = $3)
         FOR UPDATE OF v),
       marked AS (
         UPDATE order_versions v SET acknowledged_at = $4, acknowledged_by = $5 FROM target
         WHERE v.id = target.id AND target.status = 'current' AND target.acknowledged_at IS NULL RETURNING v.id),
       resolved AS (
         UPDATE alerts SET resolved_at = $4 WHERE order_version_id IN (SELECT id FROM marked)
           AND kind IN ('ack_reminder', 'ack_overdue') AND resolved_at IS NULL RETURNING id),
       claim AS (
         SELECT c.chain, c.seq, c.hash, date_trunc('milliseconds', now()) AS at
         FROM audit_chain_claim($9, $10, 0) c WHERE EXISTS (SELECT 1 FROM marked)),
       entry AS (
         SELECT m.id::text AS entity_id, cl.chain, coalesce(cl.seq, 0) + 1 AS seq, coalesce(cl.hash, repeat('0', 64)) AS prev_hash, cl.at
         FROM marked m CROSS JOIN claim cl),
       message AS (
         SELECT e.*, '[' || e.chain || ',' || to_jsonb((e.seq)::text)::text || ',' || to_jsonb(e.prev_hash::text)::text || ','
           || to_jsonb(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text || ',' || to_jsonb($5::text)::text || ','
           || coalesce(to_jsonb($6::text)::text, 'null') || ',"order.acknowledge","order_version",' || to_jsonb(e.entity_id)::text
           || ',null,{"at":' || to_jsonb($8::text)::text || ',"modification":' || $2::int || '},' || coalesce(to_jsonb($7::text)::text, 'null') || ']' AS m
         FROM entry e),
       audited AS (
         INSERT INTO audit_log (at, actor, actor_role, action, entity_type, entity_id, before, after, request_id, chain, seq, prev_hash, hash)
         SELECT at, $5, $6, 'order.acknowledge', 'order_version', entity_id, NULL, jsonb_build_object('modification', $2::int, 'at', $8::text), $7,
                chain, seq, prev_hash, encode(sha256($12::bytea || sha256($11::bytea || convert_to(m, 'UTF8'))), 'hex')
         FROM message RETURNING id)
       SELECT target.*, EXISTS (SELECT 1 FROM marked) AS fresh FROM target`,
      values: [orderId, modification, enterpriseCode, now, actor.username, actor.role, currentRequestId(), now.toISOString(), chain.lockClass, chain.chains, chain.ipad, chain.opad],
    });
    if (!row) throw new DomainError(OrderErrorCode.ORDER_NOT_FOUND, 'No such order (or it is outside what you may see).');
    if (row.status === 'superseded') {
      throw new DomainError(
        OrderErrorCode.ORDER_SUPERSEDED,
        `Version ${modification} of this order was replaced before it began (latest version: ${row.current_modification}); acknowledge the versions in force or still ahead, whose notices were sent.`,
        { orderId, currentModification: row.current_modification, currentVersionId: row.current_version_id },
      );
    }
    return {
      orderId,
      modification,
      versionId: row.id,
      acknowledgedAt: (row.fresh ? now : (row.acknowledged_at as Date)).toISOString(),
      acknowledgedBy: row.fresh ? actor.username : row.acknowledged_by,
      alreadyAcknowledged: !row.fresh,
    };
  }

  /** Confirms when lines stopped (or went to their limit); implies receipt. */
  async confirmImplementation(versionId: string, lines: Array<{ line: string; at: Date }>, actor: Actor): Promise<OrderVersionView> {
    const refusals = lines.flatMap((l, i) => checkObservedAt(`lines[${i}].stoppedAt`, l.at, this.clock.now(), this.config.observationWindow()) ?? []);
    if (refusals.length > 0) throw timeRefused(refusals);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockVersion(manager, versionId);
      const restricted = new Set(row.lines.filter((l) => l.action !== 'run').map((l) => l.code));
      const wrong = lines.filter((l) => !restricted.has(l.line)).map((l) => l.line);
      if (wrong.length > 0) {
        throw new DomainError(OrderErrorCode.LINE_NOT_RESTRICTED, `This version does not ask ${wrong.join(', ')} to stop or limit; confirm only ${[...restricted].join(', ') || 'nothing'}.`, { lines: wrong });
      }
      if (!row.acknowledged_at) await this.markAcknowledged(manager, row, actor);
      const now = this.clock.now();
      const implementation = { ...row.implementation };
      for (const l of lines) implementation[l.line] = { at: l.at.toISOString(), confirmedAt: now.toISOString(), by: actor.username };
      const complete = [...restricted].every((code) => implementation[code]);
      await manager.query('UPDATE order_versions SET implementation = $2, implemented_at = CASE WHEN $3 THEN coalesce(implemented_at, $4) ELSE NULL END WHERE id = $1', [
        row.id,
        JSON.stringify(implementation),
        complete,
        now,
      ]);
      await this.audit.record(manager, actor, [{ action: 'order.implement', entityType: 'order_version', entityId: row.id, before: row.implementation, after: implementation }]);
      return (await loadVersionViews(manager, [versionId])).get(versionId)!;
    });
  }
}
