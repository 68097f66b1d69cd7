import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlParams } from '../../../src/common/sql-params.js';
import { planVersions, type PlannedVersion } from '../../../src/orders/order-plan.js';
import { loadOpenOrders, writeVersions } from '../../../src/orders/order-timeline.repository.js';
import { OrderVersionsRepository, versionInForce, versionsInForce } from '../../../src/orders/order-versions.repository.js';
import type { Enterprise } from '../../../src/rules/enterprise.js';
import type { Order } from '../../../src/rules/orders/order.types.js';
import { sampleEnterprise } from '../../support/fixtures.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

const at = (iso: string) => new Date(iso);

function order(e: Enterprise, action: 'stop' | 'run', level: Order['level'] = 'orange'): Order {
  return {
    enterpriseCode: e.code,
    at: '2026-12-10T00:00:00Z',
    level,
    phase: null,
    lines: e.lines.map((l) => ({ code: l.code, action: l.code === 'L1' ? action : 'run', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [] })),
    stoppedCapacityPercent: action === 'stop' ? 64.29 : 0,
    maxLoadPercent: null,
    notes: [],
  };
}

describe('OrderVersionsRepository and the order timeline', () => {
  let db: RepositoryDatabase;
  let repo: OrderVersionsRepository;
  const a = sampleEnterprise(1);
  const b = sampleEnterprise(2, { county: '武陟县' });
  const written: PlannedVersion[] = [];

  /** One directive's versions, as the directive writes them: open orders read, versions planned and written. */
  async function direct(items: Array<{ enterprise: Enterprise; order: Order }>, from: Date, to: Date | null, createdAt: Date): Promise<PlannedVersion[]> {
    return db.dataSource.transaction(async (m) => {
      const open = await loadOpenOrders(
        m,
        items.map((i) => i.enterprise.code),
        from,
        'replace',
      );
      const planned = planVersions(items, open, { from, to, mode: 'replace' });
      await writeVersions(m, randomUUID(), planned, { effectiveFrom: from, ackDeadline: new Date(createdAt.getTime() + 2 * 3_600_000), createdAt, mode: 'replace' });
      written.push(...planned);
      return planned;
    });
  }

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new OrderVersionsRepository(db.dataSource);
    // 10:00 orange for both until lifted; 12:00 red for a from 14:00 to 18:00.
    await direct(
      [
        { enterprise: a, order: order(a, 'stop') },
        { enterprise: b, order: order(b, 'stop') },
      ],
      at('2026-12-10T10:00:00Z'),
      null,
      at('2026-12-10T10:00:00Z'),
    );
    await direct([{ enterprise: a, order: order(a, 'stop', 'red') }], at('2026-12-10T14:00:00Z'), at('2026-12-10T18:00:00Z'), at('2026-12-10T12:00:00Z'));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('writes one order per enterprise and numbers its versions; a trivial requirement makes no first version', async () => {
    expect(written.map((p) => [p.enterprise.code, p.modification])).toEqual([
      [a.code, 1],
      [b.code, 1],
      [a.code, 2],
    ]);
    const none = await db.dataSource.transaction(async (m) => {
      const c = sampleEnterprise(3);
      return planVersions([{ enterprise: c, order: order(c, 'run', 'none') }], await loadOpenOrders(m, [c.code], at('2026-12-10T10:00:00Z'), 'replace'), {
        from: at('2026-12-10T10:00:00Z'),
        to: null,
        mode: 'replace',
      });
    });
    expect(none).toEqual([]);
  });

  it('answers the version in force at an instant: none before it was issued, the later one inside its interval', async () => {
    expect(await versionInForce(db.dataSource.manager, a.code, at('2026-12-10T09:59:00Z'))).toBeNull();
    expect((await versionInForce(db.dataSource.manager, a.code, at('2026-12-10T13:00:00Z')))?.modification).toBe(1);
    const red = await versionInForce(db.dataSource.manager, a.code, at('2026-12-10T15:00:00Z'));
    expect(red).toMatchObject({ modification: 2, level: 'red', effectiveTo: at('2026-12-10T18:00:00Z') });
    const many = await versionsInForce(db.dataSource.manager, at('2026-12-10T15:00:00Z'), { counties: ['武陟县'] });
    expect([...many.keys()]).toEqual([b.code]);
  });

  it('finds a version by order and number, and treats a number PostgreSQL cannot hold as none', async () => {
    const v1 = written[0];
    const ref = await repo.findRef(v1.orderId, 1);
    expect(ref).toMatchObject({ id: v1.versionId, enterpriseCode: a.code, county: '修武县', acknowledgedAt: null });
    expect(await repo.findRef(v1.orderId, 9)).toBeNull();
    expect(await repo.findRef(v1.orderId, 2 ** 40)).toBeNull();
    expect(await repo.findRef(randomUUID(), 1)).toBeNull();
    expect(await repo.idsOfOrder(v1.orderId)).toEqual([v1.versionId, written[2].versionId]);
  });

  it('pages the versions in force or ahead within a scope, counting them all', async () => {
    const all = await repo.page({ at: at('2026-12-10T13:00:00Z'), page: 1, pageSize: 10 }, () => 'true');
    expect(all.total).toBe(3);
    const scoped = await repo.page({ at: at('2026-12-10T13:00:00Z'), page: 1, pageSize: 10 }, (cols, params) => {
      params.push('武陟县');
      return `${cols.county} = $${params.length}`;
    });
    expect(scoped).toMatchObject({ ids: [written[1].versionId], total: 1 });
    // Keyset: from the key of each page's last row, one row at a time, the same order and no count.
    const walked: string[] = [];
    let after = null;
    for (let i = 0; i < 4; i++) {
      const p = await repo.page({ at: at('2026-12-10T13:00:00Z'), page: 1, pageSize: 1 }, () => 'true', { after, total: 3 });
      expect(p.total).toBe(3);
      walked.push(...p.ids);
      after = p.last;
    }
    expect(walked).toEqual(all.ids);
    expect(after).toBeNull();
    const inForce = await repo.page({ at: at('2026-12-10T13:00:00Z'), inForceOnly: true, enterpriseCode: a.code, page: 1, pageSize: 10 }, () => 'true');
    expect(inForce.ids).toEqual([written[0].versionId]);
    expect(await repo.aheadOf(db.dataSource.manager, a.code, at('2026-12-10T13:00:00Z'))).toEqual([written[2].versionId]);
    expect(await repo.enterprisesWithVersions(db.dataSource.manager, [a.code, sampleEnterprise(3).code])).toEqual(new Set([a.code]));
  });

  it('moves the deadline of a first delivery later by the time the notice waited, once', async () => {
    const id = written[1].versionId;
    await db.dataSource.transaction((m) => repo.markNotified(m, [id], at('2026-12-10T11:00:00Z')));
    await db.dataSource.transaction((m) => repo.markNotified(m, [id], at('2026-12-10T11:30:00Z')));
    const [row] = await db.dataSource.query('SELECT notified_at, ack_deadline FROM order_versions WHERE id = $1', [id]);
    expect(row.notified_at).toEqual(at('2026-12-10T11:00:00Z'));
    expect(row.ack_deadline).toEqual(at('2026-12-10T13:00:00Z'));
  });

  it('marks a receipt in one statement only the first time, and locks and confirms implementation', async () => {
    const v = written[2];
    const receipt = async (by: string) => {
      const p = new SqlParams();
      const number = p.add(2);
      const when = p.add(at('2026-12-10T12:30:00Z'));
      const actor = p.add(by);
      const text = `WITH ${repo.sqlReceipt(p, { orderId: v.orderId, modification: number, enterpriseCode: a.code, at: when, by: actor })}
        SELECT target.id, EXISTS (SELECT 1 FROM marked) AS fresh FROM target`;
      const [row] = await db.dataSource.query(text, p.values);
      return row;
    };
    expect(await receipt('e-1')).toEqual({ id: v.versionId, fresh: true });
    expect(await receipt('e-2')).toEqual({ id: v.versionId, fresh: false });
    await db.dataSource.transaction(async (m) => {
      const locked = await repo.lockForUpdate(m, v.versionId);
      expect(locked).toMatchObject({ modification: 2, status: 'current', acknowledgedAt: at('2026-12-10T12:30:00Z'), currentModification: 2, currentVersionId: v.versionId, implementation: {} });
      await repo.setImplementation(m, v.versionId, { L1: { at: '2026-12-10T14:05:00.000Z' } }, true, at('2026-12-10T14:10:00Z'));
    });
    const [row] = await db.dataSource.query('SELECT acknowledged_by, implementation, implemented_at FROM order_versions WHERE id = $1', [v.versionId]);
    expect(row).toEqual({ acknowledged_by: 'e-1', implementation: { L1: { at: '2026-12-10T14:05:00.000Z' } }, implemented_at: at('2026-12-10T14:10:00Z') });
    expect(await db.dataSource.transaction((m) => repo.lockForUpdate(m, randomUUID()))).toBeNull();
  });
});
