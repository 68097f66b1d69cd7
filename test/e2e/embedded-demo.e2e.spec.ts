import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.factory.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { loadDomainConfig } from '../../src/config/domain-config.js';
import { startEmbeddedDatabase } from '../../src/database/embedded-database.js';
import { freePort } from '../support/polling.js';

/** What `npm start` does with no DATABASE_URL, in process: embedded PostgreSQL, demo registry, demo users. */
async function boot(dataDir: string, pgPort: number) {
  const config = loadAppConfig({ HAZEOPS_DATA_DIR: dataDir, HAZEOPS_EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn' });
  expect(config.databaseUrl).toBeNull();
  expect(config.demo).toBe(true);
  const db = await startEmbeddedDatabase(config.dataDir, config.embeddedPgPort, () => undefined);
  const app = await createApp(config, loadDomainConfig(), db.url);
  await app.init();
  return { app, db, http: request(app.getHttpServer()) };
}

describe('embedded default (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hazeops-embedded-'));
  // A port the OS says is free (a random one in the ephemeral range can be a parallel test's connection).
  let pgPort = 0;
  afterAll(() => {
    // As root the cluster may live outside the data folder (it says where in pg-location).
    const location = join(dataDir, 'pg-location');
    if (existsSync(location)) rmSync(readFileSync(location, 'utf8').trim(), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots on an embedded PostgreSQL, loads the demo registry once, and keeps it across restarts', async () => {
    pgPort = await freePort();
    const first = await boot(dataDir, pgPort);
    let total: number;
    try {
      await first.http.get('/health').expect(200);
      const [username, , password] = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').split('\n')[0].split('\t');
      expect(username).toBe('admin');
      const login = await first.http.post('/api/v1/auth/login').send({ username, password }).expect(200);
      const auth = 'Bearer ' + login.body.accessToken;
      const list = await first.http.get('/api/v1/enterprises?pageSize=500').set('Authorization', auth).expect(200);
      total = list.body.total;
      expect(total).toBeGreaterThanOrEqual(300);
      expect(new Set(list.body.items.map((e: { county: string }) => e.county)).size).toBe(11);
      // The credentials file says what each demo account is bound to; the demo inspector's team is real.
      const accounts = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('\t'));
      expect(accounts.map((a) => a[0]).slice(0, 5)).toEqual(['admin', 'viewer', 'inspector', 'county', 'enterprise']);
      // The people escalation reaches: the roster's duty officers and leaders, an officer for every county.
      expect(accounts.map((a) => a[0])).toEqual(expect.arrayContaining(['duty1', 'duty4', 'leader1', 'leader2', 'county-410825']));
      const onDuty = await first.http.get('/api/v1/duty/on-duty').set('Authorization', auth).expect(200);
      expect(onDuty.body.shift.dutyOfficer.email).toMatch(/^duty[1-4]@/);
      expect(onDuty.body.shift.shiftLeader.email).toMatch(/^leader[12]@/);
      const ahead = await first.http.get('/api/v1/duty/shifts').set('Authorization', auth).expect(200);
      expect(ahead.body.items.length).toBeGreaterThanOrEqual(28);
      const officers = (await first.http.get('/api/v1/users?role=county_officer&pageSize=100').set('Authorization', auth).expect(200)).body.items as Array<{ county: string; email: string | null }>;
      expect(new Set(officers.filter((o) => o.email).map((o) => o.county)).size).toBe(11);
      const byName = Object.fromEntries(accounts.map((a) => [a[0], a[3]]));
      expect(byName.inspector).toBe('team demo-team-1 (督导一组)');
      expect(byName.county).toMatch(/^county \S+/);
      expect(byName.enterprise).toMatch(/^enterprise [0-9A-Z]{18} /);
      const teams = await first.http.get('/api/v1/teams').set('Authorization', auth).expect(200);
      expect(teams.body).toEqual([expect.objectContaining({ key: 'demo-team-1', name: '督导一组', members: ['inspector'] })]);
      // After a directive and a draw, the demo inspector sees the team's tasks.
      await first.http.post('/api/v1/directives').set('Authorization', auth).send({ action: 'issue', level: 'orange', endsAt: null, basis: '演示' }).expect(200);
      await first.http.post('/api/v1/draws').set('Authorization', auth).send({ size: 6 }).expect(201);
      const inspector = await first.http.post('/api/v1/auth/login').send({ username: 'inspector', password }).expect(200);
      const tasks = await first.http
        .get('/api/v1/tasks')
        .set('Authorization', 'Bearer ' + inspector.body.accessToken)
        .expect(200);
      expect(tasks.body).toHaveLength(6);
      expect(tasks.body.every((x: { team: string }) => x.team === 'demo-team-1')).toBe(true);
      // Change one enterprise so that the restart can show the data survived.
      const e = list.body.items[0];
      await first.http.post(`/api/v1/enterprises/${e.code}/deactivate`).set('Authorization', auth).expect(200);
    } finally {
      await first.app.close();
      await first.db.stop();
    }

    const second = await boot(dataDir, pgPort);
    try {
      const [username, , password] = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8').split('\n')[0].split('\t');
      const login = await second.http.post('/api/v1/auth/login').send({ username, password }).expect(200);
      const auth = 'Bearer ' + login.body.accessToken;
      const all = await second.http.get('/api/v1/enterprises?includeInactive=true&pageSize=1').set('Authorization', auth).expect(200);
      expect(all.body.total).toBe(total);
      const active = await second.http.get('/api/v1/enterprises?pageSize=1').set('Authorization', auth).expect(200);
      expect(active.body.total).toBe(total - 1);
    } finally {
      await second.app.close();
      await second.db.stop();
    }
  });
});
