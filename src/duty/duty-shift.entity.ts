import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One shift of the command center's duty roster (值班表): [starts_at, ends_at) with its duty officer
 * and shift leader. The table's EXCLUDE constraint on tstzrange(starts_at, ends_at, '[)') keeps
 * shifts from overlapping, also for concurrent writes. Written through DutyRepository (SQL).
 */
@Entity('duty_shifts')
export class DutyShiftEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'duty_officer_id', type: 'uuid' })
  dutyOfficerId: string;

  @Column({ name: 'shift_leader_id', type: 'uuid' })
  shiftLeaderId: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
