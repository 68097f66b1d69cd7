import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { escalationFor } from '../config/dispatch-config.js';
import { renderAlertList } from '../web/mail/alert-email.template.js';
import { OutboxService } from '../dispatch/outbox.service.js';
import type { RobotTopic } from '../web/robots/robot-summary.template.js';
import { Clock } from '../common/clock.js';
import type { PlannedVersion } from '../orders/order-plan.js';
import type { AlertEntity } from './alert.entity.js';
import type { NewAlert } from './alert.types.js';
import { AlertsRepository } from './alerts.repository.js';

export interface AlertView {
  id: string;
  kind: string;
  stage: number;
  county: string;
  enterpriseCode: string | null;
  orderVersionId: string | null;
  message: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
}

/** Status-report alerts are listed apart from the others in a robot's summary. */
function robotTopic(a: NewAlert): RobotTopic {
  return a.kind === 'report_missing' || a.kind === 'report_discrepancy' ? 'status_report' : 'alert';
}

function alertView(a: AlertEntity): AlertView {
  return {
    id: String(a.id),
    kind: a.kind,
    stage: a.stage,
    county: a.county,
    enterpriseCode: a.enterpriseCode,
    orderVersionId: a.orderVersionId,
    message: a.message,
    createdAt: a.createdAt.toISOString(),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolvedBy: a.resolvedBy,
    note: a.resolutionNote,
  };
}

/** Alerts for people: stored once per dedupe key, listed per county, mailed to the escalation chain. */
@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AlertsRepository,
    private readonly config: ConfigService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  /** Inserts alerts; answers the ones that are new (a re-run of a job raises nothing twice). */
  async raise(manager: EntityManager, alerts: NewAlert[]): Promise<NewAlert[]> {
    if (alerts.length === 0) return [];
    const fresh = await this.repository.insertNew(manager, alerts, this.clock.now());
    return alerts.filter((a) => fresh.has(a.dedupeKey));
  }

  /** An enterprise with no usable channel is flagged to its county at once, not skipped. */
  async flagUnreachable(manager: EntityManager, planned: PlannedVersion[], directiveNumber: string): Promise<void> {
    const raised = await this.raise(
      manager,
      planned.map((p) => ({
        dedupeKey: `no_channel:${p.versionId}`,
        kind: 'no_channel' as const,
        stage: 1,
        county: p.enterprise.county,
        enterpriseCode: p.enterprise.code,
        orderVersionId: p.versionId,
        message: `${p.enterprise.name}（${p.enterprise.code}）没有可用的电子邮箱或回调地址，${directiveNumber}的第${p.modification}版指令无法送达，请县区电话通知并补录联系方式。`,
      })),
    );
    await this.mailCounties(manager, raised, `【冬防】${directiveNumber} 有企业无法送达`);
  }

  /** A notice per county (to the officers configured for it) listing the new alerts. */
  async mailCounties(manager: EntityManager, alerts: NewAlert[], subject: string): Promise<void> {
    const byCounty = new Map<string, NewAlert[]>();
    for (const a of alerts) byCounty.set(a.county, [...(byCounty.get(a.county) ?? []), a]);
    const rows = [];
    for (const [county, list] of byCounty) {
      const code = this.config.city.counties.find((c) => c.name === county)?.code ?? county;
      for (const email of escalationFor(this.config.dispatch, code).officerEmails) {
        const { text, html } = renderAlertList(list.map((a) => a.message));
        rows.push({
          idempotencyKey: `alert:${createHash('sha1')
            .update(list.map((a) => a.dedupeKey).join(','))
            .digest('hex')}:${email}`,
          kind: 'notice',
          channel: 'email' as const,
          recipient: email,
          enterpriseCode: null,
          orderVersionId: null,
          payload: { subject: `${subject}（${county}）`, text, html },
        });
      }
    }
    await this.outbox.enqueue(manager, rows);
    await this.outbox.enqueueRobot(
      manager,
      alerts.map((a) => ({ key: `alert:${a.dedupeKey}`, target: { county: this.countyCode(a.county) }, item: { topic: robotTopic(a), text: a.message } })),
    );
  }

  private countyCode(county: string): string {
    return this.config.city.counties.find((c) => c.name === county)?.code ?? county;
  }

  /** Stage 2: the command center's duty desk gets one list of the new alerts. */
  async mailCommandCenter(manager: EntityManager, alerts: NewAlert[], subject: string): Promise<void> {
    if (alerts.length === 0) return;
    const key = createHash('sha1')
      .update(alerts.map((a) => a.dedupeKey).join(','))
      .digest('hex');
    const { text, html } = renderAlertList(alerts.map((a) => `${a.county}：${a.message}`));
    await this.outbox.enqueue(
      manager,
      this.config.dispatch.escalation.commandCenterEmails.map((email) => ({
        idempotencyKey: `alert:${key}:${email}`,
        kind: 'notice',
        channel: 'email' as const,
        recipient: email,
        enterpriseCode: null,
        orderVersionId: null,
        payload: { subject, text, html },
      })),
    );
    await this.outbox.enqueueRobot(
      manager,
      alerts.map((a) => ({ key: `alert:${a.dedupeKey}`, target: 'command_center' as const, item: { topic: robotTopic(a), text: `${a.county}：${a.message}` } })),
    );
  }

  async list(
    p: Principal,
    q: { status: 'open' | 'resolved' | 'all'; county?: string; kind?: string; page: number; pageSize: number },
  ): Promise<{ items: AlertView[]; total: number; page: number; pageSize: number }> {
    // The controller has already narrowed `county` through the access policy.
    const county = q.county ?? null;
    const [rows, total] = await this.repository.page({ ...q, county });
    return { items: rows.map(alertView), total, page: q.page, pageSize: q.pageSize };
  }

  /** By hand, with a note; audited. A county officer resolves only its county's alerts (others look absent). */
  async resolve(p: Principal, id: string, note: string): Promise<AlertView> {
    const notFound = () => new DomainError(CommonErrorCode.NOT_FOUND, `No alert ${id} (or it belongs to another county).`);
    if (!/^\d{1,18}$/.test(id)) throw notFound();
    return this.dataSource.transaction(async (manager) => {
      const alert = await this.repository.lock(manager, id);
      const county = this.access.countyFilter(p);
      if (!alert || (county !== null && alert.county !== county)) throw notFound();
      if (alert.resolvedAt) {
        throw new DomainError(CommonErrorCode.CONFLICT, `Alert ${id} was already resolved at ${alert.resolvedAt.toISOString()}${alert.resolvedBy ? ` by ${alert.resolvedBy}` : ''}.`, alertView(alert));
      }
      const now = this.clock.now();
      await this.repository.markResolved(manager, id, now, p.username, note);
      await this.audit.record(manager, p, [{ action: 'alert.resolve', entityType: 'alert', entityId: id, before: { resolvedAt: null }, after: { resolvedAt: now.toISOString(), note } }]);
      return alertView({ ...alert, resolvedAt: now, resolvedBy: p.username, resolutionNote: note });
    });
  }
}
