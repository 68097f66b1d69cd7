import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { ConfigService } from '../config/config.service.js';
import { DispatchWorker } from '../dispatch/dispatch.worker.js';
import { SmsChannel } from '../dispatch/channels/sms.channel.js';
import { OutboxService } from '../dispatch/outbox.service.js';
import { OrderVersionsRepository, versionInForce } from '../orders/order-versions.repository.js';
import { EnterpriseContactsChanged, type ContactChange, type ContactTargets } from '../registry/enterprise-contacts-changed.js';
import { AlertsRepository } from './alerts.repository.js';
import { deliveriesFor, noticeChannelsFor, type NoticeChannels } from './order-delivery.js';

/**
 * The unreachable path ends somewhere: when a registry change adds or fixes a contact, the
 * versions in force or still ahead for that enterprise go out again to the new addresses
 * (fresh idempotency keys, since a key names its recipient; known recipients are not sent twice).
 */
@Injectable()
export class ContactRedeliveryService extends EnterpriseContactsChanged {
  constructor(
    private readonly outbox: OutboxService,
    private readonly worker: DispatchWorker,
    private readonly versions: OrderVersionsRepository,
    private readonly alerts: AlertsRepository,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly sms: SmsChannel,
  ) {
    super();
  }

  private targetsOf(e: ContactTargets): Set<string> {
    return new Set(deliveriesFor(e, '', this.channels()).map((r) => `${r.channel}:${r.recipient}`));
  }

  private channels(): NoticeChannels {
    return noticeChannelsFor(this.config.dispatch.escalation.ladder, this.sms.template('order') !== null);
  }

  /** Inside the registry change's transaction; answers how many notices were queued. */
  async changed(manager: EntityManager, actor: Actor, changes: ContactChange[]): Promise<number> {
    const gained = changes.filter(({ before, after }) => {
      if (!before) return false; // a new enterprise has no orders yet
      const old = this.targetsOf(before);
      return [...this.targetsOf(after)].some((t) => !old.has(t));
    });
    if (gained.length === 0) return 0;
    const has = await this.versions.enterprisesWithVersions(
      manager,
      gained.map((g) => g.after.code),
    );
    const now = this.clock.now();
    let queued = 0;
    const reached: string[] = [];
    for (const { after } of gained) {
      if (!has.has(after.code)) continue;
      const inForce = await versionInForce(manager, after.code, now);
      // Still ahead: directed to start later and not replaced before it began.
      const ahead = await this.versions.aheadOf(manager, after.code, now);
      const ids = [...(inForce && !inForce.ends ? [inForce.id] : []), ...ahead];
      const rows = ids.flatMap((id) => deliveriesFor(after, id, this.channels()));
      if (rows.length === 0) continue;
      queued += await this.outbox.enqueue(manager, rows);
      reached.push(after.code);
    }
    if (reached.length > 0) await this.alerts.resolveForEnterprises(manager, 'no_channel', reached, now, actor.username, '已补录联系方式，现行及待生效指令已重新发送');
    return queued;
  }

  /** Delivery starts without waiting for the worker's poll. */
  committed(): void {
    this.worker.wake();
  }
}
