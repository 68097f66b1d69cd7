import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ackLink } from './ack-link.js';
import { ConfigService } from '../config/config.service.js';
import { DispatchWorker } from '../dispatch/dispatch.worker.js';
import type { ClaimedRow, OutboundMessage, SkippedMessage } from '../dispatch/outbound-message.js';
import { renderOrderEmail } from '../web/mail/order-email.template.js';
import { orderNoticeView } from '../web/notices/order-notice.builder.js';
import { webhookSecretFor } from '../common/webhook-signature.js';
import { Clock } from '../common/clock.js';
import { loadVersionViews, timelineState } from '../orders/order-view.js';
import { orderSmsValues } from '../web/sms/order-sms.template.js';
import { AckShortLinksRepository } from './ack-short-links.repository.js';
import { signLinkToken } from './signed-link.js';

/** Renders `order` outbox rows at send time: the version as it is now, with a freshly signed link. */
@Injectable()
export class OrderMessageRenderer implements OnModuleInit {
  readonly kind = 'order';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly worker: DispatchWorker,
    private readonly clock: Clock,
    private readonly shortLinks: AckShortLinksRepository,
  ) {}

  onModuleInit(): void {
    this.worker.register(this);
  }

  async render(rows: ClaimedRow[]): Promise<Map<string, OutboundMessage | SkippedMessage>> {
    const views = await loadVersionViews(this.dataSource.manager, [...new Set(rows.map((r) => r.orderVersionId).filter((v): v is string => v !== null))]);
    const out = new Map<string, OutboundMessage | SkippedMessage>();
    const now = this.clock.now();
    for (const row of rows) {
      const view = row.orderVersionId ? views.get(row.orderVersionId) : undefined;
      if (!view) continue;
      // Skipped only when nothing of it is left to announce: a later version covers its whole
      // interval (replaced before it began), or its interval is over. Every version with any
      // part still ahead is sent, the one in force and those that start later alike.
      const state = timelineState(view, now);
      if (state === 'replaced') {
        out.set(row.id, { channel: 'skip', reason: `superseded: replaced before its start by version ${view.replacedBy?.modification ?? view.currentModification}, before delivery` });
        continue;
      }
      if (state === 'ended') {
        out.set(row.id, { channel: 'skip', reason: `its interval ended (${view.effectiveTo}) before delivery` });
        continue;
      }
      const sequence = Date.parse(view.effectiveFrom);
      if (row.channel === 'sms') {
        // The short link and reply code of this row, the same on every retry of it.
        const short = await smsShortLink(this.config, this.shortLinks, null, { outboxId: row.id, versionId: view.versionId, enterpriseCode: view.enterprise.code, mobile: row.recipient }, now);
        out.set(row.id, { channel: 'sms', to: row.recipient, sequence, kind: 'order', values: orderSmsValues(orderNoticeView(this.config, view), short.url, short.replyCode) });
        continue;
      }
      const link = ackLink(this.config, view, now);
      if (row.channel === 'email') {
        const mail = renderOrderEmail(orderNoticeView(this.config, view), link);
        out.set(row.id, { channel: 'email', to: row.recipient, sequence, ...mail });
      } else {
        out.set(row.id, {
          channel: 'webhook',
          url: row.recipient,
          sequence,
          signingKey: webhookSecretFor(view.enterprise.code, this.config.app.secret),
          body: {
            type: 'hazeops.order.version',
            orderId: view.orderId,
            modification: view.modification,
            versionId: view.versionId,
            directiveNumber: view.directiveNumber,
            enterpriseCode: view.enterprise.code,
            level: view.level,
            phase: view.phase,
            ends: view.ends,
            effectiveFrom: view.effectiveFrom,
            effectiveTo: view.effectiveTo,
            ackDeadline: view.ackDeadline,
            lines: view.lines.map(({ implementedAt: _i, ...l }) => l),
            stoppedCapacityPercent: view.stoppedCapacityPercent,
            maxLoadPercent: view.maxLoadPercent,
            notes: view.notes,
            ackUrl: link.url,
          },
        });
      }
    }
    return out;
  }
}

/**
 * A short link `/a/<code>` for an SMS, standing for a freshly signed acknowledgement link (same
 * validity), with the reply code the SMS gives; per outbox row when `outboxId` is set.
 */
export async function smsShortLink(
  config: ConfigService,
  shortLinks: AckShortLinksRepository,
  manager: EntityManager | null,
  p: { outboxId: string | null; versionId: string; enterpriseCode: string; mobile: string },
  now: Date,
): Promise<{ url: string; replyCode: string }> {
  const expiresAt = now.getTime() + config.dispatch.linkValidityDays * 86_400_000;
  const token = signLinkToken({ orderVersionId: p.versionId, enterpriseCode: p.enterpriseCode, expiresAt }, config.app.secret);
  const link = await shortLinks.ensure(manager, { outboxId: p.outboxId, orderVersionId: p.versionId, enterpriseCode: p.enterpriseCode, mobile: p.mobile, token, expiresAt: new Date(expiresAt) });
  return { url: `${config.app.publicBaseUrl.replace(/\/$/, '')}/a/${link.code}`, replyCode: link.replyCode };
}
