import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per (job, slot): a scheduled run happens once across instances, even after a retry. */
@Entity('job_runs')
export class JobRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  job: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  slot: string;

  @Column({ type: 'varchar', length: 64 })
  instance: string;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
