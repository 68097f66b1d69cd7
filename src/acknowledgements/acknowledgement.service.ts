import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { DomainError, OrderErrorCode } from '../common/domain-error.js';
import { loadVersionViews, type OrderVersionView } from '../orders/order-view.js';
import { Clock } from '../scheduling/clock.js';

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

/**
 * Receipt (签收) and implementation confirmation of an order version, by link or by API.
 * Both are idempotent; a superseded version refuses both and names the current one.
 */
@Injectable()
export class AcknowledgementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
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
        `Version ${row.modification} of this order was replaced by version ${row.current_modification}; acknowledge the current version (a new notice was sent).`,
        { orderId: row.order_id, currentModification: row.current_modification, currentVersionId: row.current_version_id },
      );
    }
    return row;
  }

  async acknowledge(versionId: string, actor: Actor): Promise<OrderVersionView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockVersion(manager, versionId);
      if (!row.acknowledged_at) await this.markAcknowledged(manager, row, actor);
      return (await loadVersionViews(manager, [versionId])).get(versionId)!;
    });
  }

  private async markAcknowledged(manager: EntityManager, row: LockedVersion, actor: Actor): Promise<void> {
    const now = this.clock.now();
    await manager.query('UPDATE order_versions SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1', [row.id, now, actor.username]);
    await manager.query(`UPDATE alerts SET resolved_at = $2 WHERE order_version_id = $1 AND kind IN ('ack_reminder', 'ack_overdue') AND resolved_at IS NULL`, [row.id, now]);
    await this.audit.record(manager, actor, [{ action: 'order.acknowledge', entityType: 'order_version', entityId: row.id, before: null, after: { modification: row.modification, at: now.toISOString() } }]);
  }

  /** Confirms when lines stopped (or went to their limit); implies receipt. */
  async confirmImplementation(versionId: string, lines: Array<{ line: string; at: Date }>, actor: Actor): Promise<OrderVersionView> {
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
