import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { verifyWebhook, webhookSecretFor, WEBHOOK_SIGNATURE_HEADER } from '../../src/common/webhook-signature.js';
import { ControllableClock } from '../../src/common/clock.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { ackPageText } from '../support/ack-page-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SECRET = 'directive-test-secret-0123456789abcdef';
const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });

// A kiln (stopped by the season anyway), two plants whose red measures differ from orange
// and one whose do not, one plant nobody can reach, and one outside the scope.
const kiln = sampleEnterprise(401);
const coking = sampleEnterprise(402, {
  industry: 'coking',
  fuel: null,
  contacts: [
    { name: '王一', role: 'env_officer', email: 'wang1@example.com', phone: null },
    { name: '王二', role: 'production_manager', email: 'wang2@example.com', phone: null },
  ],
  measures: { orange: [stop('L1')], red: [stop('L1'), stop('L2')] },
});
const chemical = sampleEnterprise(403, { county: '博爱县', industry: 'chemical', fuel: null, measures: { orange: [stop('L1')], red: [stop('L1')] } });
const silent = sampleEnterprise(404, {
  county: '博爱县',
  industry: 'chemical',
  fuel: null,
  contacts: [{ name: '赵六', role: 'env_officer', email: null, phone: '13900000000' }],
  measures: { orange: [stop('L2')] },
});
const outside = sampleEnterprise(405, { county: '温县', industry: 'coking', fuel: null, measures: { orange: [stop('L1')] } });

function linkIn(text: string): string {
  const m = /https?:\/\/[^\s<>"]+\/ack\/[A-Za-z0-9_.-]+/.exec(text);
  if (!m) throw new Error('no acknowledgement link in the mail');
  return new URL(m[0]).pathname;
}

describe('directives: issue, deliver, acknowledge, adjust, lift (HTTP, PostgreSQL, SMTP, webhook)', () => {
  let t: TestApp;
  let admin: string;
  let ds: DataSource;
  const smtp = new SmtpSink();
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const hooks: Array<{ body: string; signature: string | undefined }> = [];
  let hookServer: Server;
  let orangeId: string;

  beforeAll(async () => {
    await smtp.start();
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        hooks.push({ body, signature: req.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', () => r()));
    chemical.webhookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hazeops`;
    t = await startTestApp({ SMTP_URL: smtp.url, HAZEOPS_SECRET: SECRET, PUBLIC_BASE_URL: 'http://hazeops.test' }, { clock });
    admin = await t.adminToken();
    ds = t.app.get(getDataSourceToken());
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [kiln, coking, chemical, silent, outside] })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await new Promise<void>((r) => hookServer.close(() => r()));
  });

  const drain = () => t.app.get(DispatchWorker).drain();
  const directive = (body: Record<string, unknown>) =>
    t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ basis: '市气象台会商：未来72小时AQI>200', ...body });

  it('a dry run shows orders per county and who cannot be reached, and writes nothing', async () => {
    const res = await directive({ action: 'issue', level: 'orange', counties: ['修武县', '博爱县'], startsAt: '2026-12-10T20:00:00+08:00', endsAt: null, dryRun: true }).expect(200);
    expect(res.body).toMatchObject({ id: null, number: null, dryRun: true, level: 'orange' });
    expect(res.body.summary.counties).toEqual([
      expect.objectContaining({ county: '修武县', enterprises: 2, orders: 2, unreachable: 0 }),
      expect.objectContaining({ county: '博爱县', enterprises: 2, orders: 2, unreachable: 1 }),
    ]);
    expect(res.body.summary.unreachable).toEqual([{ code: silent.code, name: silent.name, county: '博爱县' }]);
    const [{ n }] = await ds.query('SELECT (SELECT count(*) FROM directives) + (SELECT count(*) FROM order_versions) + (SELECT count(*) FROM outbox) AS n');
    expect(Number(n)).toBe(0);
  });

  it('issues orange for two counties: one numbered directive, one version per affected enterprise, one mail per contact', async () => {
    const res = await directive({ action: 'issue', level: 'orange', counties: ['修武县', '博爱县'], startsAt: '2026-12-10T20:00:00+08:00', endsAt: null }).expect(200);
    orangeId = res.body.id;
    expect(res.body.number).toBe('焦冬防指〔2026〕1号');
    expect(res.body.summary.totals).toMatchObject({ enterprises: 4, orders: 4, unreachable: 1 });
    const versions = await ds.query('SELECT enterprise_code, modification, ack_deadline FROM order_versions ORDER BY enterprise_code');
    expect(versions.map((v: { enterprise_code: string }) => v.enterprise_code)).toEqual([kiln.code, coking.code, chemical.code, silent.code].sort());
    // Level orders: 2 h to acknowledge, from the issue time.
    expect(new Date(versions[0].ack_deadline).toISOString()).toBe('2026-12-10T04:00:00.000Z');
    const alerts = await ds.query(`SELECT kind, county, enterprise_code FROM alerts`);
    expect(alerts).toEqual([{ kind: 'no_channel', county: '博爱县', enterprise_code: silent.code }]);

    const round = await drain();
    expect(round).toMatchObject({ sent: 5, failed: 0 }); // kiln 1 + coking 2 e-mails, chemical 1 e-mail + 1 webhook
    expect(smtp.messages).toHaveLength(4);
    for (const address of ['env401@example.com', 'wang1@example.com', 'wang2@example.com', 'env403@example.com']) expect(smtp.to(address)).toHaveLength(1);
    const mail = smtp.to('wang1@example.com')[0];
    expect(mail.subject).toContain('焦冬防指〔2026〕1号');
    expect(mail.subject).toContain(coking.name);
    expect(mail.text).toContain('停产');
    expect(mail.html).toContain('<table');
    expect(outside.contacts[0].email && smtp.to(outside.contacts[0].email)).toEqual([]);

    expect(hooks).toHaveLength(1);
    // The receiver's key, as the enterprise (or the commander) reads it from the API.
    const { body: secret } = await t.http.get(`/api/v1/enterprises/${chemical.code}/webhook-secret`).set('Authorization', admin).expect(200);
    const key = secret.secret as string;
    expect(key).toBe(webhookSecretFor(chemical.code, SECRET));
    expect(verifyWebhook(hooks[0].signature, hooks[0].body, key, Date.now())).toMatchObject({ ok: true });
    expect(JSON.parse(hooks[0].body)).toMatchObject({ type: 'hazeops.order.version', enterpriseCode: chemical.code, modification: 1, directiveNumber: '焦冬防指〔2026〕1号' });

    // Delivering again sends nothing more.
    expect((await drain()).claimed).toBe(0);
  });

  it('acknowledges through the signed link, idempotently, on a page for the phone', async () => {
    const path = linkIn(smtp.to('wang1@example.com')[0].text ?? '');
    const token = path.slice('/ack/'.length);
    // The link opens the phone page; the page reads the order from the link's API.
    const page = await t.http.get(path).expect(200);
    expect(page.text).toContain('width=device-width');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const shown = await t.http.get(`/api/v1/ack/${token}`).expect(200);
    expect(shown.body).toMatchObject({ enterprise: { name: coking.name }, modification: 1, state: { kind: 'pending' }, timezone: 'Asia/Shanghai' });
    expect(shown.body.lines.map((l: { code: string; action: string }) => [l.code, l.action])).toContainEqual(['L1', 'stop']);
    await t.http.post(`/api/v1/ack/${token}/acknowledge`).expect(200);
    const again = await t.http.post(`/api/v1/ack/${token}/acknowledge`).expect(200);
    expect(again.body.state).toMatchObject({ kind: 'acknowledged', acknowledgedAt: clock.now().toISOString(), acknowledgedBy: '通过邮件链接签收' });
    const [v] = await ds.query('SELECT acknowledged_at, acknowledged_by FROM order_versions WHERE enterprise_code = $1', [coking.code]);
    expect(v.acknowledged_by).toBe(`link:${coking.code}`);
    expect(new Date(v.acknowledged_at).toISOString()).toBe(clock.now().toISOString());
    // Implementation of one line through the same link; a time without its offset is refused, naming the field.
    const bad = await t.http
      .post(`/api/v1/ack/${token}/implementation`)
      .send({ lines: [{ line: 'L1', stoppedAt: '2026-12-10T09:30' }] })
      .expect(400);
    expect(bad.body.error.message).toContain('stoppedAt');
    // A stop cannot be confirmed for a time still to come (issue 8): the refusal names the field and the allowed range.
    const future = await t.http
      .post(`/api/v1/ack/${token}/implementation`)
      .send({ lines: [{ line: 'L1', stoppedAt: '2026-12-10T19:30:00+08:00' }] })
      .expect(422);
    expect(future.body.error.details).toEqual([expect.objectContaining({ field: 'lines[0].stoppedAt', allowed: expect.objectContaining({ to: expect.any(String) }) })]);
    const done = await t.http
      .post(`/api/v1/ack/${token}/implementation`)
      .send({ lines: [{ line: 'L1', stoppedAt: '2026-12-10T09:30:00+08:00' }] })
      .expect(200);
    expect(done.body.lines.find((l: { code: string }) => l.code === 'L1').implementedAt).toBe('2026-12-10T01:30:00.000Z');
    const [impl] = await ds.query('SELECT implementation, implemented_at FROM order_versions WHERE enterprise_code = $1', [coking.code]);
    expect(impl.implementation.L1.at).toBe('2026-12-10T01:30:00.000Z');
    expect(impl.implemented_at).not.toBeNull();
    // A line the order lets run is not confirmed.
    const running = await t.http
      .post(`/api/v1/ack/${token}/implementation`)
      .send({ lines: [{ line: 'L2', stoppedAt: '2026-12-10T09:30:00+08:00' }] })
      .expect(422);
    expect(running.body.error.code).toBe('LINE_NOT_RESTRICTED');
    // A tampered or foreign token is refused, saying why.
    const tampered = await t.http.get(`/api/v1/ack/${token.slice(0, -2)}xx`).expect(403);
    expect(tampered.body.error).toMatchObject({ code: 'LINK_INVALID', details: { reason: 'bad_signature' } });
    await t.http.post(`/api/v1/ack/${token.slice(0, -2)}xx/acknowledge`).expect(403);
    await t.http.get('/api/v1/ack/not-a-token').expect(403);
  });

  it('two officers on the same county at once: the second gets 409', async () => {
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT 1 FROM county_levels WHERE county = '修武县' FOR UPDATE`);
      const res = await directive({ action: 'adjust', level: 'red', counties: ['修武县'], endsAt: null }).expect(409);
      expect(res.body.error.code).toBe('LEVEL_CONFLICT');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('adjusting to red from 22:00 versions only the enterprise whose requirement changed; orange still holds until then, so its link still works', async () => {
    const oldLink = linkIn(smtp.to('wang2@example.com')[0].text ?? '');
    const kilnLink = linkIn(smtp.to('env401@example.com')[0].text ?? '');
    const before = smtp.messages.length;
    const res = await directive({ action: 'adjust', level: 'red', counties: ['修武县', '博爱县'], startsAt: '2026-12-10T22:00:00+08:00', endsAt: null }).expect(200);
    expect(res.body.number).toBe('焦冬防指〔2026〕2号');
    expect(res.body.summary.totals.orders).toBe(1);
    // Issue 8: the red version takes over from its start only; orange keeps 20:00–22:00.
    const versions = await ds.query('SELECT enterprise_code, modification, status, effective_from, effective_to FROM order_versions WHERE enterprise_code = $1 ORDER BY modification', [coking.code]);
    expect(
      versions.map((v: { modification: number; status: string; effective_from: Date; effective_to: Date | null }) => [
        v.modification,
        v.status,
        v.effective_from.toISOString(),
        v.effective_to?.toISOString() ?? null,
      ]),
    ).toEqual([
      [1, 'current', '2026-12-10T12:00:00.000Z', '2026-12-10T14:00:00.000Z'],
      [2, 'current', '2026-12-10T14:00:00.000Z', null],
    ]);
    await drain();
    expect(smtp.messages.length - before).toBe(2); // both coking contacts, nobody else
    expect(smtp.to('wang2@example.com')[1].subject).toContain('第2版');
    expect(smtp.to('wang2@example.com')[1].text).toContain('自 12月10日 22:00 起，直至解除');

    // Orange still holds until red starts: the old link says red is not in force yet, and still acknowledges.
    const old = await ackPageText(t.http, oldLink);
    expect(old.model.timeline?.state).toBe('ahead');
    expect(old.text).toContain('本版指令尚未生效：自 12月10日 20:00 起至 22:00');
    await t.http.post(`/api/v1${oldLink}/acknowledge`).expect(200);
    // The kiln's version was not replaced: its link still works.
    await t.http.post(`/api/v1${kilnLink}/acknowledge`).expect(200);
  });

  it('the enterprise acknowledges through the API too and lists both versions ahead of it', async () => {
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'coking', password: 'coking-password', role: 'enterprise', enterpriseCode: coking.code }).expect(201);
    const plant = await t.login('coking', 'coking-password');
    const list = await t.http.get('/api/v1/orders').set('Authorization', plant).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((i: { modification: number; state: string }) => [i.modification, i.state])).toEqual([
      [1, 'ahead'],
      [2, 'ahead'],
    ]);
    const { orderId } = list.body.items[0];
    const inForce = await t.http.get('/api/v1/orders?inForceOnly=true&at=2026-12-10T21:00:00%2B08:00').set('Authorization', plant).expect(200);
    expect(inForce.body.items.map((i: { modification: number }) => i.modification)).toEqual([1]);
    const ok = await t.http.post(`/api/v1/orders/${orderId}/versions/2/acknowledge`).set('Authorization', plant).expect(200);
    expect(ok.body.acknowledgedBy).toBe('coking');
    const other = await ds.query('SELECT order_id FROM order_versions WHERE enterprise_code = $1', [chemical.code]);
    await t.http.get(`/api/v1/orders/${other[0].order_id}`).set('Authorization', plant).expect(404);
    const bad = await t.http
      .post(`/api/v1/orders/${orderId}/versions/2/implementation`)
      .set('Authorization', plant)
      .send({ lines: [{ line: 'L9', stoppedAt: '2026-12-10T09:10:00+08:00' }] })
      .expect(422);
    expect(bad.body.error.code).toBe('LINE_NOT_RESTRICTED');
  });

  it('shows progress per county with overdue enterprises once the deadline has passed', async () => {
    clock.set('2026-12-10T13:00:00+08:00');
    const res = await t.http.get(`/api/v1/directives/${orangeId}/progress`).set('Authorization', admin).expect(200);
    const byCounty = Object.fromEntries(res.body.counties.map((c: { county: string }) => [c.county, c]));
    expect(byCounty['修武县']).toMatchObject({ orders: 2, delivered: 2, failed: 0 });
    expect(byCounty['博爱县']).toMatchObject({ orders: 2, delivered: 1, failed: 1, acknowledged: 0, overdue: 2 });
    expect(res.body.overdue.map((o: { enterpriseCode: string }) => o.enterpriseCode).sort()).toEqual([chemical.code, silent.code].sort());
  });

  it('lifting ends the orders that only the warning imposed; the season keeps the kiln stopped', async () => {
    const res = await directive({ action: 'lift', counties: ['修武县', '博爱县'] }).expect(200);
    // The lift (now, 13:00) replaces the orange and red still ahead; the kiln gets its
    // season stop from now, which no version carried before 20:00.
    expect(res.body.summary.totals).toMatchObject({ orders: 4, ended: 3 });
    const orders = await ds.query('SELECT enterprise_code, status FROM orders ORDER BY enterprise_code');
    expect(Object.fromEntries(orders.map((o: { enterprise_code: string; status: string }) => [o.enterprise_code, o.status]))).toEqual({
      [kiln.code]: 'open',
      [coking.code]: 'ended',
      [chemical.code]: 'ended',
      [silent.code]: 'ended',
    });
    const again = await directive({ action: 'lift', counties: ['修武县'] }).expect(409);
    expect(again.body.error.message).toContain('nothing to lift');
    const levels = await t.http.get('/api/v1/directives/levels').set('Authorization', admin).expect(200);
    expect(levels.body.find((l: { county: string }) => l.county === '修武县')).toMatchObject({ levelNow: 'none', directed: null });
  });

  it('publishes the warnings as CAP 1.2: an alert, an update and a cancel, each referring to what it replaces', async () => {
    const res = await t.http.get('/api/v1/warnings/cap').expect(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const alerts = [...res.text.matchAll(/<alert xmlns="urn:oasis:names:tc:emergency:cap:1\.2">[\s\S]*?<\/alert>/g)].map((m) => m[0]);
    expect(alerts.map((a) => /<msgType>(\w+)<\/msgType>/.exec(a)![1])).toEqual(['Cancel', 'Update', 'Alert']);
    const id = (a: string) => /<identifier>([^<]+)<\/identifier>/.exec(a)![1];
    const refs = (a: string) => /<references>([^<]+)<\/references>/.exec(a)?.[1] ?? '';
    const [cancel, update, alert] = alerts;
    expect(refs(update)).toContain(`,${id(alert)},`);
    expect(refs(cancel)).toContain(`,${id(update)},`);
    expect(alert).toContain('<severity>Severe</severity>');
    expect(update).toContain('<severity>Extreme</severity>');
    expect(alert).toContain('<areaDesc>修武县</areaDesc>');
    expect(alert).toContain('<value>410821</value>');
    const one = await t.http.get(`/api/v1/warnings/cap/${orangeId}`).expect(200);
    expect(one.text).toContain('<msgType>Alert</msgType>');
  });

  it('refuses bad directives with a message a person can act on', async () => {
    const noEnd = await directive({ action: 'issue', level: 'orange', counties: ['修武县'] }).expect(400);
    expect(noEnd.body.error.message).toContain('endsAt');
    const unknown = await directive({ action: 'issue', level: 'orange', counties: ['火星县'], endsAt: null }).expect(422);
    expect(unknown.body.error.message).toContain('火星县');
    const backwards = await directive({ action: 'issue', level: 'blue', counties: ['修武县'], startsAt: '2026-12-11T10:00:00+08:00', endsAt: '2026-12-11T08:00:00+08:00' }).expect(422);
    expect(backwards.body.error.details).toEqual([expect.objectContaining({ field: 'endsAt', value: '2026-12-11T00:00:00.000Z', allowed: { from: '2026-12-11T02:00:00.000Z', to: null } })]);
    const viewer = await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'viewer1', password: 'viewer-pass-1', role: 'viewer' }).expect(201);
    expect(viewer.body.role).toBe('viewer');
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', await t.login('viewer1', 'viewer-pass-1'))
      .send({ action: 'lift', basis: 'x y' })
      .expect(403);
  });
});
