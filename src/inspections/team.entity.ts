import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An inspection team (督导组); inspectors are users bound to its key. */
@Entity('teams')
export class TeamEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The team does not inspect this county unless the draw allows it; null for city teams. */
  @Column({ name: 'home_county', type: 'varchar', length: 64, nullable: true })
  homeCounty: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
