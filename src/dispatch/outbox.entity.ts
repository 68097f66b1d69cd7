import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: written in the same transaction as what it announces, delivered
 * at least once by workers that claim rows with FOR UPDATE SKIP LOCKED.
 */
@Entity('outbox')
@Index('idx_outbox_due', ['nextAttemptAt'], { where: "status IN ('pending', 'sending')" })
@Index('idx_outbox_order_version', ['orderVersionId'])
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** (order version, recipient, channel) for orders; unique, so an enqueue is never doubled. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 300, unique: true })
  idempotencyKey: string;

  /** order | reminder | escalation | notice */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** email | webhook */
  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ type: 'varchar', length: 500 })
  recipient: string;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18, nullable: true })
  enterpriseCode: string | null;

  @Column({ name: 'order_version_id', type: 'uuid', nullable: true })
  orderVersionId: string | null;

  /** Rendered content for notices; orders are rendered at send time from their version. */
  @Column({ type: 'jsonb', nullable: true })
  payload: Record<string, unknown> | null;

  /** pending | sending | sent | failed | skipped (stale before delivery) */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'locked_by', type: 'varchar', length: 64, nullable: true })
  lockedBy: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
