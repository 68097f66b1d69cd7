import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something a person must act on: an enterprise with no usable channel, an overdue
 * acknowledgement (reminder, stage 1 county, stage 2 command center), a missing status report.
 * The unique key makes every job idempotent: a re-run never raises the same alert twice.
 */
@Entity('alerts')
@Index('idx_alerts_county_open', ['county', 'resolvedAt'])
export class AlertEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 300, unique: true })
  dedupeKey: string;

  /** no_channel | ack_reminder | ack_overdue | report_missing | notice_missing | report_discrepancy */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** 0 reminder to the enterprise, 1 county, 2 command center (duty officer), 3 shift leader on duty */
  @Column({ type: 'integer', default: 1 })
  stage: number;

  @Column({ type: 'varchar', length: 64 })
  county: string;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18, nullable: true })
  enterpriseCode: string | null;

  @Column({ name: 'order_version_id', type: 'uuid', nullable: true })
  orderVersionId: string | null;

  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** Who resolved it by hand; null when it resolved itself (acknowledgement, report filed). */
  @Column({ name: 'resolved_by', type: 'varchar', length: 64, nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;
}
