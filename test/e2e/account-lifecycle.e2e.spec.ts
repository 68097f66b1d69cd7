import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface UserRow {
  id: string;
  username: string;
  role: string;
  county: string | null;
  enterpriseCode: string | null;
  team: string | null;
  active: boolean;
  mustChangePassword: boolean;
}

describe('account lifecycle (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  const plant = sampleEnterprise(11);
  const users: Record<string, UserRow> = {};

  const create = async (body: Record<string, unknown>) => {
    const res = await t.http.post('/api/v1/users').set('Authorization', admin).send(body).expect(201);
    users[res.body.username] = res.body;
    return res.body as UserRow;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(plant).expect(201);
    await t.http.post('/api/v1/teams').set('Authorization', admin).send({ key: 'team-a', name: '督导一组' }).expect(201);
    await t.http.post('/api/v1/teams').set('Authorization', admin).send({ key: 'team-b', name: '督导二组' }).expect(201);
    await create({ username: 'wenxian', password: 'county-pass-1', role: 'county_officer', county: '温县' });
    await create({ username: 'insp1', password: 'insp-pass-1', role: 'inspector', team: 'team-a' });
    await create({ username: 'plantuser', password: 'plant-pass-1', role: 'enterprise', enterpriseCode: plant.code });
    await create({ username: 'watcher2', password: 'viewer-pass-2', role: 'viewer' });
  });
  afterAll(() => t.close());

  it('deactivating a user makes its next request answer 401; reactivating lets it sign in again', async () => {
    const token = await t.login('watcher2', 'viewer-pass-2');
    await t.http.get('/api/v1/enterprises').set('Authorization', token).expect(200);
    const off = await t.http.post(`/api/v1/users/${users.watcher2.id}/deactivate`).set('Authorization', admin).expect(200);
    expect(off.body.active).toBe(false);
    const refused = await t.http.get('/api/v1/enterprises').set('Authorization', token).expect(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    await t.http.post('/api/v1/auth/login').send({ username: 'watcher2', password: 'viewer-pass-2' }).expect(401);
    await t.http.post(`/api/v1/users/${users.watcher2.id}/activate`).set('Authorization', admin).expect(200);
    const again = await t.login('watcher2', 'viewer-pass-2');
    await t.http.get('/api/v1/enterprises').set('Authorization', again).expect(200);
    const audit = await t.http.get(`/api/v1/audit?entityType=user&entityId=${users.watcher2.id}`).set('Authorization', admin).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['user.activate', 'user.deactivate', 'user.create']);
  });

  it('a second instance on the same database refuses the deactivated token too', async () => {
    const second = await startTestApp({}, { db: t.db });
    try {
      const token = await t.login('insp1', 'insp-pass-1');
      await second.http.get('/api/v1/tasks').set('Authorization', token).expect(200);
      await t.http.post(`/api/v1/users/${users.insp1.id}/deactivate`).set('Authorization', admin).expect(200);
      await second.http.get('/api/v1/tasks').set('Authorization', token).expect(401);
      await t.http.post(`/api/v1/users/${users.insp1.id}/activate`).set('Authorization', admin).expect(200);
    } finally {
      await second.close();
    }
  });

  it('a reset password must be changed before anything else; older tokens end at once', async () => {
    const old = await t.login('plantuser', 'plant-pass-1');
    const reset = await t.http.post(`/api/v1/users/${users.plantuser.id}/reset-password`).set('Authorization', admin).expect(200);
    const temporary: string = reset.body.temporaryPassword;
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    await t.http.get('/api/v1/orders').set('Authorization', old).expect(401);
    await t.http.post('/api/v1/auth/login').send({ username: 'plantuser', password: 'plant-pass-1' }).expect(401);

    const login = await t.http.post('/api/v1/auth/login').send({ username: 'plantuser', password: temporary }).expect(200);
    expect(login.body.mustChangePassword).toBe(true);
    const pending = 'Bearer ' + login.body.accessToken;
    const blocked = await t.http.get('/api/v1/orders').set('Authorization', pending).expect(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(blocked.body.error.message).toContain('change-password');

    const wrong = await t.http.post('/api/v1/auth/change-password').set('Authorization', pending).send({ currentPassword: 'nope-nope', newPassword: 'plant-pass-new' }).expect(422);
    expect(wrong.body.error.details[0].field).toBe('currentPassword');
    const short = await t.http.post('/api/v1/auth/change-password').set('Authorization', pending).send({ currentPassword: temporary, newPassword: 'short' }).expect(400);
    expect(short.body.error.message).toContain('at least 8');
    const changed = await t.http.post('/api/v1/auth/change-password').set('Authorization', pending).send({ currentPassword: temporary, newPassword: 'plant-pass-new' }).expect(200);
    expect(changed.body.mustChangePassword).toBe(false);
    await t.http
      .get('/api/v1/orders')
      .set('Authorization', 'Bearer ' + changed.body.accessToken)
      .expect(200);
    // The token issued before the change ends with it.
    await t.http.get('/api/v1/orders').set('Authorization', pending).expect(401);
    await t.login('plantuser', 'plant-pass-new');
    await t.http.post('/api/v1/auth/login').send({ username: 'plantuser', password: temporary }).expect(401);
  });

  it('every user changes their own password', async () => {
    const token = await t.login('wenxian', 'county-pass-1');
    const res = await t.http.post('/api/v1/auth/change-password').set('Authorization', token).send({ currentPassword: 'county-pass-1', newPassword: 'county-pass-2' }).expect(200);
    expect(res.body.role).toBe('county_officer');
    await t.http.post('/api/v1/auth/login').send({ username: 'wenxian', password: 'county-pass-1' }).expect(401);
    await t.login('wenxian', 'county-pass-2');
  });

  it("changes a user's scope, validated; the next request already uses the new scope", async () => {
    const token = await t.login('wenxian', 'county-pass-2');
    // 修武县's enterprise is out of 温县's scope.
    await t.http.get(`/api/v1/enterprises/${plant.code}`).set('Authorization', token).expect(404);
    const bad = await t.http.patch(`/api/v1/users/${users.wenxian.id}`).set('Authorization', admin).send({ county: '火星县' }).expect(422);
    expect(bad.body.error.details[0].field).toBe('county');
    const moved = await t.http.patch(`/api/v1/users/${users.wenxian.id}`).set('Authorization', admin).send({ county: '修武县' }).expect(200);
    expect(moved.body.county).toBe('修武县');
    await t.http.get(`/api/v1/enterprises/${plant.code}`).set('Authorization', token).expect(200);

    const noTeam = await t.http.patch(`/api/v1/users/${users.insp1.id}`).set('Authorization', admin).send({ team: 'team-zzz' }).expect(422);
    expect(noTeam.body.error.details[0].field).toBe('team');
    const team = await t.http.patch(`/api/v1/users/${users.insp1.id}`).set('Authorization', admin).send({ team: 'team-b' }).expect(200);
    expect(team.body.team).toBe('team-b');
    const noPlant = await t.http.patch(`/api/v1/users/${users.plantuser.id}`).set('Authorization', admin).send({ enterpriseCode: '91410821000000000X' }).expect(422);
    expect(noPlant.body.error.details[0].field).toBe('enterpriseCode');
    // A new role needs its own binding; the old one is cleared.
    const roleChange = await t.http.patch(`/api/v1/users/${users.watcher2.id}`).set('Authorization', admin).send({ role: 'inspector' }).expect(422);
    expect(roleChange.body.error.details[0].field).toBe('team');
    const asInspector = await t.http.patch(`/api/v1/users/${users.watcher2.id}`).set('Authorization', admin).send({ role: 'inspector', team: 'team-a' }).expect(200);
    expect(asInspector.body).toMatchObject({ role: 'inspector', team: 'team-a', county: null, enterpriseCode: null });
    await t.http.patch('/api/v1/users/not-a-uuid').set('Authorization', admin).send({ team: 'team-a' }).expect(404);
  });

  it('refuses inspectors for a team that does not exist', async () => {
    const res = await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'ghost', password: 'ghost-pass-1', role: 'inspector', team: '督导九组' }).expect(422);
    expect(res.body.error.details[0].field).toBe('team');
  });

  it('lists users with filters and pages; only commanders manage users', async () => {
    const all = await t.http.get('/api/v1/users?pageSize=2&page=1').set('Authorization', admin).expect(200);
    expect(all.body.total).toBe(5);
    expect(all.body.items).toHaveLength(2);
    const inspectors = await t.http.get('/api/v1/users?role=inspector').set('Authorization', admin).expect(200);
    expect(inspectors.body.items.map((u: UserRow) => u.username).sort()).toEqual(['insp1', 'watcher2']);
    await t.http.post(`/api/v1/users/${users.insp1.id}/deactivate`).set('Authorization', admin).expect(200);
    const inactive = await t.http.get('/api/v1/users?active=false').set('Authorization', admin).expect(200);
    expect(inactive.body.items.map((u: UserRow) => u.username)).toEqual(['insp1']);
    await t.http.get('/api/v1/users?active=maybe').set('Authorization', admin).expect(400);
    const officer = await t.login('wenxian', 'county-pass-2');
    await t.http.post(`/api/v1/users/${users.insp1.id}/activate`).set('Authorization', officer).expect(403);
    await t.http.post(`/api/v1/users/${users.insp1.id}/reset-password`).set('Authorization', officer).expect(403);
  });

  it('a commander cannot deactivate themselves', async () => {
    const me = (await t.http.get('/api/v1/users?role=commander').set('Authorization', admin).expect(200)).body.items[0] as UserRow;
    await t.http.post(`/api/v1/users/${me.id}/deactivate`).set('Authorization', admin).expect(422);
  });
});
