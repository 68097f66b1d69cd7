import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../../src/audit/audit.repository.js';
import { AuditService, SYSTEM_ACTOR } from '../../../src/audit/audit.service.js';
import { createRepositoryDatabase, repositoryConfig, type RepositoryDatabase } from '../../support/repository-database.js';

describe('AuditRepository', () => {
  let db: RepositoryDatabase;
  let repo: AuditRepository;
  let audit: AuditService;
  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new AuditRepository(db.dataSource);
    audit = new AuditService(repo, repositoryConfig(db));
  });
  afterAll(async () => {
    await db.drop();
  });

  const change = (id: string) => ({ action: 'test.change', entityType: 'thing', entityId: id, before: null, after: { id, note: '变更' } });

  it('appends rows of one transaction to one chain, linked seq by seq, and they verify', async () => {
    await db.dataSource.transaction((m) => audit.record(m, SYSTEM_ACTOR, [change('a'), change('b'), change('c')]));
    await db.dataSource.transaction((m) => audit.record(m, { username: 'link:X', role: null }, [change('d')]));
    const [chain] = await repo.chains();
    const rows = await repo.chainRows(chain, '1', 10);
    expect(rows.map((r) => r.seq)).toEqual(['1', '2', '3', '4']);
    expect(rows.map((r) => r.entity_id)).toEqual(['a', 'b', 'c', 'd']);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
    expect(rows[3].actor).toBe('link:X');
    expect(await repo.chainRows(chain, '3', 1)).toHaveLength(1);
    expect(await audit.verify()).toEqual({ ok: true, checked: 4, unchained: 0, firstBroken: null });
  });

  it('lists newest first with filters and a total', async () => {
    const page = await repo.list({ entityType: 'thing', limit: 2, offset: 0 });
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.entityId)).toEqual(['d', 'c']);
    expect((await repo.list({ actor: 'link:X', limit: 10, offset: 0 })).items.map((i) => i.entityId)).toEqual(['d']);
  });

  it('finds a row added outside the chains after they began, and the walk reports it', async () => {
    const coverage = await repo.chainCoverage();
    expect(coverage.unchained).toBe(0);
    expect(coverage.firstChained).not.toBeNull();
    expect(await repo.firstUnchainedAfter(coverage.firstChained!)).toBeNull();
    const [forged] = await db.ownerQuery<{ id: string }>(`INSERT INTO audit_log (actor, action, entity_type, entity_id) VALUES ('intruder', 'x', 'thing', 'z') RETURNING id`);
    expect(await repo.firstUnchainedAfter(coverage.firstChained!)).toBe(String(forged.id));
    const report = await audit.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ chain: null, id: String(forged.id) });
  });
});
