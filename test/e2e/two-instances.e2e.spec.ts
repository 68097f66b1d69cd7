import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { buildService, ROOT, ServiceProcess } from '../support/service-process.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, ownerQuery, type TestDatabase } from '../support/test-database.js';
import { freePort, until } from '../support/polling.js';

// Issue 14, done-when: two instances of the built service on one database; a registry change
// made through one is seen by the other's next dry run. Each instance derives from its own
// in-memory registry snapshot, kept current by NOTIFY registry_snapshot and, when a notice is
// missed, by the version check every use makes.

const CHIEF = { username: 'chief', password: 'chief-password-1' };
const SECRET = 'two-instances-secret-0123456789abcdef';
const DRY_RUN = { action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '两实例测试（试算）', dryRun: true };

interface Instance {
  svc: ServiceProcess;
  base: string;
  token: string;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('two service processes on one database: the registry snapshot follows the other instance', () => {
  const sink = new SmtpSink();
  let db: TestDatabase;
  let a: Instance;
  let b: Instance;

  async function start(): Promise<Instance> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const svc = await ServiceProcess.start({
      databaseUrl: db.url,
      smtpUrl: sink.url,
      configDir: `${ROOT}/config`,
      secret: SECRET,
      env: { PORT: String(port), PUBLIC_BASE_URL: base, HAZEOPS_ADMIN_USER: CHIEF.username, HAZEOPS_ADMIN_PASSWORD: CHIEF.password, LOG_LEVEL: 'info', HAZEOPS_DISPATCHER: 'false' },
    });
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CHIEF) });
    const body = (await login.json()) as { accessToken: string };
    return { svc, base, token: `Bearer ${body.accessToken}` };
  }

  async function call(i: Instance, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${i.base}${path}`, { method, headers: { authorization: i.token, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function dryRunEnterprises(i: Instance): Promise<number> {
    const res = await call(i, 'POST', '/api/v1/directives', DRY_RUN);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.summary as { totals: { enterprises: number } }).totals.enterprises;
  }

  /** A registry change written around the triggers (as a restore or a hand fix might): no NOTIFY is sent. */
  async function silently(sql: string, logged: string | null): Promise<void> {
    await ownerQuery(
      db.url,
      `BEGIN; SET LOCAL session_replication_role = replica; ${sql};
       DO $$ DECLARE v bigint; BEGIN
         UPDATE registry_snapshot_version SET version = version + 1 RETURNING version INTO v;
         ${logged === null ? '' : `INSERT INTO registry_changes (version, codes) VALUES (v, ARRAY['${logged}']);`}
       END $$; COMMIT`,
    );
  }

  beforeAll(async () => {
    const build = await buildService();
    if (build.diagnostics) console.warn(`tsc reported problems (dist was still emitted):\n${build.diagnostics.slice(0, 2000)}`);
    await sink.start();
    db = await createTestDatabase();
    a = await start();
    b = await start();
  }, 240_000);
  afterAll(async () => {
    await ServiceProcess.killAll();
    await sink.stop();
    await db?.drop();
  });

  it('a create through A reaches B by NOTIFY before B is asked; B answers from its snapshot', async () => {
    expect((await call(a, 'POST', '/api/v1/enterprises', sampleEnterprise(1))).status).toBe(201);
    // B's first use loads the registry (one enterprise); A has not even loaded yet.
    expect(await dryRunEnterprises(b)).toBe(1);
    expect(b.svc.stdout).toContain('registry snapshot loaded: 1 active enterprise(s)');

    const patchesBefore = count(b.svc.stdout, 'reloaded 1 enterprise(s)');
    expect((await call(a, 'POST', '/api/v1/enterprises', sampleEnterprise(2))).status).toBe(201);
    // The notice makes B catch up on its own, with no request to B.
    await until('B to patch its snapshot after the NOTIFY', 10_000, () => count(b.svc.stdout, 'reloaded 1 enterprise(s)') > patchesBefore);
    expect(await dryRunEnterprises(b)).toBe(2);
    expect(await dryRunEnterprises(a)).toBe(2);
    expect(count(b.svc.stdout, 'registry snapshot loaded')).toBe(1);

    // A deactivation through B is seen by A.
    const got = await call(b, 'GET', `/api/v1/enterprises/${codeFor(2)}`);
    expect(got.status).toBe(200);
    const off = await call(b, 'POST', `/api/v1/enterprises/${codeFor(2)}/deactivate`);
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(await dryRunEnterprises(a)).toBe(1);
    expect(await dryRunEnterprises(b)).toBe(1);

    // Dry runs wrote nothing: no directive, no order.
    const [{ directives, orders }] = await ownerQuery<{ directives: number; orders: number }>(
      db.url,
      'SELECT (SELECT count(*)::int FROM directives) AS directives, (SELECT count(*)::int FROM orders) AS orders',
    );
    expect({ directives, orders }).toEqual({ directives: 0, orders: 0 });
  });

  it('a missed notice is caught by the version check: the next dry run reloads what the log names', async () => {
    const patchesBefore = count(b.svc.stdout, 'reloaded 1 enterprise(s)');
    await silently(`UPDATE enterprises SET active = true WHERE code = '${codeFor(2)}'`, codeFor(2));
    await new Promise((r) => setTimeout(r, 300));
    // No notice came: B has not moved on its own ...
    expect(count(b.svc.stdout, 'reloaded 1 enterprise(s)')).toBe(patchesBefore);
    // ... but its next dry run sees its version behind and reloads the logged code.
    expect(await dryRunEnterprises(b)).toBe(2);
    expect(count(b.svc.stdout, 'reloaded 1 enterprise(s)')).toBe(patchesBefore + 1);
    expect(count(b.svc.stdout, 'registry snapshot loaded')).toBe(1);
  });

  it('a version bumped with nothing in the change log (a gap) makes the next dry run reload everything', async () => {
    await silently(`UPDATE enterprises SET active = false WHERE code = '${codeFor(1)}'`, null);
    expect(await dryRunEnterprises(b)).toBe(1);
    expect(b.svc.stdout).toContain('with a gap in the change log: full reload');
    expect(count(b.svc.stdout, 'registry snapshot loaded')).toBe(2);
    expect(await dryRunEnterprises(a)).toBe(1);
  });

  it("a directive issued through A is seen by B's next dry run: B's order timeline follows the version", async () => {
    const dry = async (i: Instance) => {
      const res = await call(i, 'POST', '/api/v1/directives', { ...DRY_RUN, changesPageSize: 10 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { summary: { totals: { orders: number } }; changes: { total: number } };
    };
    // B's dry run loads its copy of the (empty) timeline: the orange would version the one enterprise.
    const before = await dry(b);
    expect(before.summary.totals.orders).toBe(1);
    expect(before.changes.total).toBeGreaterThan(0);
    const issued = await call(a, 'POST', '/api/v1/directives', { ...DRY_RUN, dryRun: false, basis: '两实例测试（发布）' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    // Without asking A or waiting: B's next dry run sees the version moved, loads again, and
    // finds the orange already directed, so nothing would change.
    const after = await dry(b);
    expect(after.summary.totals.orders).toBe(0);
    expect(after.changes.total).toBe(0);
    expect(count(b.svc.stdout, 'order timeline loaded')).toBe(2);
  });
});
