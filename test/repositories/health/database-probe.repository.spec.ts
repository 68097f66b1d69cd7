import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseProbe } from '../../../src/health/database-probe.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

describe('DatabaseProbe', () => {
  let db: RepositoryDatabase;
  beforeAll(async () => {
    db = await createRepositoryDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('answers while the database does and fails, not hangs, once the connection is closed', async () => {
    const probe = new DatabaseProbe(db.dataSource);
    await expect(probe.ping()).resolves.toBeUndefined();
    await db.dataSource.destroy();
    await expect(probe.ping()).rejects.toThrow();
    await db.dataSource.initialize();
  });
});
