import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { OrderErrorCode } from '../orders/orders.errors.js';
import { AcknowledgementErrorCode } from './acknowledgements.errors.js';
import { ConfigService } from '../config/config.service.js';
import { loadVersionViews, timelineState, type OrderVersionView } from '../orders/order-view.js';
import { Clock } from '../common/clock.js';
import { orderNoticeView } from '../web/notices/order-notice.builder.js';
import { type AckPageModel, type AckPageState, acknowledgedByText, ackPageModel } from '../web/shared/ack-page-model.js';
import { AcknowledgementService } from './acknowledgement.service.js';
import { verifyLinkToken } from './signed-link.js';

/**
 * The signed e-mail link behind `/api/v1/ack/:token`: the acknowledgement page's view model,
 * acknowledgement and implementation, with the token as the only credential.
 */
@Injectable()
export class AckLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly acks: AcknowledgementService,
    private readonly clock: Clock,
  ) {}

  private async resolve(token: string): Promise<OrderVersionView> {
    const verified = verifyLinkToken(token, this.config.app.secret, this.clock.now().getTime());
    if (!verified.ok) {
      if (verified.reason === 'expired') throw new DomainError(AcknowledgementErrorCode.LINK_EXPIRED, 'This link has expired; the county office can send the order again.', { reason: 'expired' });
      throw new DomainError(AcknowledgementErrorCode.LINK_INVALID, 'This link does not verify; open it from the order e-mail as sent.', { reason: verified.reason });
    }
    const view = (await loadVersionViews(this.dataSource.manager, [verified.payload.orderVersionId])).get(verified.payload.orderVersionId);
    if (!view || view.enterprise.code !== verified.payload.enterpriseCode) throw new DomainError(OrderErrorCode.ORDER_NOT_FOUND, 'No order matches this link.', { reason: 'not_found' });
    return view;
  }

  /** The HTTP status the page itself answers with: the same shell, but a refused link is not a 200. */
  pageStatus(token: string): 200 | 403 | 410 {
    const verified = verifyLinkToken(token, this.config.app.secret, this.clock.now().getTime());
    if (verified.ok) return 200;
    return verified.reason === 'expired' ? 410 : 403;
  }

  async show(token: string): Promise<AckPageModel> {
    return this.model(await this.resolve(token));
  }

  /** 签收: the same one-statement receipt as the API's (idempotent; a replaced version answers 409 naming the current one). */
  async acknowledge(token: string): Promise<AckPageModel> {
    const view = await this.resolve(token);
    await this.acks.acknowledgeByNumber(view.orderId, view.modification, view.enterprise.code, { username: `link:${view.enterprise.code}`, role: null });
    return this.model((await loadVersionViews(this.dataSource.manager, [view.versionId])).get(view.versionId)!);
  }

  /** 确认已落实 for some lines, each with the time it stopped (ISO with offset, validated by the DTO). */
  async implement(token: string, lines: Array<{ line: string; stoppedAt: string }>): Promise<AckPageModel> {
    const view = await this.resolve(token);
    const actor = { username: `link:${view.enterprise.code}`, role: null };
    const fresh = await this.acks.confirmImplementation(
      view.versionId,
      lines.map((l) => ({ line: l.line, at: new Date(l.stoppedAt) })),
      actor,
    );
    return this.model(fresh);
  }

  private model(view: OrderVersionView): AckPageModel {
    const state: AckPageState =
      view.status === 'superseded'
        ? { kind: 'superseded', currentModification: view.currentModification }
        : view.acknowledgedAt
          ? { kind: 'acknowledged', acknowledgedAt: view.acknowledgedAt, acknowledgedBy: acknowledgedByText(view.acknowledgedBy) }
          : { kind: 'pending' };
    const now = this.clock.now();
    return ackPageModel(orderNoticeView(this.config, view), {
      state,
      timeline: {
        state: timelineState(view, now),
        startsAt: view.effectiveFrom,
        endsAt: view.effectiveTo,
        replacedBy: view.replacedBy ? { modification: view.replacedBy.modification } : null,
      },
      now: now.toISOString(),
    });
  }
}
