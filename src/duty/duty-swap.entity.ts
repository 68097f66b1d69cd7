import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A replacement of a shift's duty officer or shift leader, with its reason (also in the audit log). */
@Entity('duty_swaps')
export class DutySwapEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'shift_id', type: 'uuid' })
  shiftId: string;

  /** duty_officer | shift_leader */
  @Column({ type: 'varchar', length: 16 })
  position: string;

  @Column({ name: 'from_user_id', type: 'uuid' })
  fromUserId: string;

  @Column({ name: 'to_user_id', type: 'uuid' })
  toUserId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'swapped_by', type: 'varchar', length: 64 })
  swappedBy: string;

  @Column({ name: 'swapped_at', type: 'timestamptz', default: () => 'now()' })
  swappedAt: Date;
}
