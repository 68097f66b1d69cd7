import { DataSource } from 'typeorm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService, SYSTEM_ACTOR } from '../../src/audit/audit.service.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A direct connection as the role the service uses (not the owner). */
async function asService(t: TestApp): Promise<pg.Client> {
  const url = (t.app.get(DataSource).options as { url: string }).url;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

async function asOwner(t: TestApp): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: t.db.url });
  await c.connect();
  return c;
}

describe('audit log integrity (real PostgreSQL, separate roles)', () => {
  let t: TestApp;
  let admin: string;
  let service: pg.Client;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    for (const n of [21, 22]) await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(sampleEnterprise(n)).expect(201);
    service = await asService(t);
    owner = await asOwner(t);
  });
  afterAll(async () => {
    await service?.end();
    await owner?.end();
    await t.close();
  });

  it('the service connects as a role that does not own the tables', async () => {
    const [{ me }] = (await service.query('SELECT current_user AS me')).rows;
    const [{ tableowner }] = (await owner.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log'`)).rows;
    expect(me).toBe(`${t.db.name}_app`);
    expect(tableowner).not.toBe(me);
    const [{ via }] = await t.app.get(DataSource).query('SELECT current_user AS via');
    expect(via).toBe(me);
  });

  it("the service's role can neither disable the trigger nor change or remove audit rows", async () => {
    for (const sql of [
      'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
      'DROP TRIGGER audit_log_no_update_delete ON audit_log',
      `UPDATE audit_log SET actor = 'someone-else'`,
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
    ]) {
      const err = await service.query(sql).then(
        () => null,
        (e: { code: string }) => e,
      );
      expect(err, sql).not.toBeNull();
      expect(err!.code, sql).toBe('42501'); // insufficient_privilege / must be owner
    }
    const [{ n }] = (await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor = 'someone-else'`)).rows;
    expect(n).toBe(0);
  });

  it('intact chains verify; concurrent writers spread over chains and keep each intact', async () => {
    // Writers that hold their chain a while, all at once: each must take a chain of its own.
    const ds = t.app.get(DataSource);
    const audit = t.app.get(AuditService);
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        ds.transaction(async (m) => {
          await audit.record(m, SYSTEM_ACTOR, [{ action: 'test.concurrent', entityType: 'test', entityId: String(i), before: null, after: { i } }]);
          await m.query('SELECT pg_sleep(0.3)');
          await audit.record(m, SYSTEM_ACTOR, [{ action: 'test.concurrent', entityType: 'test', entityId: String(i), before: null, after: { i, again: true } }]);
        }),
      ),
    );
    const spread = (await owner.query(`SELECT entity_id, array_agg(DISTINCT chain) AS chains FROM audit_log WHERE action = 'test.concurrent' GROUP BY entity_id`)).rows;
    expect(spread).toHaveLength(6);
    for (const r of spread) expect(r.chains).toHaveLength(1); // a transaction stays in its chain
    expect(new Set(spread.map((r: { chains: number[] }) => r.chains[0])).size).toBe(6);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.http
          .post('/api/v1/users')
          .set('Authorization', admin)
          .send({ username: `v${i}x`, password: 'viewer-pass-1', role: 'viewer' })
          .expect(201),
      ),
    );
    const res = await t.http.get('/api/v1/audit/verify').set('Authorization', admin).expect(200);
    const [{ n }] = (await owner.query('SELECT count(*)::int AS n FROM audit_log')).rows;
    expect(res.body).toEqual({ ok: true, checked: n, unchained: 0, firstBroken: null });
    expect(n).toBeGreaterThanOrEqual(23);
  });

  it("an enterprise's acknowledgement (the one-statement receipt) takes its place in the chain", async () => {
    const plant = sampleEnterprise(21);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '橙色预警' })
      .expect(200);
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'plant21', password: 'plant-pass-21', role: 'enterprise', enterpriseCode: plant.code }).expect(201);
    const token = await t.login('plant21', 'plant-pass-21');
    const [order] = (await t.http.get('/api/v1/orders').set('Authorization', token).expect(200)).body.items;
    await t.http.post(`/api/v1/orders/${order.orderId}/versions/${order.modification}/acknowledge`).set('Authorization', token).expect(200);
    // Repeated: idempotent, no second entry.
    await t.http.post(`/api/v1/orders/${order.orderId}/versions/${order.modification}/acknowledge`).set('Authorization', token).expect(200);
    const rows = (await owner.query(`SELECT seq, actor FROM audit_log WHERE action = 'order.acknowledge'`)).rows;
    expect(rows).toEqual([{ seq: expect.any(String), actor: 'plant21' }]);
    const res = await t.http.get('/api/v1/audit/verify').set('Authorization', admin).expect(200);
    expect(res.body).toMatchObject({ ok: true, unchained: 0, firstBroken: null });
  });

  it('a forged INSERT (a hash made without the key) is reported as the first broken link', async () => {
    const [last] = (await service.query('SELECT chain, seq, hash FROM audit_log WHERE chain = 0 ORDER BY seq DESC LIMIT 1')).rows;
    const seq = String(BigInt(last.seq) + 1n);
    const forged = await service.query(
      `INSERT INTO audit_log (actor, actor_role, action, entity_type, entity_id, before, after, chain, seq, prev_hash, hash)
       VALUES ('chief', 'commander', 'user.create', 'user', 'x', null, '{"username":"backdoor"}', 0, $1, $2, $3) RETURNING id`,
      [seq, last.hash, 'f'.repeat(64)],
    );
    // The service keeps writing after it; verification still names the forged row.
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'after-forgery', password: 'viewer-pass-1', role: 'viewer' }).expect(201);
    const res = await t.http.get('/api/v1/audit/verify').set('Authorization', admin).expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.firstBroken).toEqual({ chain: 0, seq, id: String(forged.rows[0].id), reason: expect.stringContaining('hash does not match') });
  });

  it('only commanders may verify', async () => {
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'watcher9', password: 'viewer-pass-9', role: 'viewer' }).expect(201);
    const viewer = await t.login('watcher9', 'viewer-pass-9');
    await t.http.get('/api/v1/audit/verify').set('Authorization', viewer).expect(403);
  });
});

describe('audit chain against the owner', () => {
  let t: TestApp;
  let owner: pg.Client;
  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.adminToken();
    // One import: its rows are consecutive in one chain.
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [31, 32, 33, 34, 35].map((n) => sampleEnterprise(n)) })
      .expect(200);
    owner = await asOwner(t);
  });
  afterAll(async () => {
    await owner?.end();
    await t.close();
  });

  it('an owner who disables the trigger and edits a row is caught; so is a removed row', async () => {
    const admin = await t.adminToken();
    const [victim] = (await owner.query(`SELECT id, chain, seq FROM audit_log WHERE action = 'enterprise.import.create' ORDER BY chain, seq LIMIT 1 OFFSET 1`)).rows;
    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await owner.query(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"改过的名字"') WHERE id = $1`, [victim.id]);
    let res = await t.http.get('/api/v1/audit/verify').set('Authorization', admin).expect(200);
    expect(res.body.firstBroken).toMatchObject({ chain: victim.chain, seq: String(victim.seq), id: String(victim.id) });

    const [tail] = (await owner.query('SELECT id, seq FROM audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1', [victim.chain])).rows;
    expect(BigInt(tail.seq)).toBeGreaterThan(BigInt(victim.seq) + 1n);
    await owner.query('DELETE FROM audit_log WHERE chain = $1 AND seq < $2 AND seq > $3', [victim.chain, tail.seq, victim.seq]);
    await owner.query('DELETE FROM audit_log WHERE id = $1', [victim.id]);
    await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    res = await t.http.get('/api/v1/audit/verify').set('Authorization', admin).expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.firstBroken.reason).toContain('missing');
    expect(res.body.firstBroken.seq).toBe(String(victim.seq));
  });
});
