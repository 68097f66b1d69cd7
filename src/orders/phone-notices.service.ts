import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/role.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { OrderErrorCode } from './orders.errors.js';
import { ConfigService } from '../config/config.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import { Clock } from '../common/clock.js';
import { noticeEvidence, type NoticeEvidence } from './delivery-evidence.js';
import type { RecordPhoneNoticeDto } from './dto/record-phone-notice.dto.js';

export interface PhoneNoticeView {
  id: string;
  orderId: string;
  modification: number;
  orderVersionId: string;
  enterpriseCode: string;
  county: string;
  calledName: string;
  phone: string;
  calledAt: string;
  answeredBy: string;
  notes: string | null;
  recordedBy: string;
  recordedAt: string;
}

interface VersionRow {
  id: string;
  order_id: string;
  modification: number;
  enterprise_code: string;
  county: string;
  created_at: Date;
  acknowledged_at: Date | null;
}

/**
 * The end of the unreachable path: a county officer telephones the enterprise and records
 * the call. It counts as delivery and receipt of that version, and it is audited.
 */
@Injectable()
export class PhoneNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  private async version(manager: EntityManager, p: Principal, orderId: string, modification: number, lock: boolean): Promise<VersionRow> {
    const notFound = () => new DomainError(OrderErrorCode.ORDER_NOT_FOUND, 'No such order version (or it is outside what you may see).');
    if (!Number.isInteger(modification) || modification < 1 || modification > 2_147_483_647) throw notFound();
    const [row]: VersionRow[] = await manager.query(
      `SELECT id, order_id, modification, enterprise_code, county, created_at, acknowledged_at FROM order_versions WHERE order_id = $1 AND modification = $2${lock ? ' FOR UPDATE' : ''}`,
      [orderId, modification],
    );
    if (!row || !(await this.access.mayReadEnterprise(p, { code: row.enterprise_code, county: row.county }, manager))) throw notFound();
    return row;
  }

  async record(p: Principal, orderId: string, modification: number, dto: RecordPhoneNoticeDto): Promise<PhoneNoticeView> {
    const calledAt = new Date(dto.calledAt);
    if (Number.isNaN(calledAt.getTime())) {
      throw new DomainError(CommonErrorCode.UNPROCESSABLE, `calledAt ${dto.calledAt} is not a real time.`, [{ field: 'calledAt', value: dto.calledAt }]);
    }
    const now = this.clock.now();
    const toleranceMs = this.config.dispatch.timeSanity.observationClockToleranceMinutes * 60_000;
    return this.dataSource.transaction(async (manager) => {
      const v = await this.version(manager, p, orderId, modification, true);
      const earliest = new Date(v.created_at.getTime() - toleranceMs);
      const latest = new Date(now.getTime() + toleranceMs);
      if (calledAt < earliest || calledAt > latest) {
        throw new DomainError(
          CommonErrorCode.UNPROCESSABLE,
          `calledAt ${dto.calledAt} is outside the allowed range: from when version ${modification} was issued (${earliest.toISOString()}) to now (${latest.toISOString()}).`,
          [{ field: 'calledAt', value: dto.calledAt, from: earliest.toISOString(), to: latest.toISOString() }],
        );
      }
      const [row] = await manager.query(
        `INSERT INTO phone_notices (order_version_id, order_id, modification, enterprise_code, county, called_name, phone, called_at, answered_by, notes, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [v.id, v.order_id, v.modification, v.enterprise_code, v.county, dto.calledName.trim(), dto.phone.trim(), calledAt, dto.answeredBy.trim(), dto.notes ?? null, p.username, now],
      );
      // Receipt: the call is the earliest proof the enterprise knew, unless it acknowledged earlier.
      if (!v.acknowledged_at || v.acknowledged_at > calledAt) {
        await manager.query('UPDATE order_versions SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1', [v.id, calledAt, `phone:${dto.answeredBy.trim()}`.slice(0, 64)]);
      }
      await manager.query(
        `UPDATE alerts SET resolved_at = $2, resolved_by = $3, resolution_note = $4
         WHERE order_version_id = $1 AND kind IN ('no_channel', 'ack_reminder', 'ack_overdue') AND resolved_at IS NULL`,
        [v.id, now, p.username, `已电话通知（记录 ${row.id}）`],
      );
      const view = toView(row);
      await this.audit.record(manager, p, [{ action: 'order.phone_notice', entityType: 'order_version', entityId: v.id, before: { acknowledgedAt: v.acknowledged_at?.toISOString() ?? null }, after: view }]);
      return view;
    });
  }

  async list(p: Principal, orderId: string, modification: number): Promise<PhoneNoticeView[]> {
    const v = await this.version(this.dataSource.manager, p, orderId, modification, false);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query('SELECT * FROM phone_notices WHERE order_version_id = $1 ORDER BY called_at, id', [v.id]);
    return rows.map(toView);
  }

  /** Every delivery attempt, phone notice and the receipt of one version: what a ledger entry can cite. */
  async evidence(p: Principal, orderId: string, modification: number): Promise<{
    orderId: string;
    modification: number;
    orderVersionId: string;
    deliveries: Array<{ channel: string; recipient: string; status: string; sentAt: string | null; attempts: Array<{ at: string; ok: boolean; error: string | null }> }>;
    phoneNotices: PhoneNoticeView[];
    proofAsOfNow: NoticeEvidence | null;
  }> {
    const v = await this.version(this.dataSource.manager, p, orderId, modification, false);
    const rows: Array<{ channel: string; recipient: string; status: string; sent_at: Date | null; attempts: Array<{ at: string; ok: boolean; error: string | null }> | null }> = await this.dataSource.query(
      `SELECT o.channel, o.recipient, o.status, o.sent_at,
              (SELECT json_agg(json_build_object('at', a.at, 'ok', a.ok, 'error', a.error) ORDER BY a.attempt) FROM delivery_attempts a WHERE a.outbox_id = o.id) AS attempts
       FROM outbox o WHERE o.order_version_id = $1 AND o.kind = 'order' ORDER BY o.id`,
      [v.id],
    );
    return {
      orderId: v.order_id,
      modification: v.modification,
      orderVersionId: v.id,
      deliveries: rows.map((r) => ({
        channel: r.channel,
        recipient: r.recipient,
        status: r.status,
        sentAt: r.sent_at?.toISOString() ?? null,
        attempts: (r.attempts ?? []).map((a) => ({ at: new Date(a.at).toISOString(), ok: a.ok, error: a.error })),
      })),
      phoneNotices: await this.list(p, orderId, modification),
      proofAsOfNow: await noticeEvidence(this.dataSource.manager, v.id, this.clock.now()),
    };
  }
}

function toView(r: Record<string, unknown>): PhoneNoticeView {
  return {
    id: String(r.id),
    orderId: r.order_id as string,
    modification: r.modification as number,
    orderVersionId: r.order_version_id as string,
    enterpriseCode: r.enterprise_code as string,
    county: r.county as string,
    calledName: r.called_name as string,
    phone: r.phone as string,
    calledAt: (r.called_at as Date).toISOString(),
    answeredBy: r.answered_by as string,
    notes: (r.notes as string | null) ?? null,
    recordedBy: r.recorded_by as string,
    recordedAt: (r.recorded_at as Date).toISOString(),
  };
}
