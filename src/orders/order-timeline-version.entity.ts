import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The order timeline's one version counter, bumped by the triggers of migration 1796600015000 in every timeline write's transaction. */
@Entity('order_timeline_version')
export class OrderTimelineVersionEntity {
  @PrimaryColumn({ type: 'boolean', default: true })
  id: boolean;

  @Column({ type: 'bigint' })
  version: string;
}
