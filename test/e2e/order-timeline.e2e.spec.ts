import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackLink } from '../../src/acknowledgements/ack-link.js';
import { ConfigService } from '../../src/config/config.service.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { loadVersionViews } from '../../src/orders/order-view.js';
import { ControllableClock } from '../../src/common/clock.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ackPageText, ackPathIn } from '../support/ack-page-text.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
// Coking is in no season group: what it must do comes from the levels alone.
const plant = sampleEnterprise(951, { code: codeFor(951, '410825'), county: '温县', industry: 'coking', fuel: null, measures: { orange: [stop('L1')], red: [stop('L1'), stop('L2')] } });
const other = sampleEnterprise(952, { code: codeFor(952, '410883'), county: '孟州市', industry: 'coking', fuel: null, measures: { orange: [stop('L1')], red: [stop('L1'), stop('L2')] } });

const H = 3_600_000;
const T0 = new Date('2026-12-10T10:00:00+08:00');
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

describe('orders are a timeline: orange now, red in 1 h, lift in 2 h, all issued within a minute (HTTP, PostgreSQL, SMTP)', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  const smtp = new SmtpSink();
  const clock = new ControllableClock(T0);
  const directive = (body: Record<string, unknown>) =>
    t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ basis: '市气象台会商：AQI 持续上升', ...body });
  const drain = () => t.app.get(DispatchWorker).drain();
  const ids: string[] = [];

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    ds = t.app.get(getDataSourceToken());
    admin = await t.adminToken();
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [plant, other] })
      .expect(200);
    await t.http.post('/api/v1/teams').set('Authorization', admin).send({ key: 'team-wx', name: '温县督导组', homeCounty: '孟州市' }).expect(201);
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'wenxian', password: 'wenxian-pass-1', role: 'county_officer', county: '温县' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('issues the three directives in one minute; each becomes a version with its own interval', async () => {
    ids.push((await directive({ action: 'issue', level: 'orange', counties: ['温县'], endsAt: null }).expect(200)).body.id);
    clock.advance(20_000);
    ids.push((await directive({ action: 'adjust', level: 'red', counties: ['温县'], startsAt: at(H), endsAt: null }).expect(200)).body.id);
    clock.advance(20_000);
    ids.push((await directive({ action: 'lift', counties: ['温县'], startsAt: at(2 * H) }).expect(200)).body.id);
    const versions = await ds.query('SELECT modification, status, ends, level, effective_from, effective_to FROM order_versions WHERE enterprise_code = $1 ORDER BY modification', [plant.code]);
    expect(
      versions.map((v: { modification: number; status: string; ends: boolean; level: string; effective_from: Date; effective_to: Date | null }) => [
        v.modification,
        v.status,
        v.level,
        v.ends,
        v.effective_from.toISOString(),
        v.effective_to?.toISOString() ?? null,
      ]),
    ).toEqual([
      [1, 'current', 'orange', false, at(0), at(H)],
      [2, 'current', 'red', false, at(H), at(2 * H)],
      [3, 'current', 'none', true, at(2 * H), null],
    ]);
  });

  it('the enterprise receives all three notices, in order of start, each stating its interval; deadlines count from delivery', async () => {
    clock.advance(20_000);
    const round = await drain();
    expect(round).toMatchObject({ sent: 3, failed: 0 });
    const mails = smtp.to('env951@example.com');
    expect(mails.map((m) => /第(\d)版/.exec(m.subject ?? '')![1])).toEqual(['1', '2', '3']);
    expect(mails[0].text).toContain('执行时间：自 12月10日 10:00 起至 11:00');
    expect(mails[1].text).toContain('执行时间：自 12月10日 11:00 起至 12:00');
    expect(mails[2].text).toContain('执行时间：自 12月10日 12:00 起，直至解除');
    const rows = await ds.query('SELECT modification, created_at, notified_at, ack_deadline FROM order_versions WHERE enterprise_code = $1 ORDER BY modification', [plant.code]);
    for (const r of rows) {
      expect(r.notified_at.toISOString()).toBe(clock.now().toISOString());
      // 2 h from when it was sent, not from when it was issued.
      expect(r.ack_deadline.getTime()).toBe(r.notified_at.getTime() + 2 * H);
    }
    for (const id of ids.slice(0, 2)) {
      const progress = await t.http.get(`/api/v1/directives/${id}/progress`).set('Authorization', admin).expect(200);
      expect(progress.body.counties[0]).toMatchObject({ county: '温县', orders: 1, delivered: 1, failed: 0, replaced: 0 });
    }
  });

  it('the levels endpoint says orange now and red next, with times', async () => {
    const levels = await t.http.get('/api/v1/directives/levels').set('Authorization', admin).expect(200);
    const wen = levels.body.find((l: { county: string }) => l.county === '温县');
    expect(wen).toMatchObject({ levelNow: 'orange', levelNowUntil: at(H) });
    expect(wen.next).toEqual([
      { level: 'red', from: at(H), to: at(2 * H) },
      { level: 'none', from: at(2 * H), to: null },
    ]);
  });

  it('the county order list and orders.csv show the enterprise while orange is in force, and what comes next', async () => {
    const county = await t.login('wenxian', 'wenxian-pass-1');
    const inForce = await t.http.get('/api/v1/orders?inForceOnly=true').set('Authorization', county).expect(200);
    expect(inForce.body.items.map((i: { enterprise: { code: string }; modification: number; state: string }) => [i.enterprise.code, i.modification, i.state])).toEqual([[plant.code, 1, 'in_force']]);
    const all = await t.http.get('/api/v1/orders').set('Authorization', county).expect(200);
    expect(all.body.items.map((i: { modification: number; state: string }) => [i.modification, i.state])).toEqual([
      [1, 'in_force'],
      [2, 'ahead'],
    ]);
    const csv = await t.http.get('/api/v1/exports/orders.csv').set('Authorization', county).expect(200);
    const lines = csv.text.split('\n').filter((l) => l.includes(plant.code));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('执行中');
    expect(lines[1]).toContain('未生效');
  });

  it('the link of the red version, still ahead, says when it starts', async () => {
    const page = await ackPageText(t.http, ackPathIn(smtp.to('env951@example.com')[1].text ?? ''));
    expect(page.model.timeline?.state).toBe('ahead');
    expect(page.text).toContain('本版指令尚未生效：自 12月10日 11:00 起至 12:00');
  });

  it('a finding during the red hour is judged against red; an hour after the lift the same sight is compliant', async () => {
    clock.set(at(1.5 * H));
    const task = await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: plant.code, team: 'team-wx', reason: '红色预警期间抽查' }).expect(201);
    const red = await t.http
      .post(`/api/v1/tasks/${task.body.id}/findings`)
      .set('Authorization', admin)
      .send({ lineCode: 'L2', observedState: 'running', observedAt: at(1.25 * H) })
      .expect(201);
    expect(red.body.verdict).toBe('violation');
    const [judged] = await ds.query('SELECT v.modification, v.level FROM findings f JOIN order_versions v ON v.id = f.order_version_id WHERE f.id = $1', [red.body.id]);
    expect(judged).toEqual({ modification: 2, level: 'red' });
    clock.set(at(3.1 * H));
    const after = await t.http
      .post(`/api/v1/tasks/${task.body.id}/findings`)
      .set('Authorization', admin)
      .send({ lineCode: 'L2', observedState: 'running', observedAt: at(3 * H) })
      .expect(201);
    expect(after.body.verdict).toBe('compliant');
  });

  it('a directive backdated by 12 days and a finding dated tomorrow answer 422 naming field, value and range', async () => {
    const now = clock.now();
    const backdated = new Date(now.getTime() - 12 * 24 * H).toISOString();
    const res = await directive({ action: 'issue', level: 'orange', counties: ['孟州市'], startsAt: backdated, endsAt: null }).expect(422);
    expect(res.body.error.details).toEqual([
      {
        field: 'startsAt',
        value: backdated,
        allowed: { from: new Date(now.getTime() - 15 * 60_000).toISOString(), to: new Date(now.getTime() + 30 * 24 * H).toISOString() },
        message: expect.stringContaining('15 min'),
      },
    ]);
    const tooFar = await directive({ action: 'issue', level: 'orange', counties: ['孟州市'], startsAt: new Date(now.getTime() + 31 * 24 * H).toISOString(), endsAt: null }).expect(422);
    expect(tooFar.body.error.details[0].field).toBe('startsAt');
    expect(await ds.query(`SELECT 1 FROM directives WHERE '孟州市' = ANY(counties)`)).toEqual([]);

    const task = await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: plant.code, team: 'team-wx', reason: '复查' }).expect(201);
    const tomorrow = new Date(now.getTime() + 24 * H).toISOString();
    const finding = await t.http.post(`/api/v1/tasks/${task.body.id}/findings`).set('Authorization', admin).send({ lineCode: 'L1', observedState: 'running', observedAt: tomorrow }).expect(422);
    expect(finding.body.error.details).toEqual([
      {
        field: 'observedAt',
        value: tomorrow,
        allowed: { from: new Date(now.getTime() - 30 * 24 * H).toISOString(), to: new Date(now.getTime() + 2 * 60_000).toISOString() },
        message: expect.stringContaining('future'),
      },
    ]);
    const reading = await t.http
      .post('/api/v1/power-readings')
      .set('Authorization', admin)
      .send({ readings: [{ enterpriseCode: plant.code, lineCode: 'L1', at: tomorrow, kw: 10 }] })
      .expect(422);
    expect(reading.body.error.details[0]).toMatchObject({ field: 'at', value: tomorrow });
  });

  it('a version replaced before its start is never sent; its link says which version replaced it', async () => {
    const start = new Date(clock.now().getTime() + H).toISOString();
    await directive({ action: 'issue', level: 'orange', counties: ['孟州市'], startsAt: start, endsAt: null }).expect(200);
    clock.advance(10_000);
    await directive({ action: 'adjust', level: 'red', counties: ['孟州市'], startsAt: start, endsAt: null }).expect(200);
    const versions: Array<{ id: string; modification: number; status: string }> = await ds.query(
      'SELECT id, modification, status FROM order_versions WHERE enterprise_code = $1 ORDER BY modification',
      [other.code],
    );
    expect(versions.map((v) => [v.modification, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'current'],
    ]);
    await drain();
    expect(smtp.to('env952@example.com').map((m) => /第(\d)版/.exec(m.subject ?? '')![1])).toEqual(['2']);
    const [skipped] = await ds.query('SELECT status, last_error FROM outbox WHERE order_version_id = $1', [versions[0].id]);
    expect(skipped.status).toBe('skipped');
    const view = (await loadVersionViews(ds.manager, [versions[0].id])).get(versions[0].id)!;
    expect(view.replacedBy).toMatchObject({ modification: 2 });
    const link = ackLink(t.app.get(ConfigService), view, clock.now());
    const page = await ackPageText(t.http, new URL(link.url).pathname);
    expect(page.model.timeline).toMatchObject({ state: 'replaced', replacedBy: { modification: 2 } });
    expect(page.text).toContain('生效前已被第2版替代');
  });
});
