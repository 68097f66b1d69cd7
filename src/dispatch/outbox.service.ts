import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NewOutboxRow } from './outbound-message.js';
import { OutboxRepository } from './outbox.repository.js';

/** Writes outbox rows inside the caller's transaction; a repeated key is ignored (idempotent enqueue). */
@Injectable()
export class OutboxService {
  constructor(private readonly repository: OutboxRepository) {}

  /** Rows whose keys are new by construction (a fresh order version's): COPY, no conflict check. */
  enqueueFresh(manager: EntityManager, rows: NewOutboxRow[]): Promise<void> {
    return this.repository.insertFresh(manager, rows);
  }

  enqueue(manager: EntityManager, rows: NewOutboxRow[], notBefore: Date | null = null): Promise<number> {
    return this.repository.insertNew(manager, rows, notBefore);
  }
}
