import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Signed deltas of a directive's progress per county, each effective from `at`; a read sums
 * those up to now. Written only by the triggers of migration 1796600014200 and folded by the
 * progress-compaction job (README, "Read models: progress, paging, text search").
 */
@Entity('directive_progress')
@Index('idx_directive_progress_directive', ['directiveId', 'county', 'at'])
export class DirectiveProgressEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'directive_id', type: 'uuid' })
  directiveId: string;

  @Column({ type: 'varchar', length: 64 })
  county: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'integer', default: 0 })
  orders: number;

  @Column({ type: 'integer', default: 0 })
  delivered: number;

  @Column({ type: 'integer', default: 0 })
  failed: number;

  @Column({ type: 'integer', default: 0 })
  acknowledged: number;

  @Column({ type: 'integer', default: 0 })
  implemented: number;

  @Column({ type: 'integer', default: 0 })
  replaced: number;

  @Column({ name: 'in_force', type: 'integer', default: 0 })
  inForce: number;

  @Column({ type: 'integer', default: 0 })
  ahead: number;

  @Column({ type: 'integer', default: 0 })
  overdue: number;
}
