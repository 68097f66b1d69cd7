import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** The persisted season machine of one rule group (xstate snapshot + machine version). */
@Entity('season_calendar_state')
export class SeasonCalendarStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 9 })
  season: string;

  @PrimaryColumn({ name: 'group_key', type: 'varchar', length: 64 })
  groupKey: string;

  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion: number;

  @Column({ type: 'jsonb' })
  snapshot: object;

  @Column({ type: 'varchar', length: 64 })
  phase: string;

  /** The clock reading at which the machine last moved (a phase entered, or its first tick): ticks that change nothing do not write. */
  @Column({ name: 'clock_at', type: 'timestamptz', nullable: true })
  clockAt: Date | null;

  /** Counts the writes of this row. */
  @VersionColumn()
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
