import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A per-line meter reading (分表计电), in kW. */
@Entity('power_readings')
@Index('uq_power_reading', ['enterpriseCode', 'lineCode', 'at'], { unique: true })
export class PowerReadingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  @Column({ name: 'line_code', type: 'varchar', length: 32 })
  lineCode: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'double precision' })
  kw: number;

  @Column({ type: 'varchar', length: 32, default: 'api' })
  source: string;
}
