import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import { escalationFor } from '../config/dispatch-config.js';
import { escapeHtml } from '../dispatch/templates/template-format.js';
import { OutboxService } from '../dispatch/outbox.service.js';
import { Clock } from '../scheduling/clock.js';
import type { PlannedVersion } from '../orders/order-plan.js';
import { AlertEntity } from './alert.entity.js';

export interface NewAlert {
  dedupeKey: string;
  kind: 'no_channel' | 'ack_reminder' | 'ack_overdue' | 'report_missing';
  stage: number;
  county: string;
  enterpriseCode: string | null;
  orderVersionId: string | null;
  message: string;
}

/** Alerts for people: stored once per dedupe key, listed per county, mailed to the escalation chain. */
@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Inserts alerts; answers the ones that are new (a re-run of a job raises nothing twice). */
  async raise(manager: EntityManager, alerts: NewAlert[]): Promise<NewAlert[]> {
    if (alerts.length === 0) return [];
    const rows: Array<{ dedupe_key: string }> = await manager.query(
      `INSERT INTO alerts (dedupe_key, kind, stage, county, enterprise_code, order_version_id, message, created_at)
       SELECT dedupe_key, kind, stage, county, enterprise_code, order_version_id, message, $2
       FROM json_to_recordset($1::json) AS x(dedupe_key text, kind text, stage int, county text, enterprise_code text, order_version_id uuid, message text)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
      [JSON.stringify(alerts.map((a) => ({ dedupe_key: a.dedupeKey, kind: a.kind, stage: a.stage, county: a.county, enterprise_code: a.enterpriseCode, order_version_id: a.orderVersionId, message: a.message }))), this.clock.now()],
    );
    const fresh = new Set(rows.map((r) => r.dedupe_key));
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
        const text = list.map((a) => `- ${a.message}`).join('\n');
        rows.push({
          idempotencyKey: `alert:${createHash('sha1').update(list.map((a) => a.dedupeKey).join(',')).digest('hex')}:${email}`,
          kind: 'notice',
          channel: 'email' as const,
          recipient: email,
          enterpriseCode: null,
          orderVersionId: null,
          payload: { subject: `${subject}（${county}）`, text, html: `<ul>${list.map((a) => `<li>${escapeHtml(a.message)}</li>`).join('')}</ul>` },
        });
      }
    }
    await this.outbox.enqueue(manager, rows);
  }

  /** Stage 2: the command center's duty desk gets one list of the new alerts. */
  async mailCommandCenter(manager: EntityManager, alerts: NewAlert[], subject: string): Promise<void> {
    if (alerts.length === 0) return;
    const key = createHash('sha1').update(alerts.map((a) => a.dedupeKey).join(',')).digest('hex');
    const text = alerts.map((a) => `- ${a.county}：${a.message}`).join('\n');
    const html = `<ul>${alerts.map((a) => `<li>${escapeHtml(`${a.county}：${a.message}`)}</li>`).join('')}</ul>`;
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
  }

  async list(filter: { county?: string | null; kind?: string; open?: boolean; limit: number }) {
    const qb = this.dataSource.getRepository(AlertEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').take(filter.limit);
    if (filter.county) qb.andWhere('a.county = :county', { county: filter.county });
    if (filter.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.open) qb.andWhere('a.resolvedAt IS NULL');
    return qb.getMany();
  }
}
