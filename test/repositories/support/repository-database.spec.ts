import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

describe('the repository test database', () => {
  let db: RepositoryDatabase;
  beforeAll(async () => {
    db = await createRepositoryDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('is migrated and connected as the service role, which may not rewrite audit rows', async () => {
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM migrations');
    expect(n).toBeGreaterThan(10);
    const [{ current_user: who }] = await db.dataSource.query('SELECT current_user');
    expect(who).toMatch(/_app$/);
    await expect(db.dataSource.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
  });
});
