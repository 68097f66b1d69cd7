import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What an inspector saw on one line, judged against the order version in force at that moment. */
@Entity('findings')
@Index('idx_findings_enterprise', ['enterpriseCode', 'observedAt'])
export class FindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  @Column({ type: 'varchar', length: 64 })
  county: string;

  @Column({ name: 'line_code', type: 'varchar', length: 32 })
  lineCode: string;

  /** running | stopped | banked | reduced */
  @Column({ name: 'observed_state', type: 'varchar', length: 16 })
  observedState: string;

  @Column({ name: 'load_percent', type: 'double precision', nullable: true })
  loadPercent: number | null;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt: Date;

  @Column({ name: 'power_kw', type: 'double precision', nullable: true })
  powerKw: number | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 64 })
  inspector: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  team: string | null;

  @Column({ name: 'order_version_id', type: 'uuid', nullable: true })
  orderVersionId: string | null;

  /** violation | compliant */
  @Column({ type: 'varchar', length: 16 })
  verdict: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'penalty_item', type: 'varchar', length: 64, nullable: true })
  penaltyItem: string | null;

  /** A violation of an order never proven delivered: recorded as a breach, no penalty. */
  @Column({ name: 'notice_missing', type: 'boolean', default: false })
  noticeMissing: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
