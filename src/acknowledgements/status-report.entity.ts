import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Twice-daily status report of a controlled enterprise during a warning (before 09:00 and 17:00).
 * Kept as history: a correction is a new row, and the latest row per slot counts.
 */
@Entity('status_reports')
@Index('idx_status_report_slot', ['enterpriseCode', 'slot', 'reportedAt'])
export class StatusReportEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  /** The deadline the report answers, e.g. 2026-12-10T09:00:00+08:00. */
  @Column({ type: 'timestamptz' })
  slot: Date;

  @Column({ name: 'reported_at', type: 'timestamptz', default: () => 'now()' })
  reportedAt: Date;

  @Column({ name: 'reported_by', type: 'varchar', length: 64 })
  reportedBy: string;

  /** Per line: running | stopped | limited, with optional load. */
  @Column({ type: 'jsonb' })
  lines: Array<{ line: string; state: string; loadPercent: number | null }>;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The order version in force when it was filed, which the report is checked against. */
  @Column({ name: 'order_version_id', type: 'uuid', nullable: true })
  orderVersionId: string | null;

  /** Lines reported running where the order says stop, or above their cap. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  discrepancies: Array<{ line: string; reported: string; required: string; message: string }>;
}
