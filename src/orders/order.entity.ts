import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An enterprise's production order, like an OpenADR event: a stable id whose requirement
 * changes through numbered versions. At most one open order per enterprise.
 */
@Entity('orders')
@Index('uq_orders_open_enterprise', ['enterpriseCode'], { unique: true, where: "status = 'open'" })
export class OrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  @Column({ type: 'varchar', length: 64 })
  county: string;

  /** open | ended */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'current_modification', type: 'integer' })
  currentModification: number;

  @Column({ name: 'current_version_id', type: 'uuid' })
  currentVersionId: string;

  /** Fingerprint of the current requirement: a directive that changes nothing makes no version. */
  @Column({ name: 'requirement_hash', type: 'varchar', length: 64 })
  requirementHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
