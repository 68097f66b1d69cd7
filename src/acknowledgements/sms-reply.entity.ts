import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every SMS reply (上行短信) a provider delivered, matched to an order version or not. */
@Entity('sms_replies')
@Index('idx_sms_replies_mobile', ['mobile', 'receivedAt'])
export class SmsReplyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** aliyun | tencent */
  @Column({ type: 'varchar', length: 16 })
  provider: string;

  /** 11 digits, without +86. */
  @Column({ type: 'varchar', length: 20 })
  mobile: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** When the handset sent it, as the provider says. */
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** acknowledged | already_acknowledged | no_code | unknown_code | expired | superseded */
  @Column({ type: 'varchar', length: 32 })
  outcome: string;

  @Column({ name: 'order_version_id', type: 'uuid', nullable: true })
  orderVersionId: string | null;

  @Column({ name: 'short_code', type: 'varchar', length: 10, nullable: true })
  shortCode: string | null;

  /** The provider's item as received. */
  @Column({ type: 'jsonb' })
  raw: Record<string, unknown>;
}
