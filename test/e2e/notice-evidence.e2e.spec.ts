import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { ControllableClock } from '../../src/common/clock.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
// A plant with no e-mail and no webhook: the city cannot deliver its order by itself.
const silent = sampleEnterprise(1201, {
  county: '温县',
  industry: 'coking',
  fuel: null,
  contacts: [{ name: '王五', role: 'env_officer', email: null, phone: '13900000001' }],
  measures: { orange: [stop('L1')], red: [stop('L1'), stop('L2')] },
});
const other = sampleEnterprise(1202);
const DUTY = 'duty@example.gov.cn';

describe('no penalty without proof of notice; phone notices; alerts; re-sending to a fixed contact (HTTP, PostgreSQL, SMTP)', () => {
  let t: TestApp;
  let admin: string;
  let wenOfficer: string;
  let xiuwuOfficer: string;
  let ds: DataSource;
  let orderId: string;
  let taskId: string;
  const smtp = new SmtpSink();
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const drain = () => t.app.get(DispatchWorker).drain();
  const finding = (lineCode: string, observedAt: string) =>
    t.http.post(`/api/v1/tasks/${taskId}/findings`).set('Authorization', admin).send({ lineCode, observedState: 'running', observedAt }).expect(201);

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock, domain: (d) => ({ ...d, dispatch: { ...d.dispatch, escalation: { ...d.dispatch.escalation, commandCenterEmails: [DUTY] } } }) });
    admin = await t.adminToken();
    ds = t.app.get(getDataSourceToken());
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [silent, other] })
      .expect(200);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['温县'], endsAt: null, basis: '橙色预警' })
      .expect(200);
    await drain();
    for (const [username, county] of [
      ['wen-officer', '温县'],
      ['xiuwu-officer', '修武县'],
    ]) {
      await t.http.post('/api/v1/users').set('Authorization', admin).send({ username, password: 'officer-pass', role: 'county_officer', county }).expect(201);
    }
    wenOfficer = await t.login('wen-officer', 'officer-pass');
    xiuwuOfficer = await t.login('xiuwu-officer', 'officer-pass');
    orderId = (await t.http.get('/api/v1/orders').set('Authorization', admin).expect(200)).body.items[0].orderId;
    await t.http.post('/api/v1/teams').set('Authorization', admin).send({ key: 'team-1', name: '市督导一组', homeCounty: '修武县' }).expect(201);
    taskId = (await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: silent.code, team: 'team-1', reason: '夜间巡查' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('a violation of an order never delivered is a breach on record: no ledger entry, and the command center is told', async () => {
    clock.set('2026-12-10T10:40:00+08:00');
    const res = await finding('L1', '2026-12-10T10:30:00+08:00');
    expect(res.body).toMatchObject({ verdict: 'violation', penalty: null, noticeMissing: true, evidence: { modification: 1, delivered: null, acknowledgedAt: null } });
    const ledger = await t.http.get('/api/v1/ledger?month=2026-12').set('Authorization', admin).expect(200);
    expect(ledger.body).toMatchObject({ items: [], total: 0 });
    const alerts = await t.http.get('/api/v1/alerts?kind=notice_missing').set('Authorization', admin).expect(200);
    expect(alerts.body).toMatchObject({ total: 1, page: 1 });
    expect(alerts.body.items[0]).toMatchObject({ kind: 'notice_missing', stage: 2, county: '温县', enterpriseCode: silent.code, resolvedAt: null });
    expect(alerts.body.items[0].message).toContain('未履行通知义务');
    expect(alerts.body.items[0].message).toContain('12月10日 10:30');
    await drain();
    const mail = smtp.to(DUTY);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain('通知缺失');
    const findings = await t.http.get('/api/v1/findings').set('Authorization', admin).expect(200);
    expect(findings.body[0]).toMatchObject({ verdict: 'violation', noticeMissing: true, penaltyItem: 'producing_when_should_stop' });
  });

  it('a county officer records a phone notice; it is validated, scoped, audited and counts as delivery and receipt', async () => {
    const url = `/api/v1/orders/${orderId}/versions/1/phone-notices`;
    const call = { calledName: '王五', phone: '13900000001', calledAt: '2026-12-10T11:00:00+08:00', answeredBy: '王五（环保专员）', notes: '已口头传达停产要求' };
    clock.set('2026-12-10T11:05:00+08:00');
    const future = await t.http
      .post(url)
      .set('Authorization', wenOfficer)
      .send({ ...call, calledAt: '2026-12-10T12:00:00+08:00' })
      .expect(422);
    expect(future.body.error.message).toContain('calledAt');
    expect(future.body.error.details[0]).toMatchObject({ field: 'calledAt', value: '2026-12-10T12:00:00+08:00' });
    await t.http
      .post(url)
      .set('Authorization', wenOfficer)
      .send({ ...call, calledAt: '2026-12-09T12:00:00+08:00' })
      .expect(422); // before the order existed
    await t.http
      .post(url)
      .set('Authorization', wenOfficer)
      .send({ ...call, calledAt: '2026-12-10 11:00' })
      .expect(400);
    await t.http
      .post(url)
      .set('Authorization', wenOfficer)
      .send({ ...call, phone: 'call me' })
      .expect(400);
    await t.http
      .post(url)
      .set('Authorization', wenOfficer)
      .send({ ...call, answeredBy: undefined })
      .expect(400);
    await t.http.post(url).set('Authorization', xiuwuOfficer).send(call).expect(404); // another county's enterprise
    await t.http.post(`/api/v1/orders/${orderId}/versions/9/phone-notices`).set('Authorization', wenOfficer).send(call).expect(404);
    await t.http.post(`/api/v1/orders/${orderId}/versions/99999999999/phone-notices`).set('Authorization', wenOfficer).send(call).expect(404);
    await t.http
      .post(url)
      .set('Authorization', wenOfficer)
      .send({ ...call, calledAt: '2026-13-01T11:00:00+08:00' })
      .expect(422);

    const res = await t.http.post(url).set('Authorization', wenOfficer).send(call).expect(201);
    expect(res.body).toMatchObject({
      orderId,
      modification: 1,
      calledName: '王五',
      phone: '13900000001',
      calledAt: '2026-12-10T03:00:00.000Z',
      answeredBy: '王五（环保专员）',
      recordedBy: 'wen-officer',
    });
    const list = await t.http.get(url).set('Authorization', wenOfficer).expect(200);
    expect(list.body.map((n: { id: string }) => n.id)).toEqual([res.body.id]);
    await t.http.get(url).set('Authorization', xiuwuOfficer).expect(404);
    const audit = await t.http.get(`/api/v1/audit?entityType=order_version&entityId=${res.body.orderVersionId}`).set('Authorization', admin).expect(200);
    expect(audit.body.items.map((a: { action: string; actor: string }) => [a.action, a.actor])).toContainEqual(['order.phone_notice', 'wen-officer']);
    // Receipt at the time of the call; the unreachable alert for this version is closed by it.
    const order = await t.http.get(`/api/v1/orders/${orderId}`).set('Authorization', admin).expect(200);
    expect(order.body.current.acknowledgedAt).toBe('2026-12-10T03:00:00.000Z');
    const [noChannel] = (await t.http.get('/api/v1/alerts?kind=no_channel&status=all').set('Authorization', admin).expect(200)).body.items;
    expect(noChannel).toMatchObject({ resolvedBy: 'wen-officer', note: `已电话通知（记录 ${res.body.id}）` });
    const evidence = await t.http.get(`/api/v1/orders/${orderId}/versions/1/delivery-evidence`).set('Authorization', wenOfficer).expect(200);
    expect(evidence.body.deliveries).toEqual([]);
    expect(evidence.body.phoneNotices).toHaveLength(1);
    expect(evidence.body.proofAsOfNow.delivered).toMatchObject({ channel: 'phone', phoneNoticeId: res.body.id, answeredBy: '王五（环保专员）' });
  });

  it('the same violation after the phone notice makes the ledger entry, citing the call; one from before it still does not', async () => {
    clock.set('2026-12-10T11:40:00+08:00');
    const after = await finding('L1', '2026-12-10T11:30:00+08:00');
    const [notice] = (await t.http.get(`/api/v1/orders/${orderId}/versions/1/phone-notices`).set('Authorization', admin).expect(200)).body;
    expect(after.body).toMatchObject({ verdict: 'violation', noticeMissing: false, penalty: { item: 'producing_when_should_stop', amount: 100000 } });
    const ledger = await t.http.get('/api/v1/ledger?month=2026-12').set('Authorization', admin).expect(200);
    expect(ledger.body.total).toBe(100000);
    expect(ledger.body.items).toHaveLength(1);
    expect(ledger.body.items[0]).toMatchObject({
      findingId: after.body.id,
      county: '温县',
      orderVersionId: notice.orderVersionId,
      evidence: {
        orderVersionId: notice.orderVersionId,
        modification: 1,
        directiveNumber: expect.stringMatching(/^焦冬防指〔2026〕\d+号$/),
        delivered: { channel: 'phone', at: '2026-12-10T03:00:00.000Z', phoneNoticeId: notice.id, recipient: '13900000001' },
        acknowledgedAt: '2026-12-10T03:00:00.000Z',
      },
    });
    // Filed now, but seen before the call: still no proof at that moment.
    const before = await finding('L1', '2026-12-10T10:50:00+08:00');
    expect(before.body).toMatchObject({ noticeMissing: true, penalty: null });
    expect((await t.http.get('/api/v1/ledger?month=2026-12').set('Authorization', admin).expect(200)).body.items).toHaveLength(1);
  });

  it('the enterprise reads its own findings and the penalties recorded against it, nobody else’s', async () => {
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'plant1201', password: 'plant-password', role: 'enterprise', enterpriseCode: silent.code }).expect(201);
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'plant9', password: 'plant-password', role: 'enterprise', enterpriseCode: other.code }).expect(201);
    const plant = await t.login('plant1201', 'plant-password');
    const stranger = await t.login('plant9', 'plant-password');
    const findings = await t.http.get('/api/v1/findings').set('Authorization', plant).expect(200);
    expect(findings.body.map((f: { observedAt: string; noticeMissing: boolean }) => [new Date(f.observedAt).toISOString(), f.noticeMissing])).toEqual([
      ['2026-12-10T03:30:00.000Z', false],
      ['2026-12-10T02:50:00.000Z', true],
      ['2026-12-10T02:30:00.000Z', true],
    ]);
    const ledger = await t.http.get('/api/v1/ledger?month=2026-12').set('Authorization', plant).expect(200);
    expect(ledger.body).toMatchObject({
      total: 100000,
      items: [expect.objectContaining({ enterpriseCode: silent.code, evidence: expect.objectContaining({ delivered: expect.objectContaining({ channel: 'phone' }) }) })],
    });
    expect((await t.http.get('/api/v1/findings').set('Authorization', stranger).expect(200)).body).toEqual([]);
    expect((await t.http.get('/api/v1/ledger?month=2026-12').set('Authorization', stranger).expect(200)).body).toMatchObject({ items: [], total: 0 });
    await t.http.get('/api/v1/ledger/ranking').set('Authorization', plant).expect(403);
    await t.http.get('/api/v1/alerts').set('Authorization', plant).expect(403);
  });

  it('alerts are resolved with a note, stay in history, and resolving twice answers 409', async () => {
    const open = await t.http.get('/api/v1/alerts?kind=notice_missing').set('Authorization', admin).expect(200);
    expect(open.body.total).toBe(2);
    const first = open.body.items[1];
    await t.http.post(`/api/v1/alerts/${first.id}/resolve`).set('Authorization', admin).send({}).expect(400);
    await t.http.post(`/api/v1/alerts/${first.id}/resolve`).set('Authorization', xiuwuOfficer).send({ note: '不是本县' }).expect(404);
    await t.http.post('/api/v1/alerts/abc/resolve').set('Authorization', admin).send({ note: '无此告警' }).expect(404);
    const resolved = await t.http.post(`/api/v1/alerts/${first.id}/resolve`).set('Authorization', wenOfficer).send({ note: '已补发书面通知，约谈企业' }).expect(200);
    expect(resolved.body).toMatchObject({ id: first.id, resolvedBy: 'wen-officer', note: '已补发书面通知，约谈企业' });
    expect(Date.parse(resolved.body.resolvedAt)).toBe(clock.now().getTime());
    const again = await t.http.post(`/api/v1/alerts/${first.id}/resolve`).set('Authorization', admin).send({ note: '再次处理' }).expect(409);
    expect(again.body.error.message).toContain('already resolved');
    expect((await t.http.get('/api/v1/alerts?kind=notice_missing').set('Authorization', admin).expect(200)).body.total).toBe(1);
    const history = await t.http.get('/api/v1/alerts?kind=notice_missing&status=resolved').set('Authorization', admin).expect(200);
    expect(history.body.items.map((a: { id: string }) => a.id)).toEqual([first.id]);
    const all = await t.http.get('/api/v1/alerts?status=all&pageSize=1&page=2').set('Authorization', wenOfficer).expect(200);
    expect(all.body).toMatchObject({ page: 2, pageSize: 1, total: 3 });
    expect(all.body.items).toHaveLength(1);
    await t.http.get('/api/v1/alerts?status=closed').set('Authorization', admin).expect(400);
    const audit = await t.http.get(`/api/v1/audit?entityType=alert&entityId=${first.id}`).set('Authorization', admin).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'alert.resolve', actor: 'wen-officer' });
  });

  it('adding a contact re-sends the versions in force or ahead to the new address only, once', async () => {
    clock.set('2026-12-10T12:00:00+08:00');
    // Red from 14:00, issued now: a version still ahead.
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'adjust', level: 'red', counties: ['温县'], startsAt: '2026-12-10T14:00:00+08:00', endsAt: null, basis: '升级红色预警' })
      .expect(200);
    await drain();
    const [{ n: before }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'order'`);
    expect(before).toBe(0);
    const current = await t.http.get(`/api/v1/enterprises/${silent.code}`).set('Authorization', admin).expect(200);
    const fixed = { ...silent, contacts: [{ name: '王五', role: 'env_officer', email: 'Wang5@Example.com', phone: '13900000001' }], version: current.body.version };
    await t.http.put(`/api/v1/enterprises/${silent.code}`).set('Authorization', wenOfficer).send(fixed).expect(200);
    const rows: Array<{ recipient: string; idempotency_key: string; modification: number }> = await ds.query(
      `SELECT o.recipient, o.idempotency_key, v.modification FROM outbox o JOIN order_versions v ON v.id = o.order_version_id WHERE o.kind = 'order' ORDER BY v.modification`,
    );
    // Orange in force now and red ahead, each to the new address with its own key.
    expect(rows.map((r) => [r.modification, r.recipient])).toEqual([
      [1, 'wang5@example.com'],
      [2, 'wang5@example.com'],
    ]);
    expect(rows.every((r) => r.idempotency_key.endsWith(':email:wang5@example.com'))).toBe(true);
    await drain();
    const sent = smtp.to('wang5@example.com').length;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(smtp.to('wang5@example.com').some((m) => (m.text ?? '').includes('红色'))).toBe(true);
    // The delivery is on the version's record, dated by the service's clock; the earlier phone call stays the first proof.
    const red = await t.http.get(`/api/v1/orders/${orderId}/versions/2/delivery-evidence`).set('Authorization', admin).expect(200);
    expect(red.body.deliveries).toEqual([
      {
        channel: 'email',
        recipient: 'wang5@example.com',
        status: 'sent',
        sentAt: expect.any(String),
        lastError: null,
        attempts: [{ at: '2026-12-10T04:00:00.000Z', ok: true, error: null, providerCode: null, providerMessageId: null, receiptStatus: null, receiptCode: null, receiptAt: null }],
      },
    ]);
    expect(red.body.proofAsOfNow.delivered).toMatchObject({ channel: 'email', at: '2026-12-10T04:00:00.000Z' });
    const orange = await t.http.get(`/api/v1/orders/${orderId}/versions/1/delivery-evidence`).set('Authorization', admin).expect(200);
    expect(orange.body.proofAsOfNow.delivered).toMatchObject({ channel: 'phone' });
    // The same contact again (by import) sends nothing more; a second address gets its own notice.
    const again = await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [fixed] })
      .expect(200);
    expect(again.body).toMatchObject({ unchanged: 1, resent: 0 });
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [{ ...fixed, contacts: [...fixed.contacts, { name: '赵六', role: 'legal_rep', email: 'zhao6@example.com', phone: null }] }] })
      .expect(200)
      .expect((res) => expect(res.body).toMatchObject({ updated: 1, resent: 2 }));
    await drain();
    expect(smtp.to('wang5@example.com')).toHaveLength(sent);
    expect(smtp.to('zhao6@example.com')).toHaveLength(sent);
  });
});
