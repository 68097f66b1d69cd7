import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service.js';
import { OutboxService } from '../dispatch/outbox.service.js';
import { deliveriesFor } from '../orders/order-delivery.js';
import { inForceOrAheadAt, versionInForce } from '../orders/version-in-force.js';
import type { Enterprise } from '../rules/enterprise.js';
import { Clock } from '../common/clock.js';

type Targets = Pick<Enterprise, 'code' | 'contacts' | 'webhookUrl'>;

function targetsOf(e: Targets): Set<string> {
  return new Set(deliveriesFor(e, '').map((r) => `${r.channel}:${r.recipient}`));
}

/**
 * The unreachable path ends somewhere: when a registry change adds or fixes a contact, the
 * versions in force or still ahead for that enterprise go out again to the new addresses
 * (fresh idempotency keys, since a key names its recipient; known recipients are not sent twice).
 */
@Injectable()
export class ContactRedeliveryService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Inside the registry change's transaction; answers how many notices were queued. */
  async afterChange(manager: EntityManager, actor: Actor, changes: Array<{ before: Targets | null; after: Targets }>): Promise<number> {
    const gained = changes.filter(({ before, after }) => {
      if (!before) return false; // a new enterprise has no orders yet
      const old = targetsOf(before);
      return [...targetsOf(after)].some((t) => !old.has(t));
    });
    if (gained.length === 0) return 0;
    const withOrders: Array<{ enterprise_code: string }> = await manager.query('SELECT DISTINCT enterprise_code FROM order_versions WHERE enterprise_code = ANY($1)', [gained.map((g) => g.after.code)]);
    const has = new Set(withOrders.map((r) => r.enterprise_code));
    const now = this.clock.now();
    let queued = 0;
    const reached: string[] = [];
    for (const { after } of gained) {
      if (!has.has(after.code)) continue;
      const inForce = await versionInForce(manager, after.code, now);
      // Still ahead: directed to start later and not replaced before it began.
      const ahead: Array<{ id: string }> = await manager.query(
        `SELECT v.id FROM order_versions v WHERE v.enterprise_code = $1 AND v.effective_from > $2 AND ${inForceOrAheadAt('v', '$2')} AND v.effective_from < coalesce(v.effective_to, 'infinity')
         ORDER BY v.effective_from, v.modification`,
        [after.code, now],
      );
      const ids = [...(inForce && !inForce.ends ? [inForce.id] : []), ...ahead.map((r) => r.id)];
      const rows = ids.flatMap((id) => deliveriesFor(after, id));
      if (rows.length === 0) continue;
      queued += await this.outbox.enqueue(manager, rows);
      reached.push(after.code);
    }
    if (reached.length > 0) {
      await manager.query(
        `UPDATE alerts SET resolved_at = $2, resolved_by = $3, resolution_note = '已补录联系方式，现行及待生效指令已重新发送' WHERE kind = 'no_channel' AND enterprise_code = ANY($1) AND resolved_at IS NULL`,
        [reached, now, actor.username],
      );
    }
    return queued;
  }
}
