import { ModulesContainer } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/auth/auth.decorators.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app.js';

describe('auth and scopes (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  const own = sampleEnterprise(1);
  const other = sampleEnterprise(2, { county: '温县' });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    for (const e of [own, other]) await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(e).expect(201);
    const users = [
      { username: 'plant1', password: 'plant-password-1', role: 'enterprise', enterpriseCode: own.code },
      { username: 'xiuwu', password: 'county-password-1', role: 'county_officer', county: '修武县' },
      { username: 'watcher', password: 'viewer-password-1', role: 'viewer' },
    ];
    for (const u of users) await t.http.post('/api/v1/users').set('Authorization', admin).send(u).expect(201);
  });
  afterAll(() => t.close());

  it('boot created the configured commander, whose password is stored hashed', async () => {
    const rows = await t.app.get(getDataSourceToken()).query('SELECT username, role, password_hash FROM users WHERE username = $1', [ADMIN.username]);
    expect(rows).toHaveLength(1);
    expect(rows[0].role).toBe('commander');
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$10\$/);
    expect(rows[0].password_hash).not.toContain(ADMIN.password);
  });

  it('answers 401 without a token and with a forged one', async () => {
    const none = await t.http.get('/api/v1/enterprises').expect(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    await t.http.get('/api/v1/enterprises').set('Authorization', 'Bearer not.a.token').expect(401);
  });

  it('answers 401 for a wrong password, with the error body', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: ADMIN.username, password: 'wrong-password' }).expect(401);
    expect(res.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
  });

  it('answers 403 when the role may not call the endpoint', async () => {
    const viewer = await t.login('watcher', 'viewer-password-1');
    const res = await t.http.post('/api/v1/enterprises').set('Authorization', viewer).send(sampleEnterprise(3)).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    await t.http.get('/api/v1/audit').set('Authorization', viewer).expect(403);
    await t.http.post('/api/v1/users').set('Authorization', viewer).send({ username: 'x1x', password: 'abcdefgh', role: 'viewer' }).expect(403);
  });

  it('an enterprise sees only itself: another enterprise answers 404', async () => {
    const plant = await t.login('plant1', 'plant-password-1');
    await t.http.get(`/api/v1/enterprises/${own.code}`).set('Authorization', plant).expect(200);
    const res = await t.http.get(`/api/v1/enterprises/${other.code}`).set('Authorization', plant).expect(404);
    expect(res.body.error.code).toBe('ENTERPRISE_NOT_FOUND');
    await t.http.get(`/api/v1/enterprises/${own.code}/webhook-secret`).set('Authorization', plant).expect(200);
    await t.http.get(`/api/v1/enterprises/${other.code}/webhook-secret`).set('Authorization', plant).expect(404);
    const list = await t.http.get('/api/v1/enterprises').set('Authorization', plant).expect(200);
    expect(list.body.items.map((e: { code: string }) => e.code)).toEqual([own.code]);
  });

  it('a county officer sees its county only and may not write another county', async () => {
    const officer = await t.login('xiuwu', 'county-password-1');
    const list = await t.http.get('/api/v1/enterprises').set('Authorization', officer).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].county).toBe('修武县');
    await t.http.get(`/api/v1/enterprises/${other.code}`).set('Authorization', officer).expect(404);
    const res = await t.http
      .post('/api/v1/enterprises')
      .set('Authorization', officer)
      .send(sampleEnterprise(4, { county: '温县' }))
      .expect(403);
    expect(res.body.error.message).toContain('修武县');
  });

  it('rejects users with missing bindings and duplicate names', async () => {
    const noCounty = await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'nocounty', password: 'abcdefgh1', role: 'county_officer' }).expect(422);
    expect(noCounty.body.error.details[0].field).toBe('county');
    const badRole = await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'badrole', password: 'abcdefgh1', role: 'king' }).expect(400);
    expect(badRole.body.error.message).toContain('role must be one of');
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'watcher', password: 'abcdefgh1', role: 'viewer' }).expect(409);
  });

  it('throttles repeated failed sign-ins for a username', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.http.post('/api/v1/auth/login').send({ username: 'watcher', password: 'guess-' + i });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Even the right password is refused while blocked.
    await t.http.post('/api/v1/auth/login').send({ username: 'watcher', password: 'viewer-password-1' }).expect(429);
  });

  it('every route handler declares who may call it (@Roles or @Public)', () => {
    const undeclared: string[] = [];
    let handlers = 0;
    for (const mod of t.app.get(ModulesContainer).values()) {
      for (const wrapper of mod.controllers.values()) {
        const proto = (wrapper.metatype as { prototype: Record<string, unknown> } | null)?.prototype;
        if (!proto) continue;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const fn = proto[name];
          if (name === 'constructor' || typeof fn !== 'function' || Reflect.getMetadata('method', fn) === undefined) continue;
          handlers++;
          const declared = Reflect.getMetadata(ROLES_KEY, fn) ?? Reflect.getMetadata(PUBLIC_KEY, fn);
          if (!declared) undeclared.push(`${wrapper.name}.${name}`);
        }
      }
    }
    expect(handlers).toBeGreaterThan(8);
    expect(undeclared).toEqual([]);
  });
});
