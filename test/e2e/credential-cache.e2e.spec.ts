import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerQuery } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the request answers `status`; answers how long that took (ms), or fails after `withinMs`. */
async function answersWithin(call: () => Promise<{ status: number }>, status: number, withinMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if ((await call()).status === status) return Date.now() - t0;
    if (Date.now() - t0 > withinMs) throw new Error(`still not ${status} after ${withinMs} ms`);
    await sleep(50);
  }
}

describe('the auth guard keeps users rows in memory, kept current by LISTEN/NOTIFY (two instances)', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    a = await startTestApp({ HAZEOPS_AUTH_CACHE_SECONDS: '2' });
    b = await startTestApp({ HAZEOPS_AUTH_CACHE_SECONDS: '2' }, { db: a.db });
    admin = await a.adminToken();
    for (const username of ['viewer-sql', 'viewer-ttl', 'viewer-api']) {
      const res = await a.http.post('/api/v1/users').set('Authorization', admin).send({ username, password: 'viewer-pass-1', role: 'viewer' }).expect(201);
      ids[username] = res.body.id;
    }
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('each instance listens on its own session, named so a writer can wait for it', async () => {
    const rows = await ownerQuery<{ n: number }>(a.db.url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'hazeops-credentials:%'`);
    expect(rows[0]!.n).toBe(2);
  });

  it('a change through the API is seen by the other instance on the next request (the change waits for both)', async () => {
    const token = await a.login('viewer-api', 'viewer-pass-1');
    await b.http.get('/api/v1/enterprises').set('Authorization', token).expect(200);
    await a.http.get('/api/v1/enterprises').set('Authorization', token).expect(200);
    await a.http.post(`/api/v1/users/${ids['viewer-api']}/deactivate`).set('Authorization', admin).expect(200);
    await b.http.get('/api/v1/enterprises').set('Authorization', token).expect(401);
    await a.http.get('/api/v1/enterprises').set('Authorization', token).expect(401);
    await a.http.post(`/api/v1/users/${ids['viewer-api']}/activate`).set('Authorization', admin).expect(200);
    await b.http.get('/api/v1/enterprises').set('Authorization', token).expect(200);
  });

  it('a change made in SQL (not through the service) reaches both instances by the trigger, well before the TTL', async () => {
    const token = await a.login('viewer-sql', 'viewer-pass-1');
    await a.http.get('/api/v1/enterprises').set('Authorization', token).expect(200);
    await b.http.get('/api/v1/enterprises').set('Authorization', token).expect(200);
    await ownerQuery(a.db.url, `UPDATE users SET active = false WHERE id = $1`, [ids['viewer-sql']]);
    const onA = await answersWithin(() => a.http.get('/api/v1/enterprises').set('Authorization', token), 401, 1500);
    const onB = await answersWithin(() => b.http.get('/api/v1/enterprises').set('Authorization', token), 401, 1500);
    expect(onA).toBeLessThan(1500);
    expect(onB).toBeLessThan(1500);
  });

  it('the row is served from memory: a change that sends no notice is seen only when the row expires (the TTL bounds it)', async () => {
    const token = await a.login('viewer-ttl', 'viewer-pass-1');
    await a.http.get('/api/v1/enterprises').set('Authorization', token).expect(200);
    // The owner changes the row with the trigger off: no notice, so only the TTL (2 s here) ends the kept row.
    await ownerQuery(
      a.db.url,
      `BEGIN; ALTER TABLE users DISABLE TRIGGER users_credentials_notify; UPDATE users SET active = false WHERE id = '${ids['viewer-ttl']}'; ALTER TABLE users ENABLE TRIGGER users_credentials_notify; COMMIT`,
    );
    await a.http.get('/api/v1/enterprises').set('Authorization', token).expect(200);
    const waited = await answersWithin(() => a.http.get('/api/v1/enterprises').set('Authorization', token), 401, 4000);
    expect(waited).toBeGreaterThan(0);
    // Instance b never kept the row: it reads the table and refuses at once.
    await b.http.get('/api/v1/enterprises').set('Authorization', token).expect(401);
  });

  it('a lost listener session turns the memory off until it is back, then caching resumes', async () => {
    await ownerQuery(a.db.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'hazeops-credentials:%'`);
    // Both reconnect (after about a second) and listen again.
    await answersWithin(
      async () => {
        const [r] = await ownerQuery<{ n: number }>(a.db.url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'hazeops-credentials:%'`);
        return { status: r!.n === 2 ? 200 : 0 };
      },
      200,
      10_000,
    );
    const token = await a.login('viewer-api', 'viewer-pass-1');
    await b.http.get('/api/v1/enterprises').set('Authorization', token).expect(200);
    await a.http.post(`/api/v1/users/${ids['viewer-api']}/deactivate`).set('Authorization', admin).expect(200);
    await b.http.get('/api/v1/enterprises').set('Authorization', token).expect(401);
  });
});
