import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectiveOrdersRepository } from '../../../src/directives/directive-orders.repository.js';
import { DirectiveProgressRepository } from '../../../src/directives/directive-progress.repository.js';
import { DirectivesRepository } from '../../../src/directives/directives.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

const NOW = new Date('2026-11-21T10:00:00+08:00');

describe('directive read models: orders page and progress (real PostgreSQL, no app)', () => {
  let db: RepositoryDatabase;
  let directiveId: string;
  const versions = { xiuwu: randomUUID(), wen: randomUUID() };

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    const directives = new DirectivesRepository(db.dataSource);
    directiveId = await directives.transaction((m) =>
      directives.insert(m, {
        number: '焦冬防指〔2026〕9号',
        kind: 'issue',
        level: 'orange',
        counties: ['修武县', '温县'],
        city: false,
        startsAt: new Date('2026-11-20T10:00:00+08:00'),
        endsAt: null,
        basis: '测试',
        seasonKey: null,
        supersedesId: null,
        issuedBy: 'chief',
        totals: {},
      }),
    );
    // Arranged as the owner: rows of the modules the read model reads.
    const q = db.ownerQuery.bind(db);
    for (const [code, county, version, acked] of [
      ['E-XIUWU', '修武县', versions.xiuwu, true],
      ['E-WEN', '温县', versions.wen, false],
    ] as const) {
      const order = randomUUID();
      await q(`INSERT INTO enterprises (code, name, county, industry, version) VALUES ($1, $2, $3, 'cement', 1)`, [code, `企业${code}`, county]);
      await q(`INSERT INTO production_lines (enterprise_code, code, position, name, capacity, unit) VALUES ($1, 'L1', 0, '1号窑', 100, 't/d')`, [code]);
      await q(`INSERT INTO orders (id, enterprise_code, county, status, current_modification, current_version_id, requirement_hash) VALUES ($1, $2, $3, 'open', 1, $4, 'h')`, [
        order,
        code,
        county,
        version,
      ]);
      await q(
        `INSERT INTO order_versions (id, order_id, modification, directive_id, enterprise_code, county, status, level, lines, stopped_capacity_percent, notes, effective_from, ack_deadline, acknowledged_at, created_at)
         VALUES ($1, $2, 1, $3, $4, $5, 'current', 'orange', $6, 100, '[]', '2026-11-20T10:00:00+08:00', '2026-11-21T08:00:00+08:00', $7, '2026-11-20T10:00:00+08:00')`,
        [version, order, directiveId, code, county, JSON.stringify([{ code: 'L1', action: 'stop', maxLoadPercent: null }]), acked ? '2026-11-20T12:00:00+08:00' : null],
      );
    }
    const [{ id: sent }] = await q<{ id: string }>(
      `INSERT INTO outbox (idempotency_key, kind, channel, recipient, enterprise_code, order_version_id, status, attempts) VALUES ('k1', 'order', 'email', 'a@example.com', 'E-XIUWU', $1, 'sent', 1) RETURNING id`,
      [versions.xiuwu],
    );
    await q(`INSERT INTO delivery_attempts (outbox_id, attempt, worker, ok, at) VALUES ($1, 1, 'w', true, '2026-11-20T10:01:00+08:00')`, [sent]);
    await q(
      `INSERT INTO outbox (idempotency_key, kind, channel, recipient, enterprise_code, order_version_id, status, attempts, last_error) VALUES ('k2', 'order', 'email', 'b@example.com', 'E-WEN', $1, 'dead', 5, '550 no such user')`,
      [versions.wen],
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  it("pages a directive's versions by county with line names and every delivery; a county filter narrows it", async () => {
    const repo = new DirectiveOrdersRepository(db.dataSource);
    expect(await repo.count(directiveId, null)).toBe(2);
    expect(await repo.count(directiveId, '温县')).toBe(1);
    const page = await repo.page(directiveId, null, 10, 0);
    expect(page.map((r) => [r.county, r.enterprise_code, r.name])).toEqual([
      ['修武县', 'E-XIUWU', '企业E-XIUWU'],
      ['温县', 'E-WEN', '企业E-WEN'],
    ]);
    expect(page[0].line_names).toEqual({ L1: '1号窑' });
    expect(page[0].deliveries).toEqual([{ channel: 'email', recipient: 'a@example.com', status: 'sent', attempts: 1, last_error: null, last_at: expect.any(String) }]);
    expect(new Date(page[0].deliveries![0].last_at!).toISOString()).toBe('2026-11-20T02:01:00.000Z');
    expect(page[1].deliveries?.[0]).toMatchObject({ status: 'dead', last_error: '550 no such user', last_at: null });
    expect((await repo.page(directiveId, null, 1, 1)).map((r) => r.enterprise_code)).toEqual(['E-WEN']);
    expect(await repo.page(randomUUID(), null, 10, 0)).toEqual([]);
  });

  it('counts per county what was delivered, failed, acknowledged and overdue, and names the late', async () => {
    const repo = new DirectiveProgressRepository(db.dataSource);
    const counties = await repo.counties(directiveId, NOW, null);
    expect(counties).toEqual([
      { county: '修武县', orders: 1, delivered: 1, failed: 0, acknowledged: 1, implemented: 0, overdue: 0, inForce: 1, ahead: 0, replaced: 0 },
      { county: '温县', orders: 1, delivered: 0, failed: 1, acknowledged: 0, implemented: 0, overdue: 1, inForce: 1, ahead: 0, replaced: 0 },
    ]);
    expect((await repo.counties(directiveId, NOW, '修武县')).map((c) => c.county)).toEqual(['修武县']);
    const late = await repo.overdue(directiveId, NOW, null);
    expect(late.map((o) => [o.enterprise_code, o.name, o.county, o.ack_deadline.toISOString()])).toEqual([['E-WEN', '企业E-WEN', '温县', '2026-11-21T00:00:00.000Z']]);
    expect(await repo.overdue(directiveId, new Date('2026-11-21T07:00:00+08:00'), null)).toEqual([]);
  });
});
