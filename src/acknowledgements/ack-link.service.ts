import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommonErrorCode, DomainError, OrderErrorCode } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { orderTemplateFields } from '../orders/order-template-fields.js';
import { loadVersionViews, timelineState, type OrderVersionView } from '../orders/order-view.js';
import { localDateTimeMs } from '../rules/time/local-time.js';
import { Clock } from '../scheduling/clock.js';
import { renderAckPage, renderLinkErrorPage, type AckPageState } from '../web/pages/ack-page.js';
import { AcknowledgementService } from './acknowledgement.service.js';
import { verifyLinkToken } from './signed-link.js';

export interface PageResult {
  status: number;
  html: string;
}

/** The signed e-mail link: a small Chinese page for the phone, acknowledgement and implementation by form. */
@Injectable()
export class AckLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly acks: AcknowledgementService,
    private readonly clock: Clock,
  ) {}

  private async resolve(token: string): Promise<{ view: OrderVersionView } | PageResult> {
    const verified = verifyLinkToken(token, this.config.app.secret, this.clock.now().getTime());
    if (!verified.ok) return { status: verified.reason === 'expired' ? 410 : 403, html: renderLinkErrorPage(verified.reason) };
    const view = (await loadVersionViews(this.dataSource.manager, [verified.payload.orderVersionId])).get(verified.payload.orderVersionId);
    if (!view || view.enterprise.code !== verified.payload.enterpriseCode) return { status: 404, html: renderLinkErrorPage('not_found') };
    return { view };
  }

  async show(token: string, flash: string | null = null, status = 200): Promise<PageResult> {
    const r = await this.resolve(token);
    if (!('view' in r)) return r;
    return { status, html: this.page(r.view, token, flash) };
  }

  async acknowledge(token: string): Promise<PageResult> {
    const r = await this.resolve(token);
    if (!('view' in r)) return r;
    try {
      const { view } = r;
      // The same receipt as the API's: one statement, idempotent, refused once superseded.
      await this.acks.acknowledgeByNumber(view.orderId, view.modification, view.enterprise.code, { username: `link:${view.enterprise.code}`, role: null });
      const fresh = (await loadVersionViews(this.dataSource.manager, [view.versionId])).get(view.versionId)!;
      return { status: 200, html: this.page(fresh, token, '已确认签收。请按要求落实，并在落实后逐条确认。') };
    } catch (err) {
      if (err instanceof DomainError && err.code === OrderErrorCode.ORDER_SUPERSEDED) return this.show(token, null, 409);
      throw err;
    }
  }

  async implement(token: string, form: { lineCode?: string; implementedAt?: string }): Promise<PageResult> {
    const r = await this.resolve(token);
    if (!('view' in r)) return r;
    const at = form.implementedAt ? localDateTimeMs(form.implementedAt, this.config.city.city.timezone) : this.clock.now().getTime();
    if (!form.lineCode || Number.isNaN(at)) return this.show(token, '请选择生产线并填写落实时间（例如 2026-12-10 08:00）。', 400);
    try {
      const view = await this.acks.confirmImplementation(r.view.versionId, [{ line: form.lineCode, at: new Date(at) }], { username: `link:${r.view.enterprise.code}`, role: null });
      return { status: 200, html: this.page(view, token, `已确认生产线 ${form.lineCode} 的落实情况。`) };
    } catch (err) {
      if (err instanceof DomainError && err.code === OrderErrorCode.ORDER_SUPERSEDED) return this.show(token, null, 409);
      if (err instanceof DomainError && err.code === OrderErrorCode.LINE_NOT_RESTRICTED) return this.show(token, '该生产线在本版指令中无需停产或限产。', 422);
      if (err instanceof DomainError && err.code === CommonErrorCode.UNPROCESSABLE) {
        const days = this.config.dispatch.timeSanity.observationLookBackDays;
        return this.show(token, `落实时间不能晚于当前时间，也不能早于${days}天前，请按实际停产（限产）时间填写。`, 422);
      }
      throw err;
    }
  }

  private page(view: OrderVersionView, token: string, flash: string | null): string {
    const state: AckPageState =
      view.status === 'superseded'
        ? { kind: 'superseded', currentModification: view.currentModification }
        : view.acknowledgedAt
          ? { kind: 'acknowledged', acknowledgedAt: view.acknowledgedAt, acknowledgedBy: view.acknowledgedBy }
          : { kind: 'pending' };
    return renderAckPage({
      ...orderTemplateFields(this.config, view),
      actionUrl: `${this.config.app.publicBaseUrl}/ack/${token}`,
      state,
      timeline: {
        state: timelineState(view, this.clock.now()),
        startsAt: view.effectiveFrom,
        endsAt: view.effectiveTo,
        replacedBy: view.replacedBy ? { modification: view.replacedBy.modification } : null,
      },
      now: this.clock.now().toISOString(),
      flash,
    });
  }
}
