import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One SMS handed to the provider for a mobile number, reserved before it is sent: the per-number rate limits count these. */
@Entity('sms_sends')
@Index('idx_sms_sends_mobile_at', ['mobile', 'sentAt'])
export class SmsSendEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  mobile: string;

  @Column({ name: 'outbox_id', type: 'bigint' })
  outboxId: string;

  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' })
  sentAt: Date;
}
