import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One county's persisted response-level machine (xstate snapshot + machine version). */
@Entity('county_levels')
export class CountyLevelEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  county: string;

  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion: number;

  @Column({ type: 'jsonb' })
  snapshot: unknown;

  /** The machine's state value, for queries: none | active. */
  @Column({ type: 'varchar', length: 16 })
  state: string;

  /** The directed level while active (it may start later), else null. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  level: string | null;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
