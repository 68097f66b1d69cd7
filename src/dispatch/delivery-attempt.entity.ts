import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One try at delivering one outbox row: its outcome and the server's answer. */
@Entity('delivery_attempts')
@Index('idx_delivery_attempts_outbox', ['outboxId'])
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'outbox_id', type: 'bigint' })
  outboxId: string;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'varchar', length: 64 })
  worker: string;

  @Column({ type: 'boolean' })
  ok: boolean;

  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
