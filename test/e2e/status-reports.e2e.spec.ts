import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusReportsService } from '../../src/acknowledgements/status-reports.service.js';
import { ControllableClock } from '../../src/common/clock.js';
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
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [a, b] })
      .expect(200);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '橙色预警' })
      .expect(200);
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'plant701', password: 'plant-password', role: 'enterprise', enterpriseCode: a.code }).expect(201);
    plant = await t.login('plant701', 'plant-password');
  });
  afterAll(() => t.close());

  it('a report filed at 16:00 answers the 17:00 report time; a correction is a new report and the latest counts', async () => {
    clock.set('2026-12-10T16:00:00+08:00');
    const first = await t.http
      .post('/api/v1/status-reports')
      .set('Authorization', plant)
      .send({
        lines: [
          { line: 'L1', state: 'stopped' },
          { line: 'L2', state: 'running' },
        ],
      })
      .expect(201);
    expect(first.body).toMatchObject({ slot: '2026-12-10T09:00:00.000Z', discrepancies: [], corrects: null });
    clock.set('2026-12-10T16:10:00+08:00');
    const second = await t.http
      .post('/api/v1/status-reports')
      .set('Authorization', plant)
      .send({
        lines: [
          { line: 'L1', state: 'stopped' },
          { line: 'L2', state: 'stopped' },
        ],
        note: '更正',
      })
      .expect(201);
    expect(second.body.corrects).toBe(first.body.id);
    const list = await t.http.get('/api/v1/status-reports').set('Authorization', admin).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ id: second.body.id, enterpriseCode: a.code, note: '更正', latest: true });
    const history = await t.http.get('/api/v1/status-reports?history=true').set('Authorization', admin).expect(200);
    expect(history.body.map((r: { id: string; latest: boolean }) => [r.id, r.latest])).toEqual([
      [second.body.id, true],
      [first.body.id, false],
    ]);
  });

  it('rejects lines the enterprise does not have, and a report that leaves out a line of the order', async () => {
    const res = await t.http
      .post('/api/v1/status-reports')
      .set('Authorization', plant)
      .send({ lines: [{ line: 'L7', state: 'stopped' }] })
      .expect(422);
    expect(res.body.error.message).toContain('L7');
    await t.http
      .post('/api/v1/status-reports')
      .set('Authorization', plant)
      .send({ lines: [{ line: 'L1', state: 'sleeping' }] })
      .expect(400);
    const partial = await t.http
      .post('/api/v1/status-reports')
      .set('Authorization', plant)
      .send({ lines: [{ line: 'L1', state: 'stopped' }] })
      .expect(422);
    expect(partial.body.error.message).toContain('missing: L2');
    expect(partial.body.error.details).toEqual({ missingLines: ['L2'] });
    await t.http
      .post('/api/v1/status-reports')
      .set('Authorization', plant)
      .send({
        lines: [
          { line: 'L1', state: 'stopped' },
          { line: 'L1', state: 'running' },
          { line: 'L2', state: 'running' },
        ],
      })
      .expect(422);
    // Nothing half-written: still the two reports of the first test.
    expect((await t.http.get('/api/v1/status-reports?history=true').set('Authorization', admin).expect(200)).body).toHaveLength(2);
  });

  it('a report that a line runs where the order says stop raises an alert to the county and counts in the daily report', async () => {
    clock.set('2026-12-10T16:30:00+08:00');
    const res = await t.http
      .post('/api/v1/status-reports')
      .set('Authorization', plant)
      .send({
        lines: [
          { line: 'L1', state: 'limited', loadPercent: 40 },
          { line: 'L2', state: 'running' },
        ],
      })
      .expect(201);
    expect(res.body.discrepancies).toEqual([expect.objectContaining({ line: 'L1', required: 'stop', reported: 'limited:40' })]);
    const alerts = await t.http.get('/api/v1/alerts?kind=report_discrepancy').set('Authorization', admin).expect(200);
    expect(alerts.body.items).toEqual([expect.objectContaining({ county: '修武县', enterpriseCode: a.code, stage: 1 })]);
    expect(alerts.body.items[0].message).toContain('指令要求停产，企业报告为限产运行（负荷40%）');
    const daily = await t.http.get('/api/v1/reports/daily?date=2026-12-10').set('Authorization', admin).expect(200);
    expect(daily.body.counties.find((c: { county: string }) => c.county === '修武县').reportDiscrepancies).toBe(1);
    expect(daily.body.totals.reportDiscrepancies).toBe(1);
    const csv = await t.http.get('/api/v1/reports/daily?date=2026-12-10&format=csv').set('Authorization', admin).expect(200);
    expect(csv.text.split('\r\n')[0]).toContain('报告与指令不符');
    // A correction saying stopped takes the figure back; the alert stays for the county to close.
    clock.set('2026-12-10T16:40:00+08:00');
    await t.http
      .post('/api/v1/status-reports')
      .set('Authorization', plant)
      .send({
        lines: [
          { line: 'L1', state: 'stopped' },
          { line: 'L2', state: 'running' },
        ],
      })
      .expect(201);
    expect((await t.http.get('/api/v1/reports/daily?date=2026-12-10').set('Authorization', admin).expect(200)).body.totals.reportDiscrepancies).toBe(0);
    expect((await t.http.get('/api/v1/alerts?kind=report_discrepancy').set('Authorization', admin).expect(200)).body.total).toBe(1);
  });

  it('the enterprise reads only its own reports', async () => {
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'plant702', password: 'plant-password', role: 'enterprise', enterpriseCode: b.code }).expect(201);
    const other = await t.login('plant702', 'plant-password');
    expect((await t.http.get('/api/v1/status-reports').set('Authorization', other).expect(200)).body).toEqual([]);
    const mine = await t.http.get('/api/v1/status-reports?history=true').set('Authorization', plant).expect(200);
    expect(mine.body).toHaveLength(4);
    expect(mine.body.every((r: { enterpriseCode: string }) => r.enterpriseCode === a.code)).toBe(true);
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
