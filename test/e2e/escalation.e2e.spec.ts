import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckEscalationService } from '../../src/acknowledgements/ack-escalation.service.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { ControllableClock } from '../../src/common/clock.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const plantA = sampleEnterprise(501, { industry: 'coking', fuel: null, measures: { orange: [stop('L1')] } });
const plantB = sampleEnterprise(502, { industry: 'coking', fuel: null, measures: { orange: [stop('L2')] } });

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

  it('does nothing before the reminder window (deadline 12:00, reminder 30 min before)', async () => {
    clock.set('2026-12-10T11:20:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 });
  });

  it('reminds each enterprise once, in the window; the same minute never runs twice', async () => {
    clock.set('2026-12-10T11:35:00+08:00');
    expect(await run()).toEqual({ reminders: 2, stage1: 0, stage2: 0, shiftLeader: 0 });
    expect(await run()).toBeNull(); // this minute's slot already ran
    clock.set('2026-12-10T11:36:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 });
    await drain();
    const reminders = smtp.messages.filter((m) => (m.subject ?? '').includes('提醒'));
    expect(reminders.map((m) => (Array.isArray(m.to) ? '' : m.to?.text)).sort()).toEqual(['env501@example.com', 'env502@example.com']);
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

    const alerts = await t.http.get('/api/v1/alerts?kind=ack_overdue&status=open').set('Authorization', admin).expect(200);
    expect(alerts.body.items.map((a: { stage: number; enterpriseCode: string }) => [a.stage, a.enterpriseCode])).toEqual([
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
