import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRepository } from '../../../src/auth/user.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

describe('UserRepository', () => {
  let db: RepositoryDatabase;
  let repo: UserRepository;
  const user = (username: string, over: Partial<Parameters<UserRepository['insert']>[1]> = {}) => ({
    username,
    passwordHash: '$2b$10$' + 'x'.repeat(53),
    role: 'inspector' as const,
    displayName: null,
    county: null,
    enterpriseCode: null,
    team: 'T1',
    ...over,
  });
  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new UserRepository(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('answers the credential row a token is checked against, and null for an unknown id', async () => {
    const saved = await db.dataSource.transaction((m) => repo.insert(m, user('zhang')));
    expect(await repo.credentialsOf(saved.id)).toEqual({
      username: 'zhang',
      role: 'inspector',
      county: null,
      enterprise_code: null,
      team: 'T1',
      active: true,
      credential_version: 1,
      must_change_password: false,
    });
    expect(await repo.credentialsOf('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect((await repo.findByUsername('zhang'))?.id).toBe(saved.id);
    expect(await db.dataSource.transaction((m) => repo.usernameTaken(m, 'zhang'))).toBe(true);
    expect(await db.dataSource.transaction((m) => repo.usernameTaken(m, 'li'))).toBe(false);
  });

  it('replaces a password only while the credential version is the one read (compare and set)', async () => {
    const u = (await repo.findByUsername('zhang'))!;
    const raised = await db.dataSource.transaction((m) => repo.replacePassword(m, u.id, 'new-hash', u.credentialVersion));
    expect(raised).toBe(u.credentialVersion + 1);
    // A second change from the same (now stale) read loses.
    expect(await db.dataSource.transaction((m) => repo.replacePassword(m, u.id, 'other-hash', u.credentialVersion))).toBeNull();
    expect((await repo.findById(u.id))?.passwordHash).toBe('new-hash');
  });

  it('groups active inspectors by team and pages with filters', async () => {
    await db.dataSource.transaction(async (m) => {
      await repo.insert(m, user('an', { team: 'T2' }));
      await repo.insert(m, user('bai', { team: 'T1' }));
      const gone = await repo.insert(m, user('chen', { team: 'T1' }));
      await repo.save(m, { ...gone, active: false });
      await repo.insert(m, user('du', { role: 'commander', team: null }));
    });
    expect(await repo.activeInspectorsByTeam()).toEqual(
      new Map([
        ['T2', ['an']],
        ['T1', ['bai', 'zhang']],
      ]),
    );
    const inactive = await repo.page({ active: false, page: 1, pageSize: 10 });
    expect(inactive.users.map((x) => x.username)).toEqual(['chen']);
    const inspectors = await repo.page({ role: 'inspector', page: 2, pageSize: 2 });
    expect(inspectors.total).toBe(4);
    expect(inspectors.users.map((x) => x.username)).toEqual(['chen', 'zhang']);
    expect(await repo.count()).toBe(5);
  });
});
