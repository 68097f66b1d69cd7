import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A penalty on a county's ledger (item 51: deducted from the county's finances). */
@Entity('ledger_entries')
@Index('idx_ledger_county_month', ['county', 'createdAt'])
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  county: string;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18, nullable: true })
  enterpriseCode: string | null;

  /** One entry per violating finding. */
  @Column({ name: 'finding_id', type: 'uuid', nullable: true, unique: true })
  findingId: string | null;

  @Column({ type: 'varchar', length: 64 })
  item: string;

  /** The order version in force at the observed moment. */
  @Column({ name: 'order_version_id', type: 'uuid', nullable: true })
  orderVersionId: string | null;

  /** Proof of notice: the version, how and when it was delivered, when acknowledged (NoticeEvidence). */
  @Column({ type: 'jsonb', nullable: true })
  evidence: Record<string, unknown> | null;

  /** Yuan. */
  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'text' })
  description: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ name: 'void_reason', type: 'text', nullable: true })
  voidReason: string | null;

  @Column({ name: 'voided_by', type: 'varchar', length: 64, nullable: true })
  voidedBy: string | null;
}
