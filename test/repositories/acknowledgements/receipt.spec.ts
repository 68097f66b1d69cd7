import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcknowledgementService } from '../../../src/acknowledgements/acknowledgement.service.js';
import { AlertsRepository } from '../../../src/acknowledgements/alerts.repository.js';
import { AuditRepository } from '../../../src/audit/audit.repository.js';
import { AuditService } from '../../../src/audit/audit.service.js';
import { AccessPolicy } from '../../../src/auth/access-policy.js';
import { ControllableClock } from '../../../src/common/clock.js';
import { DomainError } from '../../../src/common/domain-error.js';
import { InspectionTaskRepository } from '../../../src/inspections/inspection-task.repository.js';
import { planVersions, type PlannedVersion } from '../../../src/orders/order-plan.js';
import { loadOpenOrders, writeVersions } from '../../../src/orders/order-timeline.repository.js';
import { OrderVersionsRepository } from '../../../src/orders/order-versions.repository.js';
import { OrdersService } from '../../../src/orders/orders.service.js';
import type { Order } from '../../../src/rules/orders/order.types.js';
import { sampleEnterprise } from '../../support/fixtures.js';
import { createRepositoryDatabase, repositoryConfig, type RepositoryDatabase } from '../../support/repository-database.js';

const T = (iso: string) => new Date(iso);

/**
 * The API's receipt is one statement put together by three owners: orders mark the version,
 * acknowledgements resolve its reminders, audit chains the entry. Over the real tables.
 */
describe('the one-statement receipt', () => {
  let db: RepositoryDatabase;
  let acks: AcknowledgementService;
  let audit: AuditService;
  const e = sampleEnterprise(1);
  const clock = new ControllableClock(T('2026-12-10T11:00:00Z'));
  const versions: PlannedVersion[] = [];
  const stop = (level: Order['level']): Order => ({
    enterpriseCode: e.code,
    at: '2026-12-10T00:00:00Z',
    level,
    phase: null,
    lines: e.lines.map((l) => ({ code: l.code, action: l.code === 'L1' || level === 'red' ? 'stop' : 'run', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [] })),
    stoppedCapacityPercent: level === 'red' ? 100 : 64.29,
    maxLoadPercent: null,
    notes: [],
  });

  async function direct(order: Order, from: Date, createdAt: Date): Promise<void> {
    await db.dataSource.transaction(async (m) => {
      const planned = planVersions([{ enterprise: e, order }], await loadOpenOrders(m, [e.code], from, 'replace'), { from, to: null, mode: 'replace' });
      await writeVersions(m, randomUUID(), planned, { effectiveFrom: from, ackDeadline: new Date(createdAt.getTime() + 7_200_000), createdAt, mode: 'replace' });
      versions.push(...planned);
    });
  }

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    const config = repositoryConfig(db);
    const orderVersions = new OrderVersionsRepository(db.dataSource);
    const orders = new OrdersService(db.dataSource, orderVersions, new AccessPolicy(new InspectionTaskRepository(db.dataSource)), clock);
    audit = new AuditService(new AuditRepository(db.dataSource), config);
    acks = new AcknowledgementService(db.dataSource, orderVersions, orders, new AlertsRepository(db.dataSource), audit, clock, config);
    // v1 orange from 10:00; v2 red directed for 14:00; then red from 12:00 replaces v2 before it began (v3).
    await direct(stop('orange'), T('2026-12-10T10:00:00Z'), T('2026-12-10T10:00:00Z'));
    await direct(stop('red'), T('2026-12-10T14:00:00Z'), T('2026-12-10T10:30:00Z'));
    await direct({ ...stop('red'), notes: ['提前'] }, T('2026-12-10T12:00:00Z'), T('2026-12-10T10:40:00Z'));
    expect(versions.map((v) => v.modification)).toEqual([1, 2, 3]);
    await new AlertsRepository(db.dataSource).insertNew(
      db.dataSource.manager,
      [{ dedupeKey: `ack_reminder:0:${versions[0].versionId}`, kind: 'ack_reminder', stage: 0, county: e.county, enterpriseCode: e.code, orderVersionId: versions[0].versionId, message: '提醒' }],
      T('2026-12-10T10:50:00Z'),
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  it('marks the first receipt, resolves its reminder and chains one audit entry; a repeat changes nothing', async () => {
    const v1 = versions[0];
    const actor = { username: `e-${e.code}`, role: null };
    const first = await acks.acknowledgeByNumber(v1.orderId, 1, e.code, actor);
    expect(first).toEqual({ orderId: v1.orderId, modification: 1, versionId: v1.versionId, acknowledgedAt: '2026-12-10T11:00:00.000Z', acknowledgedBy: actor.username, alreadyAcknowledged: false });
    clock.set(T('2026-12-10T11:05:00Z'));
    const again = await acks.acknowledgeByNumber(v1.orderId, 1, e.code, actor);
    expect(again).toMatchObject({ acknowledgedAt: '2026-12-10T11:00:00.000Z', alreadyAcknowledged: true });
    const [alert] = await db.dataSource.query('SELECT resolved_at FROM alerts WHERE order_version_id = $1', [v1.versionId]);
    expect(alert.resolved_at).toEqual(T('2026-12-10T11:00:00Z'));
    const entries = await db.dataSource.query("SELECT entity_id, actor, after FROM audit_log WHERE action = 'order.acknowledge'");
    expect(entries).toEqual([{ entity_id: v1.versionId, actor: actor.username, after: { modification: 1, at: '2026-12-10T11:00:00.000Z' } }]);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('answers 404 for another enterprise’s version and 409 naming the latest for one replaced before it began', async () => {
    const v = versions[0];
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (err: unknown) => (err instanceof DomainError ? { code: err.code, details: err.details } : err),
      );
    expect(await refusal(acks.acknowledgeByNumber(v.orderId, 1, sampleEnterprise(2).code, { username: 'other', role: null }))).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    expect(await refusal(acks.acknowledgeByNumber(v.orderId, 2, e.code, { username: 'e', role: null }))).toEqual({
      code: 'ORDER_SUPERSEDED',
      details: { orderId: v.orderId, currentModification: 3, currentVersionId: versions[2].versionId },
    });
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM audit_log')).toEqual([{ n: 1 }]);
  });
});
