import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { webhookSecretFor } from '../common/webhook-signature.js';
import { ConfigService } from '../config/config.service.js';
import { DispatchWorker } from '../dispatch/dispatch.worker.js';
import type { ClaimedRow, OutboundMessage, SkippedMessage } from '../dispatch/outbound-message.js';
import { loadVersionViews, timelineState, type OrderVersionView } from '../orders/order-view.js';
import { renderEscalationEmail } from '../web/mail/escalation-email.template.js';
import { renderReminderEmail } from '../web/mail/reminder-email.template.js';
import { orderNoticeView } from '../web/notices/order-notice.builder.js';
import type { LadderPayload } from './ack-escalation.service.js';
import { ackLink } from './ack-link.js';
import { AckShortLinksRepository } from './ack-short-links.repository.js';
import { smsShortLink } from './order-message.renderer.js';
import { orderSmsValues } from '../web/sms/order-sms.template.js';

/**
 * Renders `ladder` outbox rows at send time. A row whose version was acknowledged (or whose
 * interval ended) meanwhile is skipped: the ladder stops. Rows of one step to one officer go out
 * as one summary naming every version among them.
 */
@Injectable()
export class LadderMessageRenderer implements OnModuleInit {
  readonly kind = 'ladder';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly worker: DispatchWorker,
    private readonly clock: Clock,
    private readonly shortLinks: AckShortLinksRepository,
  ) {}

  onModuleInit(): void {
    this.worker.register(this);
    // The ladder's robot rows stop too: one whose version was acknowledged before its summary went out is skipped.
    this.worker.skipRobotRowsWhen(async (rows) => {
      const views = await loadVersionViews(this.dataSource.manager, [...new Set(rows.map((r) => r.orderVersionId))]);
      const out = new Map<string, string>();
      for (const r of rows) {
        const acknowledgedAt = views.get(r.orderVersionId)?.acknowledgedAt;
        if (acknowledgedAt) out.set(r.id, `acknowledged at ${acknowledgedAt}, before this step went out`);
      }
      return out;
    });
  }

  async render(rows: ClaimedRow[]): Promise<Map<string, OutboundMessage | SkippedMessage>> {
    const views = await loadVersionViews(this.dataSource.manager, [...new Set(rows.map((r) => r.orderVersionId).filter((v): v is string => v !== null))]);
    const out = new Map<string, OutboundMessage | SkippedMessage>();
    const now = this.clock.now();
    const summaries = new Map<string, Array<{ row: ClaimedRow; view: OrderVersionView; payload: LadderPayload }>>();
    for (const row of rows) {
      const view = row.orderVersionId ? views.get(row.orderVersionId) : undefined;
      if (!view) continue;
      if (view.acknowledgedAt !== null) {
        out.set(row.id, { channel: 'skip', reason: `acknowledged at ${view.acknowledgedAt}, before this step went out` });
        continue;
      }
      const state = timelineState(view, now);
      if (state === 'replaced' || state === 'ended') {
        out.set(row.id, { channel: 'skip', reason: state === 'ended' ? `its interval ended (${view.effectiveTo}) before this step went out` : 'replaced before its start' });
        continue;
      }
      const payload = row.payload as LadderPayload;
      if (payload.to !== 'enterprise') {
        const group = `${row.channel}|${row.recipient}|${payload.step}|${payload.to === 'county_officers' ? payload.county : ''}`;
        summaries.set(group, [...(summaries.get(group) ?? []), { row, view, payload }]);
        continue;
      }
      if (row.channel === 'sms') {
        // The short link and reply code of this row, the same on every retry of it: a reply acknowledges.
        const short = await smsShortLink(this.config, this.shortLinks, null, { outboxId: row.id, versionId: view.versionId, enterpriseCode: view.enterprise.code, mobile: row.recipient }, now);
        out.set(row.id, { channel: 'sms', to: row.recipient, kind: 'reminder', values: orderSmsValues(orderNoticeView(this.config, view), short.url, short.replyCode) });
        continue;
      }
      const link = ackLink(this.config, view, now);
      if (row.channel === 'email') {
        out.set(row.id, { channel: 'email', to: row.recipient, ...renderReminderEmail(orderNoticeView(this.config, view), link) });
      } else if (row.channel === 'webhook') {
        out.set(row.id, {
          channel: 'webhook',
          url: row.recipient,
          signingKey: webhookSecretFor(view.enterprise.code, this.config.app.secret),
          body: {
            type: 'hazeops.order.ack_reminder',
            step: payload.step,
            stage: payload.stage,
            orderId: view.orderId,
            modification: view.modification,
            versionId: view.versionId,
            directiveNumber: view.directiveNumber,
            enterpriseCode: view.enterprise.code,
            ackDeadline: view.ackDeadline,
            ackUrl: link.url,
          },
        });
      }
    }
    const { city } = this.config;
    for (const group of summaries.values()) {
      const first = group[0]!;
      if (first.row.channel === 'sms') {
        // One SMS for the group (escalation template: county, count, directive number).
        const numbers = [...new Set(group.map(({ view }) => view.directiveNumber))];
        const message: OutboundMessage = {
          channel: 'sms',
          to: first.row.recipient,
          kind: 'escalation',
          values: {
            county: first.payload.to === 'county_officers' ? first.payload.county : '全市',
            count: String(group.length),
            directiveNumber: numbers.length === 1 ? numbers[0]! : `${numbers[0]}等`,
          },
        };
        for (const { row } of group) out.set(row.id, message);
        continue;
      }
      if (first.row.channel !== 'email') continue;
      const mail = renderEscalationEmail({
        cityName: city.city.name,
        commandCenter: city.city.commandCenter,
        stage: first.payload.stage === 2 ? 2 : 1,
        shiftLeader: first.payload.to === 'shift_leader',
        countyName: first.payload.to === 'county_officers' ? first.payload.county : null,
        generatedAt: now.toISOString(),
        overdue: group.map(({ view }) => ({ enterprise: view.enterprise, directiveNumber: view.directiveNumber, modification: view.modification, ackDeadline: view.ackDeadline })),
        consoleUrl: null,
        timezone: city.city.timezone,
      });
      // One message object for the group: the worker sends it once for all of its rows.
      const message: OutboundMessage = { channel: 'email', to: first.row.recipient, ...mail };
      for (const { row } of group) out.set(row.id, message);
    }
    return out;
  }
}
