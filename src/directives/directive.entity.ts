import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DirectiveKind = 'issue' | 'adjust' | 'lift' | 'expire' | 'season' | 'reconcile';

/** A decision of the command center (or of the season calendar), numbered like 焦冬防指〔2026〕12号. */
@Entity('directives')
@Index('uq_directive_season_phase', ['seasonKey'], { unique: true, where: '"season_key" IS NOT NULL' })
export class DirectiveEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  number: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DirectiveKind;

  /** The level directed (issue/adjust), or null (lift, expire, season). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  level: string | null;

  /** Counties in scope; `city` true when the directive covered the whole city. */
  @Column({ type: 'text', array: true })
  counties: string[];

  @Column({ type: 'boolean', default: false })
  city: boolean;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  /** null: until lifted. */
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'text' })
  basis: string;

  /** season/group/phase for season directives: created once per phase. */
  @Column({ name: 'season_key', type: 'varchar', length: 160, nullable: true })
  seasonKey: string | null;

  /** The directive this one replaces for the same scope (adjust, lift), for CAP references. */
  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId: string | null;

  @Column({ name: 'issued_by', type: 'varchar', length: 64 })
  issuedBy: string;

  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  /** Counts at commit: orders versioned, enterprises without a reachable channel. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  summary: Record<string, unknown>;
}
