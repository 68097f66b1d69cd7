import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import type { DomainConfig } from '../../src/config/domain-config.js';
import { parseSmsConfig } from '../../src/config/sms-config.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { SmsReceiptService } from '../../src/dispatch/sms-receipt.service.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { SmsProviderServer } from '../support/sms-provider-server.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, ownerQuery, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CALLBACK_TOKEN = 'sms-callback-token-0123456789abcdef';
const CREDENTIALS = {
  aliyun: { id: 'LTAI5tE2eAccessKey', secret: 'aliyun-e2e-secret-0123456789' },
  tencent: { id: 'AKIDe2eSecretId', secret: 'tencent-e2e-secret', appId: '1400000001' },
};
const orange = { orange: [{ line: 'L1', action: 'stop' as const, maxLoadPercent: null }], red: [{ line: 'L1', action: 'stop' as const, maxLoadPercent: null }] };
// Only a mobile: SMS is its one channel. The other has e-mail and a landline (no SMS).
const mobileOnly = sampleEnterprise(701, { industry: 'coking', fuel: null, contacts: [{ name: '李四', role: 'env_officer', email: null, phone: null, mobile: '13712345678' }], measures: orange });
const landline = sampleEnterprise(702, {
  industry: 'coking',
  fuel: null,
  contacts: [{ name: '赵六', role: 'production_manager', email: 'zhao6@example.com', phone: '0391-7123456' }],
  measures: orange,
});
const refused = sampleEnterprise(703, {
  code: codeFor(703, '410825'),
  county: '温县',
  industry: 'coking',
  fuel: null,
  contacts: [{ name: '钱七', role: 'env_officer', email: null, phone: null, mobile: '13612345678' }],
  measures: { orange: [{ line: 'L1', action: 'limit' as const, maxLoadPercent: 50 }], red: [{ line: 'L1', action: 'stop' as const, maxLoadPercent: null }] },
});

describe('SMS: order notices through the provider, receipts, short links, reply acknowledgement, refusals retried (PostgreSQL, provider server)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: string;
  const smtp = new SmtpSink();
  const provider = new SmsProviderServer(CREDENTIALS);
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const sql = <R = Record<string, unknown>>(q: string, params: unknown[] = []) => ownerQuery<R>(db.url, q, params);
  const drain = () => t.app.get(DispatchWorker).drain();
  const versionsOf = (code: string) =>
    sql<{ id: string; order_id: string; modification: number; notified_at: Date | null; acknowledged_at: Date | null; acknowledged_by: string | null }>(
      'SELECT id, order_id, modification, notified_at, acknowledged_at, acknowledged_by FROM order_versions WHERE enterprise_code = $1 ORDER BY modification',
      [code],
    );
  const withSms = (d: DomainConfig): DomainConfig => ({
    ...d,
    dispatch: {
      ...d.dispatch,
      // The notice itself goes by SMS too (the ladder's notice step), not only after an hour.
      escalation: {
        ...d.dispatch.escalation,
        ladder: d.dispatch.escalation.ladder.map((s) => (s.stage === 0 && s.at === 'delivery' && s.afterMinutes === 0 ? { ...s, channels: ['email', 'webhook', 'sms'] } : s)),
      },
      sms: parseSmsConfig(
        {
          provider: 'aliyun',
          aliyun: {
            endpoint: provider.aliyunEndpoint,
            signName: '焦作冬防',
            accessKeyIdEnv: 'E2E_ALIYUN_ID',
            accessKeySecretEnv: 'E2E_ALIYUN_SECRET',
            templates: {
              order: {
                id: 'SMS_490000001',
                params: [
                  { name: 'number', value: 'directiveNumber' },
                  { name: 'level', value: 'level' },
                  { name: 'start', value: 'start' },
                  { name: 'link', value: 'link' },
                  { name: 'code', value: 'code' },
                ],
                text: '${number}：${start}起执行${level}管控措施，请打开 ${link} 签收，或回复${code}签收。',
              },
            },
          },
        },
        { E2E_ALIYUN_ID: CREDENTIALS.aliyun.id, E2E_ALIYUN_SECRET: CREDENTIALS.aliyun.secret, HAZEOPS_SMS_CALLBACK_TOKEN: CALLBACK_TOKEN },
      ),
    },
  });

  beforeAll(async () => {
    await smtp.start();
    await provider.start();
    db = await createTestDatabase();
    t = await startTestApp({ SMTP_URL: smtp.url }, { db, clock, domain: withSms });
    admin = await t.adminToken();
    const imported = await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [mobileOnly, landline, refused] });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '会商结论：橙色预警' })
      .expect(200);
    await drain();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
    await smtp.stop();
    await provider.close();
  });

  it('an enterprise contact with a mobile gets the order by SMS through the provider, by template, within the length; a landline gets none', async () => {
    expect(provider.rejected).toEqual([]);
    expect(provider.messages.map((m) => m.mobile)).toEqual(['13712345678']);
    const [m] = provider.messages;
    expect(m!.template).toBe('SMS_490000001');
    expect(m!.params).toEqual({
      number: expect.stringMatching(/^焦冬防指〔2026〕\d+号$/),
      level: '橙色预警',
      start: '12月10日 10:00',
      link: expect.stringMatching(/^http:\/\/localhost:3000\/a\/[0-9A-Za-z]{10}$/),
      code: expect.stringMatching(/^\d{6}$/),
    });
    const params = m!.params as Record<string, string>;
    expect(`http://localhost:3000/a/`.length + 10).toBe(params.link!.length);
    expect(provider.requests.find((r) => r.action === 'SendSms')!.params).toMatchObject({ SignName: '焦作冬防', PhoneNumbers: '13712345678' });
    const rows = await sql<{ channel: string; recipient: string }>('SELECT channel, recipient FROM outbox WHERE enterprise_code = $1 ORDER BY channel', [landline.code]);
    expect(rows).toEqual([{ channel: 'email', recipient: 'zhao6@example.com' }]);
  });

  it('"sent" is not "delivered": until the receipt the version has no proof of notice and its deadline does not run', async () => {
    const [v] = await versionsOf(mobileOnly.code);
    expect(v!.notified_at).toBeNull();
    const ev = await t.http.get(`/api/v1/orders/${v!.order_id}/versions/1/delivery-evidence`).set('Authorization', admin).expect(200);
    expect(ev.body.deliveries).toEqual([
      expect.objectContaining({
        channel: 'sms',
        recipient: '13712345678',
        status: 'sent',
        attempts: [expect.objectContaining({ ok: true, providerCode: 'OK', providerMessageId: provider.messages[0]!.messageId, receiptStatus: 'pending', receiptAt: null })],
      }),
    ]);
    expect(ev.body.proofAsOfNow.delivered).toBeNull();
  });

  it('the polled receipt (QuerySendDetails) is recorded against the attempt: delivered to the handset, proof of notice, deadline from then', async () => {
    const receipts = t.app.get(SmsReceiptService);
    expect(await receipts.poll()).toEqual([]); // no receipt yet at the provider
    provider.deliver(provider.messages[0]!.messageId);
    clock.advance(60_000);
    const applied = await receipts.poll();
    expect(applied).toEqual([expect.objectContaining({ status: 'delivered', kind: 'order' })]);
    expect(provider.requests.filter((r) => r.action === 'QuerySendDetails').at(-1)!.params).toMatchObject({ PhoneNumber: '13712345678', BizId: provider.messages[0]!.messageId });
    const [v] = await versionsOf(mobileOnly.code);
    expect(v!.notified_at).not.toBeNull();
    const ev = await t.http.get(`/api/v1/orders/${v!.order_id}/versions/1/delivery-evidence`).set('Authorization', admin).expect(200);
    expect(ev.body.deliveries[0].attempts[0]).toMatchObject({ receiptStatus: 'delivered', receiptCode: 'DELIVERED', receiptAt: expect.any(String) });
    expect(ev.body.proofAsOfNow.delivered).toMatchObject({ channel: 'sms', recipient: '13712345678' });
    // Polled again: nothing changes twice.
    clock.advance(60_000);
    expect(await receipts.poll()).toEqual([]);
  });

  it('the short link answers 302 to the signed acknowledgement link, which opens; an unknown code answers 404', async () => {
    const link = (provider.messages[0]!.params as Record<string, string>).link!;
    const code = link.slice(-10);
    const res = await t.http.get(`/a/${code}`).expect(302);
    expect(res.headers.location).toMatch(/^http:\/\/localhost:3000\/ack\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const token = res.headers.location!.split('/ack/')[1]!;
    const page = await t.http.get(`/api/v1/ack/${token}`).expect(200);
    expect(page.body.state).toEqual({ kind: 'pending' });
    // The same row keeps its code across retries (one per outbox row).
    expect((await sql<{ n: number }>('SELECT count(*)::int AS n FROM ack_short_links'))[0]!.n).toBe(1);
    const unknown = await t.http.get('/a/ZZZZZZZZZZ').expect(404);
    expect(unknown.body.error.code).toBe('SHORT_LINK_NOT_FOUND');
    await t.http.get('/a/short').expect(404);
  });

  it('callbacks need the secret path token: a wrong one answers 404 and records nothing', async () => {
    const res = await t.http
      .post('/api/v1/sms/aliyun/not-the-token/replies')
      .send([{ phone_number: '13712345678', content: '123456' }])
      .expect(404);
    expect(res.body.error.code).toBe('SMS_CALLBACK_REFUSED');
    await t.http.post(`/api/v1/sms/twilio/${CALLBACK_TOKEN}/replies`).send([]).expect(400);
    expect((await sql<{ n: number }>('SELECT count(*)::int AS n FROM sms_replies'))[0]!.n).toBe(0);
  });

  it('an SMS reply quoting the code acknowledges that version, audited like any receipt; every reply is kept, matched or not', async () => {
    const code = (provider.messages[0]!.params as Record<string, string>).code!;
    const base = { send_time: '2026-12-10 10:05:00', sign_name: '焦作冬防', dest_code: '1', sequence_id: 1 };
    const answer = await t.http
      .post(`/api/v1/sms/aliyun/${CALLBACK_TOKEN}/replies`)
      .send([
        { ...base, phone_number: '13712345678', content: '好的' },
        { ...base, phone_number: '13912349999', content: code },
        { ...base, phone_number: '13712345678', content: `收到 ${code}` },
      ])
      .expect(200);
    expect(answer.body).toEqual({ code: 0, msg: '成功' });
    const [v] = await versionsOf(mobileOnly.code);
    expect(v!.acknowledged_at).not.toBeNull();
    expect(v!.acknowledged_by).toBe('sms:137****5678');
    const replies = await sql<{ mobile: string; outcome: string; order_version_id: string | null }>('SELECT mobile, outcome, order_version_id FROM sms_replies ORDER BY id');
    expect(replies).toEqual([
      { mobile: '13712345678', outcome: 'no_code', order_version_id: null },
      { mobile: '13912349999', outcome: 'unknown_code', order_version_id: null },
      { mobile: '13712345678', outcome: 'acknowledged', order_version_id: v!.id },
    ]);
    const audit = await sql<{ actor: string; action: string }>("SELECT actor, action FROM audit_log WHERE entity_id = $1 AND action = 'order.acknowledge'", [v!.id]);
    expect(audit).toEqual([{ actor: 'sms:137****5678', action: 'order.acknowledge' }]);
    // The same reply again (Tencent's route this time) is kept and changes nothing.
    await t.http
      .post(`/api/v1/sms/tencent/${CALLBACK_TOKEN}/replies`)
      .send({ extend: '', mobile: '13712345678', nationcode: '86', sign: '焦作冬防', text: code, time: 1796000000 })
      .expect(200, { result: 0, errmsg: 'OK' });
    expect((await sql<{ outcome: string }>('SELECT outcome FROM sms_replies ORDER BY id DESC LIMIT 1'))[0]!.outcome).toBe('already_acknowledged');
  });

  it('a refused send (isv.BUSINESS_LIMIT_CONTROL) is an attempt with the provider code, retried later, then sent', async () => {
    provider.refuseNext.aliyun.push('isv.BUSINESS_LIMIT_CONTROL');
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['温县'], endsAt: null, basis: '会商结论：橙色预警' })
      .expect(200);
    await drain();
    const [row] = await sql<{ id: string; status: string; wait: number }>(
      "SELECT id, status, extract(epoch FROM next_attempt_at - now())::int AS wait FROM outbox WHERE channel = 'sms' AND recipient = '13612345678'",
    );
    expect(row!.status).toBe('pending');
    expect(row!.wait).toBeGreaterThan(3000); // at least rateLimitedRetrySeconds (3600)
    const attempts = await sql<{ ok: boolean; provider_code: string; error: string }>('SELECT ok, provider_code, error FROM delivery_attempts WHERE outbox_id = $1 ORDER BY attempt', [row!.id]);
    expect(attempts).toEqual([{ ok: false, provider_code: 'isv.BUSINESS_LIMIT_CONTROL', error: expect.stringContaining('触发小时级流控') }]);
    // The refused send did not count against the number's own limit; later it goes out.
    await sql('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [row!.id]);
    await drain();
    const after = await sql<{ ok: boolean; provider_code: string }>('SELECT ok, provider_code FROM delivery_attempts WHERE outbox_id = $1 ORDER BY attempt', [row!.id]);
    expect(after.map((a) => [a.ok, a.provider_code])).toEqual([
      [false, 'isv.BUSINESS_LIMIT_CONTROL'],
      [true, 'OK'],
    ]);
    expect(provider.messages.map((m) => m.mobile)).toContain('13612345678');
  });

  it('the per-number limit is respected before sending: a second SMS within the minute waits (no attempt, the reason on the row) and goes later', async () => {
    clock.advance(60_000);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'adjust', level: 'red', counties: ['温县'], endsAt: null, basis: '会商结论：升级红色预警' })
      .expect(200);
    const sent = provider.messages.length;
    await drain();
    expect(provider.messages.length).toBe(sent);
    const [row] = await sql<{ id: string; status: string; attempts: number; last_error: string }>(
      "SELECT o.id, o.status, o.attempts, o.last_error FROM outbox o JOIN order_versions v ON v.id = o.order_version_id WHERE o.channel = 'sms' AND v.enterprise_code = $1 AND v.modification = 2",
      [refused.code],
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 0, last_error: expect.stringContaining('rate limit perMinute 1') });
    expect((await sql<{ n: number }>('SELECT count(*)::int AS n FROM delivery_attempts WHERE outbox_id = $1', [row!.id]))[0]!.n).toBe(0);
    const [v2] = (await versionsOf(refused.code)).filter((v) => v.modification === 2);
    const ev = await t.http.get(`/api/v1/orders/${v2!.order_id}/versions/2/delivery-evidence`).set('Authorization', admin).expect(200);
    expect(ev.body.deliveries[0]).toMatchObject({ channel: 'sms', status: 'pending', lastError: expect.stringContaining('rate limit') });
    // A minute later (the reservations move back) it is sent.
    await sql("UPDATE sms_sends SET sent_at = sent_at - interval '61 seconds'");
    await sql('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [row!.id]);
    await drain();
    expect(provider.messages.length).toBe(sent + 1);
    expect((provider.messages.at(-1)!.params as Record<string, string>).level).toBe('红色预警');
  });

  it('a receipt callback (Alibaba SmsReport) is recorded against the attempt it names; the version counts as told from then', async () => {
    const last = provider.messages.at(-1)!;
    const [v2] = (await versionsOf(refused.code)).filter((v) => v.modification === 2);
    expect(v2!.notified_at).toBeNull();
    await t.http
      .post(`/api/v1/sms/aliyun/${CALLBACK_TOKEN}/receipts`)
      .send([
        {
          phone_number: last.mobile,
          send_time: '2026-12-10 10:04:00',
          report_time: '2026-12-10 10:04:30',
          success: true,
          err_code: 'DELIVERED',
          err_msg: '用户接收成功',
          sms_size: '1',
          biz_id: last.messageId,
          out_id: '',
        },
      ])
      .expect(200, { code: 0, msg: '成功' });
    const [attempt] = await sql<{ receipt_status: string; receipt_code: string; receipt_at: Date }>(
      'SELECT receipt_status, receipt_code, receipt_at FROM delivery_attempts WHERE provider_message_id = $1',
      [last.messageId],
    );
    expect(attempt).toMatchObject({ receipt_status: 'delivered', receipt_code: 'DELIVERED' });
    expect(attempt!.receipt_at.toISOString()).toBe('2026-12-10T02:04:30.000Z');
    const [after] = (await versionsOf(refused.code)).filter((v) => v.modification === 2);
    expect(after!.notified_at!.toISOString()).toBe('2026-12-10T02:04:30.000Z');
    // A failure receipt for an unknown message changes nothing.
    await t.http
      .post(`/api/v1/sms/aliyun/${CALLBACK_TOKEN}/receipts`)
      .send([{ phone_number: '13500000000', report_time: '2026-12-10 10:03:00', success: false, err_code: 'MK:0001', biz_id: 'nope' }])
      .expect(200);
    expect((await sql<{ n: number }>("SELECT count(*)::int AS n FROM delivery_attempts WHERE receipt_status = 'failed'"))[0]!.n).toBe(0);
  });

  it('a short link whose signed link expired answers 410', async () => {
    const code = (provider.messages[0]!.params as Record<string, string>).link!.slice(-10);
    clock.advance(8 * 86_400_000);
    const res = await t.http.get(`/a/${code}`).expect(410);
    expect(res.body.error.code).toBe('SHORT_LINK_EXPIRED');
  });
});
