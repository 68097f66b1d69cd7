import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlAuditEntries } from '../audit/audit-entries.sql.js';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { currentRequestId } from '../logging/request-context.js';
import { DomainError } from '../common/domain-error.js';
import { OrderErrorCode } from '../orders/orders.errors.js';
import { AcknowledgementErrorCode } from './acknowledgements.errors.js';
import { checkObservedAt, timeRefused } from '../common/time-window.js';
import { ConfigService } from '../config/config.service.js';
import { loadVersionViews, type OrderVersionView } from '../orders/order-view.js';
import { Clock } from '../common/clock.js';
import { SqlParams } from '../common/sql-params.js';
import type { Principal } from '../auth/role.js';
import { OrderVersionsRepository, type LockedVersion } from '../orders/order-versions.repository.js';
import { OrdersService } from '../orders/orders.service.js';
import { AlertsRepository } from './alerts.repository.js';
import type { ConfirmImplementationDto } from './dto/confirm-implementation.dto.js';

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
    private readonly versions: OrderVersionsRepository,
    private readonly orders: OrdersService,
    private readonly alerts: AlertsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** An enterprise acknowledges its own orders only: another's answers 404. */
  acknowledge(principal: Principal, orderId: string, modification: number): Promise<AckReceipt> {
    return this.acknowledgeByNumber(orderId, modification, principal.enterpriseCode ?? '(none)', principal);
  }

  /** An enterprise confirms implementation of its own orders only. */
  async implement(principal: Principal, orderId: string, modification: number, dto: ConfirmImplementationDto): Promise<OrderVersionView> {
    const version = await this.orders.versionForEnterprise(principal, orderId, modification);
    return this.confirmImplementation(
      version.id,
      dto.lines.map((l) => ({ line: l.line, at: new Date(l.stoppedAt) })),
      principal,
    );
  }

  private async lockVersion(manager: EntityManager, versionId: string): Promise<LockedVersion> {
    const row = await this.versions.lockForUpdate(manager, versionId);
    if (!row) throw new DomainError(OrderErrorCode.ORDER_NOT_FOUND, 'No such order version.');
    if (row.status === 'superseded') {
      throw new DomainError(
        OrderErrorCode.ORDER_SUPERSEDED,
        `Version ${row.modification} of this order was replaced before it began (latest version: ${row.currentModification}); acknowledge the versions in force or still ahead, whose notices were sent.`,
        { orderId: row.orderId, currentModification: row.currentModification, currentVersionId: row.currentVersionId },
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
    await this.versions.setReceipt(manager, row.id, now, actor.username);
    await this.alerts.resolveForVersion(manager, row.id, ['ack_reminder', 'ack_overdue'], now);
    await this.audit.record(manager, actor, [
      { action: 'order.acknowledge', entityType: 'order_version', entityId: row.id, before: null, after: { modification: row.modification, at: now.toISOString() } },
    ]);
  }

  /**
   * The API's receipt, in one statement on the hot path: lock, check and mark together. Only
   * a first acknowledgement also writes its audit entry and resolves the reminders.
   */
  async acknowledgeByNumber(orderId: string, modification: number, enterpriseCode: string | null, actor: Actor): Promise<AckReceipt> {
    const now = this.clock.now();
    // One statement, so one round trip and atomic without BEGIN/COMMIT: lock and check the
    // version, mark it, resolve its reminders and, only when this call is the first
    // acknowledgement, write its audit entry in the hash chain. Each owner writes its part
    // (orders the receipt, alerts the resolution, audit the chained entry).
    // A named (prepared) statement: planning this CTE on every call cost more than running it.
    const p = new SqlParams();
    const number = p.add(modification);
    const at = p.add(now);
    const by = p.add(actor.username);
    const atIso = p.add(now.toISOString());
    const text = `WITH ${this.versions.sqlReceipt(p, { orderId, modification: number, enterpriseCode, at, by })},
       ${this.alerts.sqlResolveForVersions(p, 'marked', ['ack_reminder', 'ack_overdue'], at)},
       receipt_entry AS (SELECT id::text AS entity_id FROM marked),
       ${sqlAuditEntries(p, this.audit.sqlChain(), 'receipt_entry', {
         actor,
         requestId: currentRequestId() ?? null,
         action: 'order.acknowledge',
         entityType: 'order_version',
         afterCanonical: `'{"at":' || to_jsonb(${atIso}::text)::text || ',"modification":' || ${number}::int || '}'`,
         afterJsonb: `jsonb_build_object('modification', ${number}::int, 'at', ${atIso}::text)`,
       })}
       SELECT target.*, EXISTS (SELECT 1 FROM marked) AS fresh FROM target`;
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const {
      rows: [row],
    } = await pool.query({ name: 'hazeops.acknowledge', text, values: p.values });
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
        throw new DomainError(
          AcknowledgementErrorCode.LINE_NOT_RESTRICTED,
          `This version does not ask ${wrong.join(', ')} to stop or limit; confirm only ${[...restricted].join(', ') || 'nothing'}.`,
          { lines: wrong },
        );
      }
      if (!row.acknowledgedAt) await this.markAcknowledged(manager, row, actor);
      const now = this.clock.now();
      const implementation = { ...row.implementation };
      for (const l of lines) implementation[l.line] = { at: l.at.toISOString(), confirmedAt: now.toISOString(), by: actor.username };
      const complete = [...restricted].every((code) => implementation[code]);
      await this.versions.setImplementation(manager, row.id, implementation, complete, now);
      await this.audit.record(manager, actor, [{ action: 'order.implement', entityType: 'order_version', entityId: row.id, before: row.implementation, after: implementation }]);
      return (await loadVersionViews(manager, [versionId])).get(versionId)!;
    });
  }
}
