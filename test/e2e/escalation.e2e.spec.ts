import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckEscalationService } from '../../src/acknowledgements/ack-escalation.service.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { ControllableClock } from '../../src/common/clock.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ownerQuery } from '../support/test-database.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const contact = (n: number) => [{ name: '张三', role: 'env_officer', email: `env${n}@example.com`, phone: '0391-1234567', mobile: `13800000${n}` }];
const plantA = sampleEnterprise(501, { industry: 'coking', fuel: null, contacts: contact(501), measures: { orange: [stop('L1')] } });
const plantB = sampleEnterprise(502, { industry: 'coking', fuel: null, contacts: contact(502), measures: { orange: [stop('L2')] } });

describe('reminders and escalation with a controllable clock (PostgreSQL, SMTP)', () => {
  let t: TestApp;
  let admin: string;
  const smtp = new SmtpSink();
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const run = () => t.app.get(AckEscalationService).run();
  const drain = () => t.app.get(DispatchWorker).drain();

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp(
      { SMTP_URL: smtp.url },
      {
        clock,
        domain: (d) => ({
          ...d,
          dispatch: {
            ...d.dispatch,
            escalation: { ...d.dispatch.escalation, commandCenterEmails: ['duty@example.gov.cn'], counties: { '410821': { officerEmails: ['xiuwu-hbj@example.gov.cn'], chain: null } } },
          },
        }),
      },
    );
    admin = await t.adminToken();
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [plantA, plantB] })
      .expect(200);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '会商结论：橙色预警' })
      .expect(200);
    await drain();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('does nothing before the first step after the notice (SMS an hour after delivery at 10:00)', async () => {
    clock.set('2026-12-10T10:59:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 });
  });

  it('reminds each enterprise once (SMS at 11:00, e-mail 30 min before the 12:00 deadline); the same minute never runs twice', async () => {
    clock.set('2026-12-10T11:35:00+08:00');
    expect(await run()).toEqual({ reminders: 2, stage1: 0, stage2: 0, shiftLeader: 0 });
    expect(await run()).toBeNull(); // this minute's slot already ran
    clock.set('2026-12-10T11:36:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 });
    await drain();
    const reminders = smtp.messages.filter((m) => (m.subject ?? '').includes('提醒'));
    expect(reminders.map((m) => (Array.isArray(m.to) ? '' : m.to?.text)).sort()).toEqual(['env501@example.com', 'env502@example.com']);
    // Each step is one keyed outbox row per version and address; the SMS steps too.
    const rows = await ownerQuery<{ idempotency_key: string; channel: string; recipient: string; status: string }>(
      t.db.url,
      `SELECT idempotency_key, channel, recipient, status FROM outbox WHERE kind = 'ladder' ORDER BY enterprise_code, idempotency_key`,
    );
    expect(rows.map((r) => [r.idempotency_key.split(':')[2], r.channel, r.recipient])).toEqual([
      ['s0-deadline-30-enterprise', 'email', 'env501@example.com'],
      ['s0-delivery+60-enterprise', 'sms', '13800000501'],
      ['s0-deadline-30-enterprise', 'email', 'env502@example.com'],
      ['s0-delivery+60-enterprise', 'sms', '13800000502'],
    ]);
    expect(rows.filter((r) => r.channel === 'email').every((r) => r.status === 'sent')).toBe(true);
    // No SMS provider in this configuration: the SMS step is recorded per number as skipped, with why.
    const sms = await ownerQuery<{ status: string; last_error: string }>(t.db.url, `SELECT status, last_error FROM outbox WHERE kind = 'ladder' AND channel = 'sms'`);
    expect(sms).toEqual([
      { status: 'skipped', last_error: 'no SMS provider is configured (sms.provider)' },
      { status: 'skipped', last_error: 'no SMS provider is configured (sms.provider)' },
    ]);
  });

  it('escalates the one that did not acknowledge: to the county at the deadline, to the command center 2 h later', async () => {
    const plant = await t.http
      .post('/api/v1/users')
      .set('Authorization', admin)
      .send({ username: 'plant501', password: 'plant-password', role: 'enterprise', enterpriseCode: plantA.code })
      .expect(201);
    expect(plant.body.enterpriseCode).toBe(plantA.code);
    const token = await t.login('plant501', 'plant-password');
    const [order] = (await t.http.get('/api/v1/orders').set('Authorization', token).expect(200)).body.items;
    await t.http.post(`/api/v1/orders/${order.orderId}/versions/1/acknowledge`).set('Authorization', token).expect(200);

    clock.set('2026-12-10T12:01:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 1, stage2: 0, shiftLeader: 0 });
    await drain();
    const county = smtp.to('xiuwu-hbj@example.gov.cn');
    expect(county).toHaveLength(1);
    expect(county[0].text).toContain(plantB.name);
    expect(county[0].text).not.toContain(plantA.name);

    clock.set('2026-12-10T13:30:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 });
    clock.set('2026-12-10T14:01:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 1, shiftLeader: 0 });
    await drain();
    expect(smtp.to('duty@example.gov.cn')).toHaveLength(1);

    // What the version's ladder wrote: a channel nobody has (no officer mobile, no robot, no shift
    // leader yet) is a skipped row with its reason, not a failure; nothing failed.
    clock.set('2026-12-10T14:31:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 1 });
    await drain();
    const ladder = await ownerQuery<{ step: string; channel: string; recipient: string; status: string; last_error: string | null }>(
      t.db.url,
      `SELECT split_part(idempotency_key, ':', 3) AS step, channel, recipient, status, last_error FROM outbox
       WHERE kind = 'ladder' AND enterprise_code = $1 AND split_part(idempotency_key, ':', 3) LIKE 's_-%' AND split_part(idempotency_key, ':', 3) NOT LIKE 's0-%' ORDER BY id`,
      [plantB.code],
    );
    expect(ladder.map((r) => [r.step, r.channel, r.recipient, r.status])).toEqual([
      ['s1-deadline+0-county_officers', 'email', 'xiuwu-hbj@example.gov.cn', 'sent'],
      ['s1-deadline+0-county_officers', 'sms', '-', 'skipped'],
      ['s1-deadline+0-county_robot', 'robot', '-', 'skipped'],
      ['s2-stage2+0-command_center_robot', 'robot', '-', 'skipped'],
      ['s2-stage2+0-duty_officer', 'email', 'duty@example.gov.cn', 'sent'],
      ['s2-stage2+0-duty_officer', 'sms', '-', 'skipped'],
      ['s2-stage2+30-shift_leader', 'email', '-', 'skipped'],
      ['s2-stage2+30-shift_leader', 'sms', '-', 'skipped'],
    ]);
    expect(ladder.find((r) => r.step === 's1-deadline+0-county_robot')!.last_error).toContain('no robot configured for county 410821');
    expect(await ownerQuery(t.db.url, `SELECT id FROM outbox WHERE status = 'failed'`)).toEqual([]);

    const alerts = await t.http.get('/api/v1/alerts?kind=ack_overdue&status=open').set('Authorization', admin).expect(200);
    expect(alerts.body.items.map((a: { stage: number; enterpriseCode: string }) => [a.stage, a.enterpriseCode])).toEqual([
      [3, plantB.code],
      [2, plantB.code],
      [1, plantB.code],
    ]);
  });

  it('acknowledging late resolves the enterprise’s open alerts', async () => {
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'plant502', password: 'plant-password', role: 'enterprise', enterpriseCode: plantB.code }).expect(201);
    const token = await t.login('plant502', 'plant-password');
    const [order] = (await t.http.get('/api/v1/orders').set('Authorization', token).expect(200)).body.items;
    await t.http.post(`/api/v1/orders/${order.orderId}/versions/1/acknowledge`).set('Authorization', token).expect(200);
    const open = await t.http.get('/api/v1/alerts?status=open').set('Authorization', admin).expect(200);
    expect(open.body.items.filter((a: { enterpriseCode: string }) => a.enterpriseCode === plantB.code)).toEqual([]);
  });
});
