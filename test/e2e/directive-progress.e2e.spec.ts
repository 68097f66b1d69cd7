import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { DirectiveProgressRepository } from '../../src/directives/directive-progress.repository.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const plants = [
  sampleEnterprise(701, { industry: 'coking', fuel: null, measures: { orange: [stop('L1')], red: [stop('L1'), stop('L2')] } }),
  sampleEnterprise(702, { industry: 'coking', fuel: null, measures: { orange: [stop('L1')], red: [stop('L1'), stop('L2')] } }),
  sampleEnterprise(703, { county: '博爱县', industry: 'chemical', fuel: null, measures: { orange: [stop('L1')], red: [stop('L1')] } }),
  // Nobody can reach it: no outbox row, so "failed" from the start.
  sampleEnterprise(704, {
    county: '博爱县',
    industry: 'chemical',
    fuel: null,
    contacts: [{ name: '赵六', role: 'env_officer', email: null, phone: '13900000000' }],
    measures: { orange: [stop('L2')] },
  }),
];

interface County {
  county: string;
  orders: number;
  delivered: number;
  failed: number;
  acknowledged: number;
  implemented: number;
  overdue: number;
  inForce: number;
  ahead: number;
  replaced: number;
}

describe('directive progress from the counters after delivery, acknowledgement, implementation and replacement (HTTP, PostgreSQL, SMTP)', () => {
  let t: TestApp;
  let admin: string;
  let ds: DataSource;
  let orangeId: string;
  const smtp = new SmtpSink();
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    admin = await t.adminToken();
    ds = t.app.get(getDataSourceToken());
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: plants }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** The answer of the route, checked against the progress recomputed from the orders at the same instant. */
  async function progress(id: string): Promise<Record<string, County>> {
    const res = await t.http.get(`/api/v1/directives/${id}/progress`).set('Authorization', admin).expect(200);
    const reference = await t.app.get(DirectiveProgressRepository).recompute(id, clock.now(), null);
    expect(res.body.counties).toEqual(reference);
    return Object.fromEntries(res.body.counties.map((c: County) => [c.county, c]));
  }

  it('counts the orders as issued: nothing delivered yet, the unreachable plant failed', async () => {
    const res = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县', '博爱县'], endsAt: null, basis: '会商' })
      .expect(200);
    orangeId = res.body.id;
    const p = await progress(orangeId);
    expect(p['修武县']).toMatchObject({ orders: 2, delivered: 0, failed: 0, acknowledged: 0, overdue: 0, inForce: 2, ahead: 0, replaced: 0 });
    expect(p['博爱县']).toMatchObject({ orders: 2, delivered: 0, failed: 1 });
  });

  it('counts deliveries once the worker has sent them', async () => {
    clock.set('2026-12-10T10:05:00+08:00');
    expect((await t.app.get(DispatchWorker).drain()).sent).toBe(3);
    const p = await progress(orangeId);
    expect(p['修武县']).toMatchObject({ delivered: 2, failed: 0 });
    expect(p['博爱县']).toMatchObject({ delivered: 1, failed: 1 });
  });

  it('counts an acknowledgement and an implementation made through the API', async () => {
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'p701', password: 'plant-password-701', role: 'enterprise', enterpriseCode: plants[0].code }).expect(201);
    const plant = await t.login('p701', 'plant-password-701');
    const [{ orderId }] = (await t.http.get('/api/v1/orders').set('Authorization', plant).expect(200)).body.items;
    await t.http.post(`/api/v1/orders/${orderId}/versions/1/acknowledge`).set('Authorization', plant).expect(200);
    await t.http
      .post(`/api/v1/orders/${orderId}/versions/1/implementation`)
      .set('Authorization', plant)
      .send({ lines: [{ line: 'L1', stoppedAt: '2026-12-10T10:04:00+08:00' }] })
      .expect(200);
    const p = await progress(orangeId);
    expect(p['修武县']).toMatchObject({ acknowledged: 1, implemented: 1 });
  });

  it('counts the overdue exactly, within the minute of the deadline and after it', async () => {
    const [{ deadline }] = await ds.query(`SELECT min(ack_deadline) AS deadline FROM order_versions WHERE directive_id = $1 AND acknowledged_at IS NULL`, [orangeId]);
    clock.set(new Date(new Date(deadline).getTime() - 1));
    const before = await progress(orangeId);
    clock.set(new Date(new Date(deadline).getTime() + 1));
    const just = await progress(orangeId);
    expect(Object.values(just).reduce((n, c) => n + c.overdue, 0)).toBeGreaterThan(Object.values(before).reduce((n, c) => n + c.overdue, 0));
    clock.set('2026-12-10T14:00:00+08:00');
    const p = await progress(orangeId);
    expect(p['修武县'].overdue).toBe(1);
    expect(p['博爱县'].overdue).toBe(2);
  });

  it('counts versions replaced, in force and ahead when a later directive takes over', async () => {
    const red = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'adjust', level: 'red', counties: ['修武县'], startsAt: '2026-12-10T16:00:00+08:00', endsAt: null, basis: '升级' })
      .expect(200);
    const p = await progress(orangeId);
    expect(p['修武县']).toMatchObject({ orders: 2, inForce: 2, replaced: 0 });
    const r = await progress(red.body.id);
    expect(r['修武县']).toMatchObject({ orders: 2, inForce: 0, ahead: 2 });
    clock.set('2026-12-10T16:30:00+08:00');
    expect((await progress(orangeId))['修武县']).toMatchObject({ inForce: 0 });
    expect((await progress(red.body.id))['修武县']).toMatchObject({ inForce: 2, ahead: 0 });
  });
});
