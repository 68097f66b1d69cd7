import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Notes the outgoing shift leaves for the incoming one (the shift starting when it ends, if any). */
@Entity('duty_handovers')
export class DutyHandoverEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'from_shift_id', type: 'uuid' })
  fromShiftId: string;

  @Column({ name: 'to_shift_id', type: 'uuid', nullable: true })
  toShiftId: string | null;

  @Column({ type: 'text' })
  notes: string;

  @Column({ name: 'written_by', type: 'varchar', length: 64 })
  writtenBy: string;

  @Column({ name: 'written_at', type: 'timestamptz', default: () => 'now()' })
  writtenAt: Date;
}
