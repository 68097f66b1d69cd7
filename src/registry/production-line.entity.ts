import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EMISSION_SOURCES, type EmissionSource } from '../rules/enterprise.js';
import { EnterpriseEntity } from './enterprise.entity.js';

// The emission inventory is six plain columns, not a jsonb: accounting sums them in SQL per
// pollutant, and the database itself refuses a partial, negative or unknown-source record.
const EMISSION_COLUMNS = ['so2_kg_per_hour', 'nox_kg_per_hour', 'pm_kg_per_hour', 'vocs_kg_per_hour', 'emission_source', 'emission_year'];

@Entity('production_lines')
@Check('CHK_production_lines_emissions_complete', `(${EMISSION_COLUMNS.map((c) => `"${c}" IS NULL`).join(' AND ')}) OR (${EMISSION_COLUMNS.map((c) => `"${c}" IS NOT NULL`).join(' AND ')})`)
@Check('CHK_production_lines_emissions_non_negative', `"so2_kg_per_hour" >= 0 AND "nox_kg_per_hour" >= 0 AND "pm_kg_per_hour" >= 0 AND "vocs_kg_per_hour" >= 0`)
@Check('CHK_production_lines_emission_source', `"emission_source" IN (${EMISSION_SOURCES.map((s) => `'${s}'`).join(', ')})`)
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

  /** Emission rates at normal load, kg/h; all null when the line has no figures. */
  @Column({ name: 'so2_kg_per_hour', type: 'double precision', nullable: true })
  so2KgPerHour: number | null;

  @Column({ name: 'nox_kg_per_hour', type: 'double precision', nullable: true })
  noxKgPerHour: number | null;

  @Column({ name: 'pm_kg_per_hour', type: 'double precision', nullable: true })
  pmKgPerHour: number | null;

  @Column({ name: 'vocs_kg_per_hour', type: 'double precision', nullable: true })
  vocsKgPerHour: number | null;

  @Column({ name: 'emission_source', type: 'varchar', length: 16, nullable: true })
  emissionSource: EmissionSource | null;

  @Column({ name: 'emission_year', type: 'smallint', nullable: true })
  emissionYear: number | null;

  @ManyToOne(() => EnterpriseEntity, (e) => e.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_code' })
  enterprise: Relation<EnterpriseEntity>;
}
