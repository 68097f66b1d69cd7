import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunRepository } from '../../../src/scheduling/job-run.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

describe('JobRunRepository (real PostgreSQL, no app)', () => {
  let db: RepositoryDatabase;
  let repo: JobRunRepository;

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new JobRunRepository(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('a lock is held by one transaction at a time and released when it ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const first = repo.transaction(async (m) => {
      expect(await repo.tryLock(m, 'hazeops.test')).toBe(true);
      locked();
      await held;
    });
    await isLocked;
    expect(await repo.transaction((m) => repo.tryLock(m, 'hazeops.test'))).toBe(false);
    expect(await repo.transaction((m) => repo.tryLock(m, 'hazeops.other'))).toBe(true);
    release();
    await first;
    expect(await repo.transaction((m) => repo.tryLock(m, 'hazeops.test'))).toBe(true);
  });

  it('a slot is claimed once, ever, and finishing it stamps the row', async () => {
    expect(await repo.transaction((m) => repo.claim(m, 'ack-escalation', '2026-11-20T10', 'a'))).toBe(true);
    expect(await repo.transaction((m) => repo.claim(m, 'ack-escalation', '2026-11-20T10', 'b'))).toBe(false);
    expect(await repo.transaction((m) => repo.claim(m, 'ack-escalation', '2026-11-20T11', 'b'))).toBe(true);
    await repo.transaction((m) => repo.finish(m, 'ack-escalation', '2026-11-20T10'));
    const rows = await db.dataSource.query(`SELECT slot, instance, finished_at IS NOT NULL AS finished FROM job_runs ORDER BY slot`);
    expect(rows).toEqual([
      { slot: '2026-11-20T10', instance: 'a', finished: true },
      { slot: '2026-11-20T11', instance: 'b', finished: false },
    ]);
  });
});
