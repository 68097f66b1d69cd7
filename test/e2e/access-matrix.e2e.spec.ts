import { randomUUID } from 'node:crypto';
import { ModulesContainer } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_KEY, PUBLIC_TOKEN_KEY, ROLES_KEY } from '../../src/auth/auth.decorators.js';
import { ROLES, type Role } from '../../src/auth/role.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Route {
  method: string;
  path: string;
  roles: Role[];
}

/** Every public route whose path token is its credential (@PublicWithToken), with what it names. */
function tokenRoutesOf(t: TestApp): Array<{ method: string; path: string; credential: string }> {
  const out: Array<{ method: string; path: string; credential: string }> = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...a: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata('path', type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const fn = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const credential = Reflect.getMetadata(PUBLIC_TOKEN_KEY, fn) as string | undefined;
        const method = Reflect.getMetadata('method', fn) as RequestMethod | undefined;
        if (!credential || method === undefined) continue;
        const sub = String(Reflect.getMetadata('path', fn) ?? '');
        out.push({ method: RequestMethod[method].toLowerCase(), path: '/' + [base, sub].map((x) => x.replace(/^\/|\/$/g, '')).join('/'), credential });
      }
    }
  }
  return out;
}

/** Every route the application serves, with the roles it declares (from the controllers' metadata). */
function routesOf(t: TestApp): Route[] {
  const out: Route[] = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...a: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata('path', type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const fn = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const method = Reflect.getMetadata('method', fn) as RequestMethod | undefined;
        if (method === undefined || Reflect.getMetadata(PUBLIC_KEY, fn)) continue;
        const sub = String(Reflect.getMetadata('path', fn) ?? '');
        out.push({
          method: RequestMethod[method].toLowerCase(),
          path:
            '/' +
            [base, sub]
              .map((s) => s.replace(/^\/|\/$/g, ''))
              .filter(Boolean)
              .join('/'),
          roles: Reflect.getMetadata(ROLES_KEY, fn) as Role[],
        });
      }
    }
  }
  return out;
}

describe('access: every route × role, and own / other for reads and writes (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  const own = sampleEnterprise(61); // 修武县
  const other = sampleEnterprise(62, { code: codeFor(62, '410825'), county: '温县' });
  const ids = {} as { ownOrder: string; otherOrder: string; ownMod: number; otherMod: number; ownTask: string; otherTask: string; ownFinding: string; otherFinding: string; directive: string };

  const as = (role: Role, method: 'get' | 'post' | 'put' | 'patch', path: string) => t.http[method](path).set('Authorization', tokens[role]);

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.adminToken();
    tokens.commander = admin;
    // Two more with no way to reach them: the directive raises an alert in each county.
    const mute = [sampleEnterprise(64, { contacts: [] }), sampleEnterprise(65, { code: codeFor(65, '410825'), county: '温县', contacts: [] })];
    for (const e of [own, other, ...mute]) await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(e).expect(201);
    for (const key of ['team-own', 'team-other'])
      await t.http
        .post('/api/v1/teams')
        .set('Authorization', admin)
        .send({ key, name: key === 'team-own' ? '督导一组' : '督导二组' })
        .expect(201);
    const users: Array<[Role, Record<string, string>]> = [
      ['viewer', {}],
      ['county_officer', { county: '修武县' }],
      ['enterprise', { enterpriseCode: own.code }],
      ['inspector', { team: 'team-own' }],
    ];
    for (const [role, binding] of users) {
      await t.http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ username: `u-${role}`, password: 'matrix-pass-1', role, ...binding })
        .expect(201);
      tokens[role] = await t.login(`u-${role}`, 'matrix-pass-1');
    }
    const directive = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县', '温县'], endsAt: null, basis: '橙色预警' })
      .expect(200);
    ids.directive = directive.body.id ?? directive.body.directive?.id;
    const orders = (await t.http.get('/api/v1/orders').set('Authorization', admin).expect(200)).body.items as Array<{ orderId: string; modification: number; enterprise: { code: string } }>;
    const ownOrder = orders.find((o) => o.enterprise.code === own.code)!;
    const otherOrder = orders.find((o) => o.enterprise.code === other.code)!;
    Object.assign(ids, { ownOrder: ownOrder.orderId, ownMod: ownOrder.modification, otherOrder: otherOrder.orderId, otherMod: otherOrder.modification });
    ids.ownTask = (await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: own.code, team: 'team-own', reason: '核查' }).expect(201)).body.id;
    ids.otherTask = (await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: other.code, team: 'team-other', reason: '核查' }).expect(201)).body.id;
    // Both enterprises were told (a recorded phone notice), so a violation is enforceable.
    for (const [orderId, mod] of [
      [ids.ownOrder, ids.ownMod],
      [ids.otherOrder, ids.otherMod],
    ] as const) {
      await t.http
        .post(`/api/v1/orders/${orderId}/versions/${mod}/phone-notices`)
        .set('Authorization', admin)
        .send({ calledName: '张三', phone: '13800000000', calledAt: new Date().toISOString(), answeredBy: '张三' })
        .expect(201);
    }
    // After the directive took effect and the notice: running where it says stop is a violation, on each county's ledger.
    const observedAt = new Date(Date.now() + 1000).toISOString();
    for (const [task, key] of [
      [ids.ownTask, 'ownFinding'],
      [ids.otherTask, 'otherFinding'],
    ] as const) {
      ids[key] = (await t.http.post(`/api/v1/tasks/${task}/findings`).set('Authorization', admin).send({ lineCode: 'L1', observedState: 'running', observedAt }).expect(201)).body.id;
    }
  });
  afterAll(() => t.close());

  it('every protected route answers 403 to each role it does not declare, and no 5xx to those it does', async () => {
    const routes = routesOf(t);
    expect(routes.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const r of routes) {
      const path = r.path.replace(/:[A-Za-z]+/g, (m) => (m === ':code' ? codeFor(999) : m === ':modification' ? '1' : m === ':season' ? '2026-2027' : randomUUID()));
      for (const role of ROLES) {
        const res = await as(role, r.method as 'get', path).send({});
        const allowed = r.roles.includes(role);
        if (!allowed && res.status !== 403) problems.push(`${r.method} ${r.path} as ${role}: ${res.status}, expected 403`);
        if (allowed && (res.status === 401 || res.status === 403 || res.status >= 500)) problems.push(`${r.method} ${r.path} as ${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('public-with-token routes (the SMS provider callbacks) answer 404 to anyone without their path token, signed in or not', async () => {
    const routes = tokenRoutesOf(t);
    expect(routes.map((r) => `${r.method} ${r.path} ${r.credential}`).sort()).toEqual([
      'post /api/v1/sms/:provider/:token/receipts HAZEOPS_SMS_CALLBACK_TOKEN',
      'post /api/v1/sms/:provider/:token/replies HAZEOPS_SMS_CALLBACK_TOKEN',
    ]);
    const problems: string[] = [];
    for (const r of routes) {
      const path = r.path.replace(':provider', 'aliyun').replace(':token', 'guessed-token-0123456789');
      for (const role of ROLES) {
        const res = await as(role, 'post', path).send([]);
        if (res.status !== 404) problems.push(`${r.path} as ${role}: ${res.status}`);
      }
      const anonymous = await t.http.post(path).send([]);
      if (anonymous.status !== 404) problems.push(`${r.path} anonymously: ${anonymous.status}`);
    }
    expect(problems).toEqual([]);
  });

  describe('reads: own answers, other answers 404 (or is left out of lists)', () => {
    const cases: Array<[Role, string, (i: typeof ids) => [string, string]]> = [
      ['county_officer', 'enterprise', () => [`/api/v1/enterprises/${own.code}`, `/api/v1/enterprises/${other.code}`]],
      ['enterprise', 'enterprise', () => [`/api/v1/enterprises/${own.code}`, `/api/v1/enterprises/${other.code}`]],
      ['inspector', "enterprise of the team's task", () => [`/api/v1/enterprises/${own.code}`, `/api/v1/enterprises/${other.code}`]],
      ['enterprise', 'webhook secret', () => [`/api/v1/enterprises/${own.code}/webhook-secret`, `/api/v1/enterprises/${other.code}/webhook-secret`]],
      ['county_officer', 'order', (i) => [`/api/v1/orders/${i.ownOrder}`, `/api/v1/orders/${i.otherOrder}`]],
      ['enterprise', 'order', (i) => [`/api/v1/orders/${i.ownOrder}`, `/api/v1/orders/${i.otherOrder}`]],
      ['inspector', 'order', (i) => [`/api/v1/orders/${i.ownOrder}`, `/api/v1/orders/${i.otherOrder}`]],
      ['county_officer', 'task', (i) => [`/api/v1/tasks/${i.ownTask}`, `/api/v1/tasks/${i.otherTask}`]],
      ['inspector', 'task', (i) => [`/api/v1/tasks/${i.ownTask}`, `/api/v1/tasks/${i.otherTask}`]],
      ['county_officer', 'evidence list', (i) => [`/api/v1/findings/${i.ownFinding}/evidence`, `/api/v1/findings/${i.otherFinding}/evidence`]],
      ['inspector', 'evidence list', (i) => [`/api/v1/findings/${i.ownFinding}/evidence`, `/api/v1/findings/${i.otherFinding}/evidence`]],
    ];
    for (const [role, what, paths] of cases) {
      it(`${role}: ${what}`, async () => {
        const [mine, theirs] = paths(ids);
        await as(role, 'get', mine).expect(200);
        await as(role, 'get', theirs).expect(404);
        // The city-wide reader sees both.
        await as('viewer', 'get', theirs).expect(what === 'webhook secret' ? 403 : 200);
      });
    }

    const lists: Array<[Role, string, (body: unknown) => string[]]> = [
      ['county_officer', '/api/v1/enterprises', (b) => (b as { items: Array<{ county: string }> }).items.map((e) => e.county)],
      ['inspector', '/api/v1/enterprises', (b) => (b as { items: Array<{ county: string }> }).items.map((e) => e.county)],
      ['enterprise', '/api/v1/enterprises', (b) => (b as { items: Array<{ county: string }> }).items.map((e) => e.county)],
      ['county_officer', '/api/v1/orders', (b) => (b as { items: Array<{ enterprise: { county: string } }> }).items.map((o) => o.enterprise.county)],
      ['enterprise', '/api/v1/orders', (b) => (b as { items: Array<{ enterprise: { county: string } }> }).items.map((o) => o.enterprise.county)],
      ['county_officer', '/api/v1/tasks', (b) => (b as Array<{ county: string }>).map((x) => x.county)],
      ['inspector', '/api/v1/tasks', (b) => (b as Array<{ county: string }>).map((x) => x.county)],
      ['county_officer', '/api/v1/findings', (b) => (b as Array<{ county: string }>).map((x) => x.county)],
      ['inspector', '/api/v1/findings', (b) => (b as Array<{ county: string }>).map((x) => x.county)],
      ['county_officer', '/api/v1/ledger', (b) => (b as { items: Array<{ county: string }> }).items.map((x) => x.county)],
      ['county_officer', '/api/v1/alerts', (b) => ((b as { items?: Array<{ county: string }> }).items ?? (b as Array<{ county: string }>)).map((x) => x.county)],
    ];
    for (const [role, path, counties] of lists) {
      it(`${role}: ${path} holds only its own`, async () => {
        const mine = counties((await as(role, 'get', path).expect(200)).body);
        const all = counties((await as('commander', 'get', path).expect(200)).body);
        expect(mine.length).toBeGreaterThan(0);
        expect(new Set(mine)).toEqual(new Set(['修武县']));
        expect(all).toContain('温县');
      });
    }

    it('county officer: exports, daily report and directive progress leave out the other county', async () => {
      for (const path of ['/api/v1/exports/orders.csv', '/api/v1/exports/findings.csv', '/api/v1/exports/ledger.csv']) {
        const mine = (await as('county_officer', 'get', path).expect(200)).text;
        const all = (await as('commander', 'get', path).expect(200)).text;
        expect(mine, path).toContain('修武县');
        expect(mine, path).not.toContain('温县');
        expect(all, path).toContain('温县');
      }
      const progress = (await as('county_officer', 'get', `/api/v1/directives/${ids.directive}/progress`).expect(200)).body;
      expect(JSON.stringify(progress)).not.toContain(other.code);
      const daily = (await as('county_officer', 'get', '/api/v1/reports/daily').expect(200)).body as { counties: Array<{ county: string; orders: number; violations: number }> };
      const dailyAll = (await as('commander', 'get', '/api/v1/reports/daily').expect(200)).body as typeof daily;
      expect(dailyAll.counties.find((c) => c.county === '温县')!.orders).toBeGreaterThan(0);
      const theirs = daily.counties.find((c) => c.county === '温县');
      expect(theirs === undefined || (theirs.orders === 0 && theirs.violations === 0)).toBe(true);
    });
  });

  describe('writes: own succeeds, other is refused and writes nothing', () => {
    it('county officer: registry update and deactivation', async () => {
      const mine = (await as('county_officer', 'get', `/api/v1/enterprises/${own.code}`).expect(200)).body;
      await as('county_officer', 'put', `/api/v1/enterprises/${own.code}`)
        .send({ ...own, name: own.name + '（更名）', version: mine.version })
        .expect(200);
      const theirs = (await as('commander', 'get', `/api/v1/enterprises/${other.code}`).expect(200)).body;
      await as('county_officer', 'put', `/api/v1/enterprises/${other.code}`)
        .send({ ...other, version: theirs.version })
        .expect(404);
      await as('county_officer', 'post', `/api/v1/enterprises/${other.code}/deactivate`).expect(404);
      const res = await as('county_officer', 'post', '/api/v1/enterprises')
        .send(sampleEnterprise(63, { code: codeFor(63, '410825'), county: '温县' }))
        .expect(403);
      expect(res.body.error.message).toContain('修武县');
      expect((await as('commander', 'get', `/api/v1/enterprises/${other.code}`).expect(200)).body).toMatchObject({ version: theirs.version, active: true });
    });

    it("county officer: power readings for its county's enterprise, never for another's", async () => {
      const at = new Date(Date.now() - 3_600_000).toISOString();
      await as('county_officer', 'post', '/api/v1/power-readings')
        .send({ readings: [{ enterpriseCode: own.code, lineCode: 'L2', at, kw: 10 }] })
        .expect(201);
      const refused = await as('county_officer', 'post', '/api/v1/power-readings')
        .send({
          readings: [
            { enterpriseCode: own.code, lineCode: 'L2', at: new Date(Date.now() - 7_200_000).toISOString(), kw: 11 },
            { enterpriseCode: other.code, lineCode: 'L1', at, kw: 900 },
          ],
        })
        .expect(403);
      expect(refused.body.error.details).toEqual([{ enterpriseCode: other.code, county: '温县' }]);
      const csv = `enterprise_code,line_code,at,kw\n${other.code},L1,${at},900\n`;
      await as('county_officer', 'post', '/api/v1/power-readings').set('Content-Type', 'text/csv').send(csv).expect(403);
      const [{ n }] = await t.app.get((await import('typeorm')).DataSource).query('SELECT count(*)::int AS n FROM power_readings WHERE enterprise_code = $1 OR kw = 11', [other.code]);
      expect(n).toBe(0);
    });

    it('enterprise: acknowledges and implements its own order only', async () => {
      await as('enterprise', 'post', `/api/v1/orders/${ids.ownOrder}/versions/${ids.ownMod}/acknowledge`).expect(200);
      await as('enterprise', 'post', `/api/v1/orders/${ids.otherOrder}/versions/${ids.otherMod}/acknowledge`).expect(404);
      await as('enterprise', 'post', `/api/v1/orders/${ids.otherOrder}/versions/${ids.otherMod}/implementation`)
        .send({ lines: [{ line: 'L1', stoppedAt: new Date().toISOString() }] })
        .expect(404);
      const theirs = (await as('commander', 'get', `/api/v1/orders/${ids.otherOrder}`).expect(200)).body;
      // Received by the phone notice of the setup, never by this enterprise.
      expect(theirs.current.acknowledgedBy).not.toBe('u-enterprise');
      expect(theirs.current.acknowledgedBy).toMatch(/^phone/);
    });

    it("inspector: findings and evidence on its team's task only", async () => {
      const observedAt = new Date(Date.now() - 30_000).toISOString();
      await as('inspector', 'post', `/api/v1/tasks/${ids.ownTask}/findings`).send({ lineCode: 'L2', observedState: 'stopped', observedAt }).expect(201);
      await as('inspector', 'post', `/api/v1/tasks/${ids.otherTask}/findings`).send({ lineCode: 'L2', observedState: 'stopped', observedAt }).expect(404);
      const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#333' } })
        .jpeg()
        .toBuffer();
      await as('inspector', 'post', `/api/v1/findings/${ids.ownFinding}/evidence`).set('Content-Type', 'image/jpeg').send(photo).expect(201);
      await as('inspector', 'post', `/api/v1/findings/${ids.otherFinding}/evidence`).set('Content-Type', 'image/jpeg').send(photo).expect(404);
      expect((await as('commander', 'get', `/api/v1/findings/${ids.otherFinding}/evidence`).expect(200)).body).toEqual([]);
      const otherTask = (await as('commander', 'get', `/api/v1/tasks/${ids.otherTask}`).expect(200)).body;
      expect(otherTask.findings).toHaveLength(1);
    });
  });

  it('after all these writes the audit chains verify', async () => {
    const res = await as('commander', 'get', '/api/v1/audit/verify').expect(200);
    expect(res.body).toMatchObject({ ok: true, unchained: 0, firstBroken: null });
    expect(res.body.checked).toBeGreaterThan(15);
  });
});
