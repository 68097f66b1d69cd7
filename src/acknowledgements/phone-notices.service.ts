import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/role.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { OrderErrorCode } from '../orders/orders.errors.js';
import { ConfigService } from '../config/config.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import { Clock } from '../common/clock.js';
import { noticeEvidence, type NoticeEvidence } from './delivery-evidence.js';
import { OutboxRepository } from '../dispatch/outbox.repository.js';
import { OrderVersionsRepository, type VersionRef } from '../orders/order-versions.repository.js';
import { AlertsRepository } from './alerts.repository.js';
import { PhoneNoticesRepository, type PhoneNoticeView } from './phone-notices.repository.js';
import type { RecordPhoneNoticeDto } from './dto/record-phone-notice.dto.js';

/**
 * The end of the unreachable path: a county officer telephones the enterprise and records
 * the call. It counts as delivery and receipt of that version, and it is audited.
 */
/** One outbox row about a version with its attempts, as the delivery evidence lists it. */
type DeliveryView = {
  channel: string;
  recipient: string;
  status: string;
  sentAt: string | null;
  lastError: string | null;
  attempts: Array<{
    at: string;
    ok: boolean;
    error: string | null;
    providerCode: string | null;
    providerMessageId: string | null;
    receiptStatus: string | null;
    receiptCode: string | null;
    receiptAt: string | null;
  }>;
};

@Injectable()
export class PhoneNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: OrderVersionsRepository,
    private readonly notices: PhoneNoticesRepository,
    private readonly alerts: AlertsRepository,
    private readonly outbox: OutboxRepository,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  private async version(manager: EntityManager, p: Principal, orderId: string, modification: number, lock: boolean): Promise<VersionRef> {
    const row = await this.versions.findRef(orderId, modification, { manager, lock });
    if (!row || !(await this.access.mayReadEnterprise(p, { code: row.enterpriseCode, county: row.county }, manager))) {
      throw new DomainError(OrderErrorCode.ORDER_NOT_FOUND, 'No such order version (or it is outside what you may see).');
    }
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
      const earliest = new Date(v.createdAt.getTime() - toleranceMs);
      const latest = new Date(now.getTime() + toleranceMs);
      if (calledAt < earliest || calledAt > latest) {
        throw new DomainError(
          CommonErrorCode.UNPROCESSABLE,
          `calledAt ${dto.calledAt} is outside the allowed range: from when version ${modification} was issued (${earliest.toISOString()}) to now (${latest.toISOString()}).`,
          [{ field: 'calledAt', value: dto.calledAt, from: earliest.toISOString(), to: latest.toISOString() }],
        );
      }
      const view = await this.notices.insert(manager, {
        orderVersionId: v.id,
        orderId: v.orderId,
        modification: v.modification,
        enterpriseCode: v.enterpriseCode,
        county: v.county,
        calledName: dto.calledName.trim(),
        phone: dto.phone.trim(),
        calledAt,
        answeredBy: dto.answeredBy.trim(),
        notes: dto.notes ?? null,
        recordedBy: p.username,
        recordedAt: now,
      });
      // Receipt: the call is the earliest proof the enterprise knew, unless it acknowledged earlier.
      if (!v.acknowledgedAt || v.acknowledgedAt > calledAt) await this.versions.setReceipt(manager, v.id, calledAt, `phone:${dto.answeredBy.trim()}`.slice(0, 64));
      await this.alerts.resolveForVersion(manager, v.id, ['no_channel', 'ack_reminder', 'ack_overdue'], now, { username: p.username, note: `已电话通知（记录 ${view.id}）` });
      await this.audit.record(manager, p, [
        { action: 'order.phone_notice', entityType: 'order_version', entityId: v.id, before: { acknowledgedAt: v.acknowledgedAt?.toISOString() ?? null }, after: view },
      ]);
      return view;
    });
  }

  async list(p: Principal, orderId: string, modification: number): Promise<PhoneNoticeView[]> {
    const v = await this.version(this.dataSource.manager, p, orderId, modification, false);
    return this.notices.ofVersion(v.id);
  }

  /** Every delivery attempt, phone notice and the receipt of one version: what a ledger entry can cite. */
  async evidence(
    p: Principal,
    orderId: string,
    modification: number,
  ): Promise<{
    orderId: string;
    modification: number;
    orderVersionId: string;
    deliveries: DeliveryView[];
    ladder: Array<DeliveryView & { step: string }>;
    phoneNotices: PhoneNoticeView[];
    proofAsOfNow: NoticeEvidence | null;
  }> {
    const v = await this.version(this.dataSource.manager, p, orderId, modification, false);
    type Row = Awaited<ReturnType<OutboxRepository['deliveriesOf']>>[number];
    const view = (r: Row): DeliveryView => ({
      channel: r.channel,
      recipient: r.recipient,
      status: r.status,
      sentAt: r.sentAt?.toISOString() ?? null,
      lastError: r.lastError,
      attempts: r.attempts.map((a) => ({
        at: new Date(a.at).toISOString(),
        ok: a.ok,
        error: a.error,
        providerCode: a.providerCode,
        providerMessageId: a.providerMessageId,
        receiptStatus: a.receiptStatus,
        receiptCode: a.receiptCode,
        receiptAt: a.receiptAt ? new Date(a.receiptAt).toISOString() : null,
      })),
    });
    // The ladder's rows to the enterprise itself (officials' addresses are not the enterprise's to read).
    const ladder = (await this.outbox.deliveriesOf(v.id, 'ladder')).filter((r) => r.payload?.to === 'enterprise');
    return {
      orderId: v.orderId,
      modification: v.modification,
      orderVersionId: v.id,
      deliveries: (await this.outbox.deliveriesOf(v.id, 'order')).map(view),
      ladder: ladder.map((r) => ({ step: r.key.split(':')[2] ?? '', ...view(r) })),
      phoneNotices: await this.list(p, orderId, modification),
      proofAsOfNow: await noticeEvidence(this.dataSource.manager, v.id, this.clock.now()),
    };
  }
}
