import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A phase change of a rule group as the season machine produces it, recorded once: first
 * when it comes within the lead (observed_at empty), then observed when the machine enters
 * it. Season directives are issued from these rows, not from the configured dates.
 */
@Entity('season_phase_changes')
@Index('uq_season_phase_change', ['season', 'groupKey', 'toPhase', 'effectiveAt'], { unique: true })
export class SeasonPhaseChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 9 })
  season: string;

  @Column({ name: 'group_key', type: 'varchar', length: 64 })
  groupKey: string;

  @Column({ name: 'from_phase', type: 'varchar', length: 64 })
  fromPhase: string;

  @Column({ name: 'to_phase', type: 'varchar', length: 64 })
  toPhase: string;

  /** The calendar boundary (local midnight) at which the phase began. */
  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt: Date;

  /** When the machine entered it (later than effective_at after downtime); null while it is ahead. */
  @Column({ name: 'observed_at', type: 'timestamptz', nullable: true })
  observedAt: Date | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
