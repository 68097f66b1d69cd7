import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectiveJobsService } from '../../src/directives/directive-jobs.service.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { ControllableClock } from '../../src/common/clock.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const kiln = sampleEnterprise(601); // cement in 修武县
const brick = sampleEnterprise(602, { county: '温县', industry: 'brick_tile', process: 'sintered', fuel: null, measures: {} });
const chemical = sampleEnterprise(603, {
  industry: 'chemical',
  fuel: null,
  measures: { blue: [{ line: 'L2', action: 'limit', maxLoadPercent: 50 }], yellow: [{ line: 'L1', action: 'stop', maxLoadPercent: null }] },
});

describe('directives nobody types: season phases ahead of time, levels reaching their end (controllable clock)', () => {
  let t: TestApp;
  let ds: DataSource;
  let jobs: DirectiveJobsService;
  const smtp = new SmtpSink();
  const clock = new ControllableClock(new Date('2026-10-20T09:00:00+08:00'));

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    ds = t.app.get(getDataSourceToken());
    jobs = t.app.get(DirectiveJobsService);
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', await t.adminToken())
      .send({ enterprises: [kiln, brick, chemical] })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('nothing is directed more than 7 days before a phase', async () => {
    expect(await jobs.issueSeasonDirectives()).toEqual([]);
  });

  it('7 days before Nov 1 the kiln full stop is directed once, effective at local midnight, with 72 h to acknowledge', async () => {
    clock.set('2026-10-26T00:10:00+08:00');
    const first = await jobs.issueSeasonDirectives();
    expect(first.map((d) => d.kind)).toEqual(['season']);
    expect(first[0].startsAt).toBe('2026-10-31T16:00:00.000Z');
    expect(first[0].summary.totals.orders).toBe(1);
    const [v] = await ds.query('SELECT enterprise_code, phase, ack_deadline, effective_from FROM order_versions');
    expect(v).toMatchObject({ enterprise_code: kiln.code, phase: 'full_stop' });
    expect(new Date(v.ack_deadline).toISOString()).toBe('2026-10-28T16:10:00.000Z');
    expect(await jobs.issueSeasonDirectives()).toEqual([]);
    await t.app.get(DispatchWorker).drain();
    expect(smtp.to('env601@example.com')).toHaveLength(1);
  });

  it('after downtime the missed boundaries are caught up, each once, for the enterprises of each group only', async () => {
    clock.set('2026-11-20T08:00:00+08:00');
    const caught = await jobs.issueSeasonDirectives();
    const keys = (await ds.query('SELECT season_key FROM directives WHERE season_key IS NOT NULL ORDER BY season_key')).map((r: { season_key: string }) => r.season_key);
    expect(keys).toContain('2026-2027/sintered_brick/full_stop');
    expect(keys).not.toContain('2026-2027/kiln/limit'); // Feb 1 is more than 7 days away
    expect(caught.reduce((n, d) => n + d.summary.totals.orders, 0)).toBe(1);
    const versions = await ds.query('SELECT enterprise_code FROM order_versions ORDER BY created_at');
    expect(versions.map((v: { enterprise_code: string }) => v.enterprise_code)).toEqual([kiln.code, brick.code]);
    expect(await jobs.issueSeasonDirectives()).toEqual([]);
  });

  it('a blue level expires by itself at its end time; orders it imposed end', async () => {
    const admin = await t.adminToken();
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'blue', counties: ['修武县'], endsAt: '2026-11-20T20:00:00+08:00', basis: '蓝色预警' })
      .expect(200);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM orders WHERE enterprise_code = $1 AND status = 'open'`, [chemical.code]);
    expect(n).toBe(1);
    clock.set('2026-11-20T19:59:00+08:00');
    expect(await jobs.expireLevels()).toEqual([]);
    clock.set('2026-11-20T20:00:30+08:00');
    const [expired] = await jobs.expireLevels();
    expect(expired).toMatchObject({ kind: 'expire', counties: ['修武县'] });
    const [order] = await ds.query(`SELECT status FROM orders WHERE enterprise_code = $1`, [chemical.code]);
    expect(order.status).toBe('ended');
    expect(await jobs.expireLevels()).toEqual([]);
  });

  it('yellow ends at its stated end time too (as a lift), never before', async () => {
    const admin = await t.adminToken();
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'yellow', counties: ['修武县'], endsAt: '2026-11-22T12:00:00+08:00', basis: '黄色预警' })
      .expect(200);
    clock.set('2026-11-22T11:00:00+08:00');
    expect(await jobs.expireLevels()).toEqual([]);
    clock.set('2026-11-22T12:01:00+08:00');
    const [ended] = await jobs.expireLevels();
    expect(ended.counties).toEqual(['修武县']);
    const levels = await t.http.get('/api/v1/directives/levels').set('Authorization', admin).expect(200);
    expect(levels.body.find((l: { county: string }) => l.county === '修武县')).toMatchObject({ levelNow: 'none', directed: null });
  });

  it('an enterprise registered after the season directive gets its order from the reconciliation, once', async () => {
    const late = sampleEnterprise(604, { county: '孟州市' }); // another cement plant
    await t.http
      .post('/api/v1/enterprises')
      .set('Authorization', await t.adminToken())
      .send(late)
      .expect(201);
    const result = await jobs.reconcile();
    expect(result).toMatchObject({ kind: 'reconcile' });
    expect(result!.summary.totals.orders).toBe(1);
    const [v] = await ds.query('SELECT phase, lines FROM order_versions WHERE enterprise_code = $1', [late.code]);
    expect(v.phase).toBe('full_stop');
    expect(v.lines.every((l: { action: string }) => l.action === 'stop')).toBe(true);
    expect(await jobs.reconcile()).toBeNull();
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM directives WHERE kind = 'reconcile'`);
    expect(n).toBe(1);
  });

  it('deactivating an enterprise ends its open order at the next reconciliation, once', async () => {
    const code = sampleEnterprise(604).code;
    await t.http
      .post(`/api/v1/enterprises/${code}/deactivate`)
      .set('Authorization', await t.adminToken())
      .expect(200);
    const result = await jobs.reconcile();
    expect(result!.summary.totals).toMatchObject({ orders: 1, ended: 1 });
    const [order] = await ds.query('SELECT status FROM orders WHERE enterprise_code = $1', [code]);
    expect(order.status).toBe('ended');
    expect(await jobs.reconcile()).toBeNull();
  });
});
