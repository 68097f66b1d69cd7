import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusReportsService } from '../../src/acknowledgements/status-reports.service.js';
import { ControllableClock } from '../../src/scheduling/clock.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const a = sampleEnterprise(701, { industry: 'coking', fuel: null, measures: { orange: [stop('L1')] } });
const b = sampleEnterprise(702, { industry: 'coking', fuel: null, measures: { orange: [stop('L1')] } });

describe('twice-daily status reports during a warning (controllable clock)', () => {
  let t: TestApp;
  let admin: string;
  let plant: string;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await t.adminToken();
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: [a, b] }).expect(200);
    await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '橙色预警' }).expect(200);
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'plant701', password: 'plant-password', role: 'enterprise', enterpriseCode: a.code }).expect(201);
    plant = await t.login('plant701', 'plant-password');
  });
  afterAll(() => t.close());

  it('a report filed at 16:00 answers the 17:00 report time; a second one replaces it', async () => {
    clock.set('2026-12-10T16:00:00+08:00');
    const first = await t.http.post('/api/v1/status-reports').set('Authorization', plant).send({ lines: [{ line: 'L1', state: 'stopped' }, { line: 'L2', state: 'running' }] }).expect(201);
    expect(first.body.slot).toBe('2026-12-10T09:00:00.000Z');
    await t.http.post('/api/v1/status-reports').set('Authorization', plant).send({ lines: [{ line: 'L1', state: 'stopped' }], note: '更正' }).expect(201);
    const list = await t.http.get('/api/v1/status-reports').set('Authorization', admin).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ enterpriseCode: a.code, note: '更正' });
  });

  it('rejects lines the enterprise does not have', async () => {
    const res = await t.http.post('/api/v1/status-reports').set('Authorization', plant).send({ lines: [{ line: 'L7', state: 'stopped' }] }).expect(422);
    expect(res.body.error.message).toContain('L7');
    await t.http.post('/api/v1/status-reports').set('Authorization', plant).send({ lines: [{ line: 'L1', state: 'sleeping' }] }).expect(400);
  });

  it('after 17:00 the enterprise that did not report is flagged to its county, once', async () => {
    clock.set('2026-12-10T17:01:00+08:00');
    expect(await t.app.get(StatusReportsService).checkMissing()).toEqual({ missing: 1 });
    expect(await t.app.get(StatusReportsService).checkMissing()).toBeNull();
    const alerts = await t.http.get('/api/v1/alerts?kind=report_missing').set('Authorization', admin).expect(200);
    expect(alerts.body.items.map((x: { enterpriseCode: string; county: string }) => [x.enterpriseCode, x.county])).toEqual([[b.code, '修武县']]);
  });

  it('two hours later a report still missing goes to the command center, once', async () => {
    const reports = t.app.get(StatusReportsService);
    clock.set('2026-12-10T18:30:00+08:00');
    expect(await reports.escalateMissing()).toEqual({ escalated: 0 });
    clock.set('2026-12-10T19:10:00+08:00');
    expect(await reports.escalateMissing()).toEqual({ escalated: 1 });
    clock.set('2026-12-10T19:20:00+08:00');
    expect(await reports.escalateMissing()).toEqual({ escalated: 0 });
    const alerts = await t.http.get('/api/v1/alerts?kind=report_missing&status=open').set('Authorization', admin).expect(200);
    expect(alerts.body.items.map((x: { stage: number; enterpriseCode: string }) => [x.stage, x.enterpriseCode])).toEqual([
      [2, b.code],
      [1, b.code],
    ]);
  });
});
