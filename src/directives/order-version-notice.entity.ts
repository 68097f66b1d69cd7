import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per order version, how many of its outbox notices were sent and how many are still live:
 * the progress triggers read it to tell a version's first delivery (and its last failure)
 * without scanning the outbox.
 */
@Entity('order_version_notices')
export class OrderVersionNoticeEntity {
  @PrimaryColumn({ name: 'order_version_id', type: 'uuid' })
  orderVersionId: string;

  @Column({ type: 'integer', default: 0 })
  sent: number;

  @Column({ type: 'integer', default: 0 })
  live: number;
}
