import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `/a/<code>`: a short name of a signed acknowledgement link, for SMS; with the code a reply may quote. */
@Entity('ack_short_links')
@Index('idx_ack_short_links_reply', ['mobile', 'replyCode'])
export class AckShortLinkEntity {
  /** 10 characters of base62. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  code: string;

  /** The SMS outbox row it was made for (one link per row, kept across retries). */
  @Column({ name: 'outbox_id', type: 'bigint', nullable: true, unique: true })
  outboxId: string | null;

  @Column({ name: 'order_version_id', type: 'uuid' })
  orderVersionId: string;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  /** The number the SMS went to: a reply from it quoting `replyCode` acknowledges the version. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  mobile: string | null;

  @Column({ name: 'reply_code', type: 'varchar', length: 8 })
  replyCode: string;

  /** The signed link token (/ack/<token>) the code stands for. */
  @Column({ type: 'text' })
  token: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
