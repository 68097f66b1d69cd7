import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A phase change of a rule group, recorded once; the directives module acts on it. */
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

  /** When the clock saw it (later than effective_at after downtime). */
  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt: Date;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
