import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A county officer's telephone call that told an enterprise of an order version: delivery and receipt. */
@Entity('phone_notices')
@Index('idx_phone_notices_version', ['orderVersionId', 'calledAt'])
export class PhoneNoticeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'order_version_id', type: 'uuid' })
  orderVersionId: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ type: 'integer' })
  modification: number;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  @Column({ type: 'varchar', length: 64 })
  county: string;

  /** Whom the officer meant to reach. */
  @Column({ name: 'called_name', type: 'varchar', length: 100 })
  calledName: string;

  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @Column({ name: 'called_at', type: 'timestamptz' })
  calledAt: Date;

  /** Who actually answered. */
  @Column({ name: 'answered_by', type: 'varchar', length: 100 })
  answeredBy: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
