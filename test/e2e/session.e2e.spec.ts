import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app.js';

/** The browser session: HttpOnly cookie, CSRF double submit bound to the session, /auth/me. */
describe('browser session (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = async (who: { username: string; password: string } = ADMIN) => {
    const res = await t.http.post('/api/v1/auth/session').send(who).expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('hazeops_session='))!;
    const csrf = cookies.find((c) => c.startsWith('hazeops_csrf='))!;
    return { res, session, csrf, jar: [session, csrf].map((c) => c.split(';')[0]).join('; '), token: res.body.csrfToken as string };
  };

  it('sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie; the body carries no token', async () => {
    const { res, session, csrf, token } = await open();
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toContain(`hazeops_csrf=${token}`);
    expect(res.body).toMatchObject({ username: ADMIN.username, role: 'commander', county: null });
    expect(JSON.stringify(res.body)).not.toContain(session.split(';')[0]!.split('=')[1]!);
  });

  it('a wrong password answers 401 and sets no cookie', async () => {
    const res = await t.http
      .post('/api/v1/auth/session')
      .send({ ...ADMIN, password: 'nope-nope' })
      .expect(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('the cookie authenticates reads; /auth/me says who; the daily report page opens in a browser', async () => {
    const { jar } = await open();
    const me = await t.http.get('/api/v1/auth/me').set('Cookie', jar).expect(200);
    expect(me.body).toEqual({ username: ADMIN.username, role: 'commander', county: null, enterpriseCode: null, team: null });
    const page = await t.http.get('/api/v1/reports/daily?format=html').set('Cookie', jar).expect(200);
    expect(page.text).toContain('冬防工作日报');
    await t.http.get('/api/v1/auth/me').expect(401);
  });

  it('a cookie-authenticated change needs X-CSRF-Token equal to the cookie and bound to this session', async () => {
    const viewer = { username: 'viewer-csrf', password: 'viewer-pass-1' };
    await t.http
      .post('/api/v1/users')
      .set('Authorization', await t.adminToken())
      .send({ ...viewer, role: 'viewer' })
      .expect(201);
    const a = await open();
    const b = await open(viewer);
    const body = { key: 'team-csrf', name: '测试组' };
    const missing = await t.http.post('/api/v1/teams').set('Cookie', a.jar).send(body).expect(403);
    expect(missing.body.error.code).toBe('CSRF_MISMATCH');
    // Another session's CSRF value, even sent as both cookie and header, does not fit this session.
    const foreign = `${a.session.split(';')[0]}; hazeops_csrf=${b.token}`;
    await t.http.post('/api/v1/teams').set('Cookie', foreign).set('X-CSRF-Token', b.token).send(body).expect(403);
    await t.http.post('/api/v1/teams').set('Cookie', a.jar).set('X-CSRF-Token', 'forged').send(body).expect(403);
    await t.http.post('/api/v1/teams').set('Cookie', a.jar).set('X-CSRF-Token', a.token).send(body).expect(201);
    // Bearer callers are not asked for a CSRF token.
    await t.http
      .post('/api/v1/teams')
      .set('Authorization', await t.adminToken())
      .send({ key: 'team-bearer', name: '测试二组' })
      .expect(201);
  });

  it('DELETE /auth/session clears both cookies', async () => {
    const res = await t.http.delete('/api/v1/auth/session').expect(204);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.some((c) => /^hazeops_session=;.*Max-Age=0/.test(c))).toBe(true);
    expect(cookies.some((c) => /^hazeops_csrf=;.*Max-Age=0/.test(c))).toBe(true);
  });
});
