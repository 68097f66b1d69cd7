import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a trigger in the database rejects UPDATE, DELETE and TRUNCATE; rows are hash-chained. */
@Entity('audit_log')
@Index('idx_audit_entity', ['entityType', 'entityId'])
@Index('idx_audit_at', ['at'])
@Index('uq_audit_chain_seq', ['chain', 'seq'], { unique: true, where: '"seq" IS NOT NULL' })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** Username, or `system` for the service's own changes (boot, scheduler, CLI). */
  @Column({ type: 'varchar', length: 64 })
  actor: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  /** e.g. enterprise.create, enterprise.update, enterprise.deactivate, user.create */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 128 })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** Which of the hash chains the row is in (writers at the same moment use different chains). */
  @Column({ type: 'smallint', nullable: true })
  chain: number | null;

  /** Place in its chain (1, 2, …); null for rows written before the chains existed. */
  @Column({ type: 'bigint', nullable: true })
  seq: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash: string | null;

  /** HMAC-SHA256 over the row's content and prevHash (see audit-chain.ts). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  hash: string | null;
}
