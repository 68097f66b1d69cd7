import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last directive number used per year: numbers are allocated inside the directive's transaction. */
@Entity('directive_sequences')
export class DirectiveSequenceEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq: number;
}
