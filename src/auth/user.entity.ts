import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from './role.js';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  /** For county officers: the county they act for. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  county: string | null;

  /** For enterprise users: the enterprise they act for. */
  @Column({ name: 'enterprise_code', type: 'varchar', length: 18, nullable: true })
  enterpriseCode: string | null;

  /** For inspectors: their inspection team. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  team: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 100, nullable: true })
  displayName: string | null;

  /** The person's own contacts, for escalation notices: mainland mobile (11 digits), e-mail, work-chat id. */
  @Column({ type: 'varchar', length: 11, nullable: true })
  mobile: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'work_chat_id', type: 'varchar', length: 64, nullable: true })
  workChatId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Carried in every token as `cv`; a password reset or change raises it, which ends older tokens. */
  @Column({ name: 'credential_version', type: 'integer', default: 1 })
  credentialVersion: number;

  /** Set by a reset: until the user chooses a new password, only change-password answers. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
