import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryColumn, UpdateDateColumn, VersionColumn, type Relation } from 'typeorm';
import type { Livelihood, Measures, ProvincialApproval } from '../rules/enterprise.js';
import { ContactEntity } from './contact.entity.js';
import { ProductionLineEntity } from './production-line.entity.js';

@Entity('enterprises')
@Index('idx_enterprises_county_industry', ['county', 'industry'])
export class EnterpriseEntity {
  /** Unified social credit code. */
  @PrimaryColumn({ type: 'varchar', length: 18 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  county: string;

  @Column({ type: 'varchar', length: 64 })
  industry: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  process: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  fuel: string | null;

  @Column({ name: 'air_emitting', type: 'boolean', default: true })
  airEmitting: boolean;

  @Column({ type: 'varchar', length: 16, nullable: true })
  grade: string | null;

  /** Local date of the grading (YYYY-MM-DD). */
  @Column({ name: 'graded_on', type: 'date', nullable: true })
  gradedOn: string | null;

  @Column({ name: 'grading_authority', type: 'varchar', length: 200, nullable: true })
  gradingAuthority: string | null;

  @Column({ type: 'jsonb', nullable: true })
  livelihood: Livelihood | null;

  @Column({ name: 'provincial_approval', type: 'jsonb', nullable: true })
  provincialApproval: ProvincialApproval | null;

  /** Emergency measures per level ("one plant, one policy"). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  measures: Measures;

  @Column({ name: 'webhook_url', type: 'varchar', length: 500, nullable: true })
  webhookUrl: string | null;

  /** Has a webhook or a contact accepting e-mail (written with the contacts by the repository; the list's `reachable` filter). */
  @Column({ type: 'boolean', default: false })
  reachable: boolean;

  /** Deactivated enterprises stay for history but receive no orders. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => ProductionLineEntity, (line) => line.enterprise)
  lines: Relation<ProductionLineEntity[]>;

  @OneToMany(() => ContactEntity, (contact) => contact.enterprise)
  contacts: Relation<ContactEntity[]>;
}
