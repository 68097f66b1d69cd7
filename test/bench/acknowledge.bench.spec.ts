import { JwtService } from '@nestjs/jwt';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { ControllableClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { externalLoad, type LoadRequest } from './support/http-load.js';
import { seedRegistry } from './support/seed-registry.js';

const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 5_000);

describe('acknowledging through the API beside an empty route of the same app', () => {
  let t: TestApp;
  let port: number;
  const targets: Array<{ path: string; auth: string }> = [];

  beforeAll(async () => {
    // HAZEOPS_AUTH_CACHE_SECONDS=0 in the environment runs it with the guard reading the user's row on every request.
    const env: Record<string, string> = process.env.HAZEOPS_AUTH_CACHE_SECONDS ? { HAZEOPS_AUTH_CACHE_SECONDS: process.env.HAZEOPS_AUTH_CACHE_SECONDS } : {};
    t = await startTestApp(env, { clock: new ControllableClock(new Date('2026-12-10T10:00:00+08:00')) });
    const ds = t.app.get<DataSource>(getDataSourceToken());
    await seedRegistry(ds, ENTERPRISES, 11, t.db.url);
    const admin = await t.adminToken();
    expect((await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', endsAt: null, basis: '基准测试' })).status).toBe(200);
    // One enterprise account per enterprise, written directly (bcrypt per account would dominate the setup).
    const hash = await hashPassword('bench-password');
    await ds.query(`INSERT INTO users (username, password_hash, role, enterprise_code) SELECT 'e-' || enterprise_code, $1, 'enterprise', enterprise_code FROM orders WHERE status = 'open'`, [hash]);
    const rows: Array<{ id: string; username: string; code: string; order_id: string; modification: number }> = await ds.query(
      `SELECT u.id, u.username, u.enterprise_code AS code, o.id AS order_id, o.current_modification AS modification FROM users u JOIN orders o ON o.enterprise_code = u.enterprise_code AND o.status = 'open'`,
    );
    const jwt = t.app.get(JwtService);
    for (const r of rows) {
      const token = await jwt.signAsync({ sub: r.id, username: r.username, role: 'enterprise', county: null, enterpriseCode: r.code, team: null, cv: 1 }, { expiresIn: 3600 });
      targets.push({ path: `/api/v1/orders/${r.order_id}/versions/${r.modification}/acknowledge`, auth: `Bearer ${token}` });
    }
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('prints requests per second and latency of each', async () => {
    const empty: LoadRequest[] = [{ method: 'GET', path: '/health/live' }];
    const ack: LoadRequest[] = targets.map((x) => ({ method: 'POST', path: x.path, headers: { Authorization: x.auth } }));
    await externalLoad({ port, mode: 'closed', connections: 16, seconds: 1, requests: empty }); // warm-up
    await externalLoad({ port, mode: 'closed', connections: 16, seconds: 1, requests: ack });
    // The service's own CPU per request (this process serves; the load comes from another): less
    // sensitive than req/s to other work on a shared machine. The database's CPU is not in it.
    const cpuPerRequest = async (run: () => ReturnType<typeof externalLoad>) => {
      const c0 = process.cpuUsage();
      const r = await run();
      const c = process.cpuUsage(c0);
      return { ...r, cpuUs: (c.user + c.system) / r.requests };
    };
    const base = await cpuPerRequest(() => externalLoad({ port, mode: 'closed', connections: 32, seconds: 5, requests: empty }));
    const acks = await cpuPerRequest(() => externalLoad({ port, mode: 'closed', connections: 32, seconds: 5, requests: ack }));
    const paced = await externalLoad({ port, mode: 'fixed', rps: 1000, seconds: 5, requests: ack });
    expect(acks.errors).toBe(0);
    expect(paced.errors).toBe(0);
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM order_versions WHERE acknowledged_at IS NOT NULL');
    expect(n).toBe(targets.length);
    const f = (x: number) => x.toFixed(1);
    console.log(
      [
        `acknowledgement over ${targets.length} enterprises (load from a separate process; 32 connections, 5 s each):`,
        `  empty route GET /health/live (baseline)      ${f(base.rps).padStart(8)} req/s   p50 ${f(base.p50)} ms   p99 ${f(base.p99)} ms   service CPU ${base.cpuUs.toFixed(0)} µs/request`,
        `  POST …/acknowledge                           ${f(acks.rps).padStart(8)} req/s   p50 ${f(acks.p50)} ms   p99 ${f(acks.p99)} ms   ${((acks.rps / base.rps) * 100).toFixed(0)}% of the empty route (target ≥ 50%)   service CPU ${acks.cpuUs.toFixed(0)} µs/request = ${((base.cpuUs / acks.cpuUs) * 100).toFixed(0)}% of the empty route's rate`,
        `  POST …/acknowledge at 1,000 req/s (open loop) ${f(paced.rps).padStart(8)} req/s   p50 ${f(paced.p50)} ms   p99 ${f(paced.p99)} ms (target p99 < 50 ms)`,
      ].join('\n'),
    );
  });
});
