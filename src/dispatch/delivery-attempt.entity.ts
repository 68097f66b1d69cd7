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

  /** SMS: the provider's id of the message (Alibaba BizId, Tencent SerialNo), which its receipts name. */
  @Column({ name: 'provider_message_id', type: 'varchar', length: 100, nullable: true })
  providerMessageId: string | null;

  /** SMS: the provider's answer code (OK / Ok, or e.g. isv.BUSINESS_LIMIT_CONTROL). */
  @Column({ name: 'provider_code', type: 'varchar', length: 100, nullable: true })
  providerCode: string | null;

  /** SMS: pending (sent, no receipt yet) | delivered (to the handset) | failed; null for other channels. */
  @Column({ name: 'receipt_status', type: 'varchar', length: 16, nullable: true })
  receiptStatus: string | null;

  /** The receipt's code (DELIVERED, DELIVRD, or the carrier's error). */
  @Column({ name: 'receipt_code', type: 'varchar', length: 100, nullable: true })
  receiptCode: string | null;

  /** When the handset received it, as the receipt says. */
  @Column({ name: 'receipt_at', type: 'timestamptz', nullable: true })
  receiptAt: Date | null;
}
