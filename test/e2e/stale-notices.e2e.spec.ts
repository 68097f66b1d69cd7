import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const plant = sampleEnterprise(901, { industry: 'coking', fuel: null, measures: { orange: [stop('L1')], red: [stop('L1'), stop('L2')] } });

describe('a version replaced before its notice went out is not sent', () => {
  let t: TestApp;
  let ds: DataSource;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    ds = t.app.get(getDataSourceToken());
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', await t.adminToken())
      .send({ enterprises: [plant] })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('orange then red, both "now", before delivery: one mail, for red; orange, whose interval is over, is skipped, not failed', async () => {
    const admin = await t.adminToken();
    const orange = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '橙色' })
      .expect(200);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'adjust', level: 'red', counties: ['修武县'], endsAt: null, basis: '红色' })
      .expect(200);
    const round = await t.app.get(DispatchWorker).drain();
    expect(round).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].subject).toContain('第2版');
    const rows = await ds.query('SELECT status, last_error FROM outbox ORDER BY id');
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['skipped', 'sent']);
    expect(rows[0].last_error).toContain('interval ended');
    const progress = await t.http.get(`/api/v1/directives/${orange.body.id}/progress`).set('Authorization', admin).expect(200);
    expect(progress.body.counties[0]).toMatchObject({ orders: 1, delivered: 0, failed: 0 });
  });
});
