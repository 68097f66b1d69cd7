import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A double-random draw: its seed and every input, so anyone can re-run it and compare. */
@Entity('draws')
export class DrawEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 128 })
  seed: string;

  @Column({ type: 'integer' })
  size: number;

  /** The moment whose open orders made the candidate list. */
  @Column({ type: 'timestamptz' })
  at: Date;

  /** Candidates, teams, weights and options exactly as drawn from (json: only ever read back whole). */
  @Column({ type: 'json' })
  inputs: unknown;

  @Column({ type: 'jsonb' })
  result: unknown;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
