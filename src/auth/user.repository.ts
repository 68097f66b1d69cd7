import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from './role.js';
import { UserEntity } from './user.entity.js';

/** What the credential check reads on every request. */
export interface CredentialRow {
  username: string;
  role: Role;
  county: string | null;
  enterprise_code: string | null;
  team: string | null;
  active: boolean;
  credential_version: number;
  must_change_password: boolean;
}

export interface UserFilter {
  role?: Role;
  active?: boolean;
  page: number;
  pageSize: number;
}

/** The users table: accounts, their bindings and credentials. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One primary-key lookup; null for a missing user. */
  async credentialsOf(id: string): Promise<CredentialRow | null> {
    const rows: CredentialRow[] = await this.dataSource.query('SELECT username, role, county, enterprise_code, team, active, credential_version, must_change_password FROM users WHERE id = $1', [id]);
    return rows[0] ?? null;
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ username });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  /** Locked until the caller's transaction ends: two changes of one user apply one after the other. */
  lockById(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  usernameTaken(manager: EntityManager, username: string): Promise<boolean> {
    return manager.getRepository(UserEntity).existsBy({ username });
  }

  insert(
    manager: EntityManager,
    user: Pick<UserEntity, 'username' | 'passwordHash' | 'role' | 'displayName' | 'county' | 'enterpriseCode' | 'team'> & Partial<Pick<UserEntity, 'mobile' | 'email' | 'workChatId'>>,
  ): Promise<UserEntity> {
    const repo = manager.getRepository(UserEntity);
    return repo.save(repo.create(user));
  }

  save(manager: EntityManager, user: UserEntity): Promise<UserEntity> {
    return manager.getRepository(UserEntity).save(user);
  }

  /**
   * Sets a new password if the credential version is still the one read (compare and set);
   * answers the raised version, or null when another change or reset came in between.
   */
  async replacePassword(manager: EntityManager, id: string, passwordHash: string, readVersion: number): Promise<number | null> {
    const [rows] = await manager.query(
      `UPDATE users SET password_hash = $2, must_change_password = false, credential_version = credential_version + 1, updated_at = now()
       WHERE id = $1 AND credential_version = $3 RETURNING credential_version`,
      [id, passwordHash, readVersion],
    );
    const row = (rows as Array<{ credential_version: number }>)[0];
    return row ? Number(row.credential_version) : null;
  }

  async page(q: UserFilter): Promise<{ users: UserEntity[]; total: number }> {
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .orderBy('u.username', 'ASC')
      .take(q.pageSize)
      .skip((q.page - 1) * q.pageSize);
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    const [users, total] = await qb.getManyAndCount();
    return { users, total };
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count();
  }

  /** The active inspectors' usernames by team key, in username order. */
  async activeInspectorsByTeam(): Promise<Map<string, string[]>> {
    const rows: Array<{ team: string | null; username: string }> = await this.dataSource.query(`SELECT team, username FROM users WHERE role = 'inspector' AND active ORDER BY username`);
    const out = new Map<string, string[]>();
    for (const r of rows) {
      if (r.team === null) continue;
      out.set(r.team, [...(out.get(r.team) ?? []), r.username]);
    }
    return out;
  }
}
