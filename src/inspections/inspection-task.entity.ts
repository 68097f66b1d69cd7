import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An enterprise to inspect, by a team: from a draw, by hand with a reason, or from a power anomaly. */
@Entity('inspection_tasks')
@Index('idx_tasks_team', ['team', 'status'])
@Index('uq_tasks_dedupe', ['dedupeKey'], { unique: true, where: '"dedupe_key" IS NOT NULL' })
export class InspectionTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'draw_id', type: 'uuid', nullable: true })
  drawId: string | null;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  @Column({ type: 'varchar', length: 64 })
  county: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  team: string | null;

  /** random | targeted | power */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** open | done */
  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
