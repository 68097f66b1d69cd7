import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import { robotRecipient, type RobotTarget } from '../config/dispatch-config.js';
import type { RobotItem } from '../web/robots/robot-summary.template.js';
import type { NewOutboxRow } from './outbound-message.js';
import type { FreshVersion } from './fresh-notice-progress.js';
import { OutboxRepository } from './outbox.repository.js';

/** One notice for a group robot: `key` makes it single (with the robot's name appended). */
export interface RobotNotice {
  key: string;
  target: RobotTarget;
  item: RobotItem;
}

/** Writes outbox rows inside the caller's transaction; a repeated key is ignored (idempotent enqueue). */
@Injectable()
export class OutboxService {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly config: ConfigService,
  ) {}

  /**
   * Rows whose keys are new by construction, about order versions this transaction wrote
   * (`versions`: each one's directive and county, for its progress): COPY, no conflict check.
   */
  enqueueFresh(manager: EntityManager, rows: NewOutboxRow[], versions: ReadonlyMap<string, FreshVersion>): Promise<void> {
    return this.repository.insertFresh(manager, rows, versions);
  }

  enqueue(manager: EntityManager, rows: NewOutboxRow[], notBefore: Date | null = null): Promise<number> {
    return this.repository.insertNew(manager, rows, notBefore);
  }

  /** Robot rows already addressed (recipient from robotRecipient), due after the batching window like enqueueRobot's. */
  enqueueRobotRows(manager: EntityManager, rows: NewOutboxRow[]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    return this.repository.insertNew(manager, rows, null, this.config.dispatch.robots.batchWindowSeconds);
  }

  /**
   * Robot notices, one outbox row each, due after the batching window so that the notices for one
   * robot go out as one summary. A group without a configured robot is skipped (not a failure).
   */
  enqueueRobot(manager: EntityManager, notices: RobotNotice[]): Promise<number> {
    const rows: NewOutboxRow[] = [];
    for (const n of notices) {
      const recipient = robotRecipient(this.config.dispatch, n.target);
      if (recipient === null) continue;
      rows.push({
        idempotencyKey: `robot:${n.key}:${recipient}`,
        kind: 'robot',
        channel: 'robot',
        recipient,
        enterpriseCode: null,
        orderVersionId: null,
        payload: { topic: n.item.topic, text: n.item.text },
      });
    }
    if (rows.length === 0) return Promise.resolve(0);
    return this.repository.insertNew(manager, rows, null, this.config.dispatch.robots.batchWindowSeconds);
  }
}
