import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import { DispatchWorker } from '../dispatch/dispatch.worker.js';
import { SmsChannel } from '../dispatch/channels/sms.channel.js';
import { OutboxService } from '../dispatch/outbox.service.js';
import type { PlannedVersion } from '../orders/order-plan.js';
import { OrderVersionsRepository } from '../orders/order-versions.repository.js';
import { AlertsService } from './alerts.service.js';
import { isReachable, noticeChannelsFor, planDeliveries, type DeliveryPlan } from './order-delivery.js';

/**
 * The notice of new order versions, the last leg of a directive (directives → orders'
 * versions → these notices → the outbox): whom to tell and how, queued in the directive's
 * transaction; the unreachable are flagged to their county at once.
 */
@Injectable()
export class OrderNoticesService implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxService,
    private readonly worker: DispatchWorker,
    private readonly alerts: AlertsService,
    private readonly versions: OrderVersionsRepository,
    private readonly config: ConfigService,
    private readonly sms: SmsChannel,
  ) {}

  onModuleInit(): void {
    // The first delivery of a notice, by any row about the version: its deadline counts from then.
    this.worker.onDelivered((manager, versionIds, at) => this.versions.markNotified(manager, versionIds, at));
  }

  /** Who can be told of what, before anything is written (a dry run counts the unreachable too). */
  plan(planned: PlannedVersion[]): DeliveryPlan {
    return planDeliveries(planned, this.channels());
  }

  /** A dry run's count: the enterprises no channel reaches, without building the outbox rows. */
  unreachable(planned: PlannedVersion[]): Set<string> {
    const channels = this.channels();
    return new Set(planned.filter((p) => !isReachable(p.enterprise, channels)).map((p) => p.enterprise.code));
  }

  private channels() {
    return noticeChannelsFor(this.config.dispatch.escalation.ladder, this.sms.template('order') !== null);
  }

  /** Inside the directive's transaction, after its versions were written. */
  async queue(manager: EntityManager, plan: DeliveryPlan, planned: PlannedVersion[], directive: { id: string; number: string }): Promise<void> {
    const versions = new Map(planned.map((p) => [p.versionId, { directiveId: directive.id, county: p.enterprise.county }]));
    await this.outbox.enqueueFresh(manager, plan.rows, versions);
    await this.alerts.flagUnreachable(
      manager,
      planned.filter((p) => plan.unreachable.has(p.enterprise.code)),
      directive.number,
    );
  }

  /** After the directive committed: delivery starts without waiting for the worker's poll. */
  committed(): void {
    this.worker.wake();
  }
}
