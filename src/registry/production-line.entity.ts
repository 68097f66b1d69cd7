import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EnterpriseEntity } from './enterprise.entity.js';

@Entity('production_lines')
export class ProductionLineEntity {
  @PrimaryColumn({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  /** Keeps the registry's line order. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'double precision' })
  capacity: number;

  @Column({ type: 'varchar', length: 20 })
  unit: string;

  @Column({ type: 'integer', nullable: true })
  cells: number | null;

  @ManyToOne(() => EnterpriseEntity, (e) => e.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_code' })
  enterprise: Relation<EnterpriseEntity>;
}
