import { createHash } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { ControllableClock } from '../../src/common/clock.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const COUNTIES = ['修武县', '博爱县', '温县', '孟州市'];
// Forty coking plants over four counties; orange stops L1 everywhere.
const plants = Array.from({ length: 40 }, (_, i) => sampleEnterprise(800 + i, { code: codeFor(800 + i), county: COUNTIES[i % 4], industry: 'coking', fuel: null, measures: { orange: [stop('L1')] } }));
// A 1×1 PNG that decodes (evidence is decoded before it is stored).
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' + '0000000970485973000003e8000003e801b57b526b0000000d49444154089963f8cfc0f01f00050001ffabce36890000000049454e44ae426082',
  'hex',
);

describe('inspection and compliance (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let ds: DataSource;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const tokens: Record<string, string> = {};
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    admin = await t.adminToken();
    ds = t.app.get(getDataSourceToken());
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: plants }).expect(200);
    // Baseline power before the order: L1 of plant 0 draws about 1,000 kW.
    const readings = [1, 2, 3, 4].map((d) => ({ enterpriseCode: plants[0].code, lineCode: 'L1', at: `2026-12-0${d}T12:00:00+08:00`, kw: 1000 + d }));
    await t.http.post('/api/v1/power-readings').set('Authorization', admin).send({ readings }).expect(201);
    await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', counties: COUNTIES, endsAt: null, basis: '橙色预警' }).expect(200);
    // The orders are e-mailed: the proof of notice that a penalty needs.
    await t.app.get(DispatchWorker).drain();
    for (const [key, county] of [
      ['team-xw', '修武县'],
      ['team-ba', '博爱县'],
      ['team-wx', '温县'],
      ['team-mz', '孟州市'],
    ]) {
      await t.http
        .post('/api/v1/teams')
        .set('Authorization', admin)
        .send({ key, name: `${county}督导组`, homeCounty: county })
        .expect(201);
      await t.http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ username: `insp-${key}`, password: 'inspector-pass', role: 'inspector', team: key })
        .expect(201);
      tokens[key] = await t.login(`insp-${key}`, 'inspector-pass');
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  let drawId: string;

  it('draws reproducibly from a recorded seed, never sending a team to its own county', async () => {
    const res = await t.http.post('/api/v1/draws').set('Authorization', admin).send({ size: 12, seed: '2026-12-10 会商' }).expect(201);
    drawId = res.body.id;
    expect(res.body.seed).toBe('2026-12-10 会商');
    expect(res.body.list).toHaveLength(12);
    const homeOf: Record<string, string> = { 'team-xw': '修武县', 'team-ba': '博爱县', 'team-wx': '温县', 'team-mz': '孟州市' };
    for (const pick of res.body.list) expect(homeOf[pick.team]).not.toBe(pick.county);
    expect(Object.values(res.body.allocation as Record<string, number>)).toEqual([3, 3, 3, 3]);
    const verify = await t.http.post(`/api/v1/draws/${drawId}/verify`).set('Authorization', admin).expect(200);
    expect(verify.body).toMatchObject({ reproduced: true, picks: 12 });
    const again = await t.http.post('/api/v1/draws').set('Authorization', admin).send({ size: 12, seed: '2026-12-10 会商' }).expect(201);
    expect(again.body.list.map((p: { enterpriseCode: string; team: string }) => [p.enterpriseCode, p.team])).toEqual(
      res.body.list.map((p: { enterpriseCode: string; team: string }) => [p.enterpriseCode, p.team]),
    );
    const other = await t.http.post('/api/v1/draws').set('Authorization', admin).send({ size: 12, seed: 'another seed' }).expect(201);
    expect(other.body.list.map((p: { enterpriseCode: string }) => p.enterpriseCode)).not.toEqual(res.body.list.map((p: { enterpriseCode: string }) => p.enterpriseCode));
    await t.http.post('/api/v1/draws').set('Authorization', admin).send({ size: 41 }).expect(422);
  });

  it('an inspector sees only the team’s tasks; another team’s task answers 404', async () => {
    const mine = await t.http.get('/api/v1/tasks').set('Authorization', tokens['team-xw']).expect(200);
    expect(mine.body.length).toBeGreaterThan(0);
    expect(mine.body.every((x: { team: string }) => x.team === 'team-xw')).toBe(true);
    const theirs = (await t.http.get('/api/v1/tasks').set('Authorization', tokens['team-ba']).expect(200)).body[0];
    await t.http.get(`/api/v1/tasks/${theirs.id}`).set('Authorization', tokens['team-xw']).expect(404);
    await t.http
      .post(`/api/v1/tasks/${theirs.id}/findings`)
      .set('Authorization', tokens['team-xw'])
      .send({ lineCode: 'L1', observedState: 'running', observedAt: '2026-12-10T10:00:00+08:00' })
      .expect(404);
    const detail = await t.http.get(`/api/v1/tasks/${theirs.id}`).set('Authorization', tokens['team-ba']).expect(200);
    expect(detail.body.order.lines.find((l: { code: string }) => l.code === 'L1')).toMatchObject({ action: 'stop' });
  });

  let violationId: string;

  it('a line running where the order says stop is a violation and ¥100,000 on the right county’s ledger', async () => {
    const target = plants[1]; // 博爱县
    const task = await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: target.code, team: 'team-xw', reason: '群众举报夜间生产' }).expect(201);
    clock.set('2026-12-10T22:45:00+08:00');
    const res = await t.http
      .post(`/api/v1/tasks/${task.body.id}/findings`)
      .set('Authorization', tokens['team-xw'])
      .send({ lineCode: 'L1', observedState: 'running', observedAt: '2026-12-10T22:40:00+08:00', powerKw: 980, lat: 35.2, lng: 113.1, notes: '窑头有明火' })
      .expect(201);
    violationId = res.body.id;
    expect(res.body).toMatchObject({ verdict: 'violation', penalty: { item: 'producing_when_should_stop', amount: 100000 } });
    expect(res.body.reason).toContain('51');
    const ledger = await t.http.get('/api/v1/ledger?month=2026-12').set('Authorization', admin).expect(200);
    expect(ledger.body.items).toEqual([expect.objectContaining({ county: '博爱县', enterpriseCode: target.code, amount: 100000, findingId: violationId, orderVersionId: res.body.orderVersionId })]);
    expect(ledger.body.total).toBe(100000);
    // The entry cites its proof of notice: the version and the e-mail that delivered it.
    expect(ledger.body.items[0].evidence).toMatchObject({
      orderVersionId: res.body.orderVersionId,
      modification: 1,
      delivered: { channel: 'email', recipient: 'env801@example.com' },
      acknowledgedAt: null,
    });

    const fake = await t.http.post(`/api/v1/findings/${violationId}/evidence`).set('Authorization', tokens['team-xw']).set('Content-Type', 'image/png').send(Buffer.from('not a png')).expect(422);
    expect(fake.body.error.message).toContain('image/png');
    await t.http.post(`/api/v1/findings/${violationId}/evidence`).set('Authorization', tokens['team-xw']).set('Content-Type', 'application/pdf').send(PNG).expect(415);
    const photo = await t.http.post(`/api/v1/findings/${violationId}/evidence`).set('Authorization', tokens['team-xw']).set('Content-Type', 'image/png').send(PNG).expect(201);
    expect(photo.body.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    const back = await t.http.get(`/api/v1/findings/${violationId}/evidence/${photo.body.id}`).set('Authorization', admin).buffer(true).expect(200);
    expect(Buffer.compare(back.body as Buffer, PNG)).toBe(0);
    await t.http.post(`/api/v1/findings/${violationId}/evidence`).set('Authorization', tokens['team-ba']).set('Content-Type', 'image/png').send(PNG).expect(404);
  });

  it('the same sight after the order was lifted is compliant and costs nothing', async () => {
    clock.set('2026-12-11T09:00:00+08:00');
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'lift', counties: ['博爱县'], basis: '预警解除' })
      .expect(200);
    const target = plants[1];
    const task = await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: target.code, team: 'team-xw', reason: '解除后回访' }).expect(201);
    clock.set('2026-12-11T10:00:00+08:00');
    const res = await t.http
      .post(`/api/v1/tasks/${task.body.id}/findings`)
      .set('Authorization', tokens['team-xw'])
      .send({ lineCode: 'L1', observedState: 'running', observedAt: '2026-12-11T09:30:00+08:00' })
      .expect(201);
    expect(res.body).toMatchObject({ verdict: 'compliant', penalty: null });
    // A finding about the night before is still judged against the order in force then.
    const late = await t.http
      .post(`/api/v1/tasks/${task.body.id}/findings`)
      .set('Authorization', tokens['team-xw'])
      .send({ lineCode: 'L2', observedState: 'running', observedAt: '2026-12-10T23:00:00+08:00' })
      .expect(201);
    expect(late.body.verdict).toBe('compliant'); // L2 was never ordered to stop
    const ledger = await t.http.get('/api/v1/ledger?month=2026-12').set('Authorization', admin).expect(200);
    expect(ledger.body.items).toHaveLength(1);
  });

  it('a power reading above the threshold on a stopped line opens a targeted task, once per line and day', async () => {
    // Readings may not lie in the future (issue 8): the clock stands after the last one.
    clock.set('2026-12-10T23:50:00+08:00');
    const reading = { enterpriseCode: plants[0].code, lineCode: 'L1', at: '2026-12-10T23:00:00+08:00', kw: 600 };
    const res = await t.http
      .post('/api/v1/power-readings')
      .set('Authorization', admin)
      .send({ readings: [reading, { ...reading, at: '2026-12-10T23:30:00+08:00', kw: 650 }] })
      .expect(201);
    expect(res.body.anomalies).toHaveLength(2);
    expect(res.body.anomalies[0]).toMatchObject({ lineCode: 'L1', baselineKw: 1002.5 });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM inspection_tasks WHERE kind = 'power' AND enterprise_code = $1`, [plants[0].code]);
    expect(n).toBe(1);
    const [task] = await ds.query(`SELECT team FROM inspection_tasks WHERE kind = 'power'`);
    expect(task.team).not.toBe('team-xw'); // plants[0] is in 修武县
    const low = await t.http
      .post('/api/v1/power-readings')
      .set('Authorization', admin)
      .send({ readings: [{ ...reading, at: '2026-12-10T23:45:00+08:00', kw: 150 }] })
      .expect(201);
    expect(low.body.anomalies).toEqual([]);
    // The same as CSV (as meter systems export it), duplicates of stored readings ignored.
    const csv = `enterprise_code,line_code,at,kw\n${plants[0].code},L1,2026-12-10T23:00:00+08:00,600\n${plants[0].code},L2,2026-12-10T23:00:00+08:00,80\n`;
    const viaCsv = await t.http.post('/api/v1/power-readings').set('Authorization', admin).set('Content-Type', 'text/csv').send(csv).expect(201);
    expect(viaCsv.body).toMatchObject({ received: 2, stored: 1, duplicates: 1 });
    const bad = await t.http
      .post('/api/v1/power-readings')
      .set('Authorization', admin)
      .send({
        readings: [
          { ...reading, kw: -1 },
          { ...reading, lineCode: 'L9' },
        ],
      })
      .expect(422);
    expect(bad.body.error.details.map((d: { row: number; field: string }) => [d.row, d.field])).toEqual([
      [0, 'kw'],
      [1, 'lineCode'],
    ]);
  });

  it("a draw's candidates carry their risk: the open power task, past violations; only the active enterprises under an order in force", async () => {
    const res = await t.http.post('/api/v1/draws').set('Authorization', admin).send({ size: 5, seed: 'risk' }).expect(201);
    const [{ inputs }] = await ds.query('SELECT inputs FROM draws WHERE id = $1', [res.body.id]);
    type Candidate = { code: string; county: string; risk: { overdueAck: boolean; powerAnomaly: boolean; pastViolations: number } };
    const candidates: Candidate[] = inputs.candidates;
    const underOrder: Array<{ code: string }> = await ds.query(
      `SELECT DISTINCT v.enterprise_code AS code FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code AND e.active
       WHERE v.effective_from <= $1 AND (v.effective_to IS NULL OR v.effective_to > $1) AND v.created_at <= $1 AND v.status <> 'superseded' AND NOT v.ends ORDER BY 1`,
      [clock.now()],
    );
    expect(candidates.map((c) => c.code)).toEqual(underOrder.map((u) => u.code));
    expect(candidates.some((c) => c.risk.pastViolations > 0)).toBe(true);
    expect(candidates.find((c) => c.code === plants[0].code)?.risk.powerAnomaly).toBe(true);
    expect(candidates.filter((c) => c.risk.powerAnomaly).map((c) => c.code)).toEqual([plants[0].code]);
    const violations: Array<{ code: string; n: number }> = await ds.query(`SELECT enterprise_code AS code, count(*)::int AS n FROM findings WHERE verdict = 'violation' GROUP BY 1`);
    for (const c of candidates) expect(c.risk.pastViolations).toBe(violations.find((v) => v.code === c.code)?.n ?? 0);
  });

  it('the commander voids an entry only with a reason; the month ranking counts what stands', async () => {
    const ranking = await t.http.get('/api/v1/ledger/ranking?month=2026-12').set('Authorization', admin).expect(200);
    // Best first: the penalised county is last, beside its rates and violations per hundred inspected.
    const boai = ranking.body.ranking.find((r: { county: string }) => r.county === '博爱县');
    expect(boai).toMatchObject({ amount: 100000, penalties: 1, rank: ranking.body.ranking.length });
    expect(boai.violationsPerHundred).toBeGreaterThan(0);
    expect(ranking.body.ranking[0].amount).toBe(0);
    const [entry] = (await t.http.get('/api/v1/ledger?month=2026-12').set('Authorization', admin).expect(200)).body.items;
    await t.http.post(`/api/v1/ledger/${entry.id}/void`).set('Authorization', admin).send({}).expect(400);
    await t.http.post(`/api/v1/ledger/${entry.id}/void`).set('Authorization', tokens['team-xw']).send({ reason: '复核后撤销' }).expect(403);
    const voided = await t.http.post(`/api/v1/ledger/${entry.id}/void`).set('Authorization', admin).send({ reason: '复核确认为保民生供热线' }).expect(200);
    expect(voided.body).toMatchObject({ voidReason: '复核确认为保民生供热线', voidedBy: 'chief' });
    await t.http.post(`/api/v1/ledger/${entry.id}/void`).set('Authorization', admin).send({ reason: '再次撤销' }).expect(409);
    const after = await t.http.get('/api/v1/ledger/ranking?month=2026-12').set('Authorization', admin).expect(200);
    expect(after.body.ranking.find((r: { county: string }) => r.county === '博爱县')).toMatchObject({ amount: 0 });
    const audit = await t.http.get(`/api/v1/audit?entityType=ledger_entry&entityId=${entry.id}`).set('Authorization', admin).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'ledger.void', actor: 'chief' });
  });

  it('reports the day per county as JSON, CSV and a printable page, and exports CSVs', async () => {
    clock.set('2026-12-11T08:00:00+08:00');
    const json = await t.http.get('/api/v1/reports/daily?date=2026-12-10').set('Authorization', admin).expect(200);
    const boai = json.body.counties.find((c: { county: string }) => c.county === '博爱县');
    // Two tasks looked at 博爱县 plants on the 10th (one finding was filed the next morning); the penalty was voided.
    expect(boai).toMatchObject({ level: 'orange', orders: 10, acknowledged: 0, overdue: 10, inspections: 2, findings: 2, violations: 1, penaltyYuan: 0 });
    expect(json.body.totals.orders).toBe(40);
    expect(json.body.counties).toHaveLength(11);
    const csvRes = await t.http.get('/api/v1/reports/daily?date=2026-12-10&format=csv').set('Authorization', admin).expect(200);
    expect(csvRes.headers['content-type']).toContain('text/csv');
    const lines = csvRes.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(',')[1]).toBe('县区');
    // 11 counties, the totals, an empty record, then the reduction table: the orange directive × 4 pollutants.
    expect(lines.indexOf('')).toBe(13);
    expect(lines[14]!.split(',').slice(0, 5)).toEqual(['日期', '指令文号', '响应级别', '县区', '污染物']);
    expect(lines).toHaveLength(19);
    const html = await t.http.get('/api/v1/reports/daily?date=2026-12-10&format=html').set('Authorization', admin).expect(200);
    expect(html.text).toContain('冬防工作日报');
    expect(html.text).toContain('橙色预警');
    await t.http.get('/api/v1/reports/daily?date=2026-13-40').set('Authorization', admin).expect(400);
    const findings = await t.http.get('/api/v1/exports/findings.csv').set('Authorization', admin).expect(200);
    expect(findings.text).toContain('违规');
    const ledger = await t.http.get('/api/v1/exports/ledger.csv').set('Authorization', admin).expect(200);
    expect(ledger.text).toContain('复核确认为保民生供热线');
    // The entry's proof of notice, in local time.
    expect(ledger.text).toMatch(/焦冬防指〔2026〕\d+号 第1版,电子邮件,\d{4}年\d+月\d+日 \d{2}:\d{2},/);
    // orders.csv lists what is in force now: at 08:00 the lift of 09:00 had not yet been issued.
    const early = await t.http.get('/api/v1/exports/orders.csv').set('Authorization', admin).expect(200);
    expect(early.text.trim().split('\r\n')).toHaveLength(1 + 40);
    clock.set('2026-12-11T10:00:00+08:00');
    const orders = await t.http.get('/api/v1/exports/orders.csv').set('Authorization', admin).expect(200);
    expect(orders.text.trim().split('\r\n')).toHaveLength(1 + 30); // 博爱县's orders ended with the lift
    // Fit for officials: BOM, Chinese labels, local times, the directive's number, never a UUID or a code.
    expect(orders.text.startsWith('\uFEFF')).toBe(true);
    const [head, first] = orders.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(head).toContain('指令文号');
    expect(first).toMatch(/〔\d{4}〕\d+号/);
    expect(first).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(first).toContain('橙色预警');
    expect(orders.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(orders.text).not.toMatch(/T\d{2}:\d{2}:\d{2}\.\d{3}Z|full_stop|,stop|,none,/);
    const number = first!.split(',')[3]!;
    expect(number).toMatch(/〔\d{4}〕\d+号$/);
    const byCounty = await t.http.get('/api/v1/exports/orders.csv').query({ county: '修武县' }).set('Authorization', admin).expect(200);
    const xw = byCounty.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1);
    expect(xw.length).toBeGreaterThan(0);
    expect(xw.every((l) => l.startsWith('修武县,'))).toBe(true);
    const byDirective = await t.http.get('/api/v1/exports/orders.csv').query({ directive: number }).set('Authorization', admin).expect(200);
    expect(
      byDirective.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .every((l) => l.includes(number)),
    ).toBe(true);
    await t.http.get('/api/v1/exports/orders.csv').query({ directive: '不存在的文号' }).set('Authorization', admin).expect(404);
    await t.http.get('/api/v1/exports/orders.csv').query({ date: '2026-13-01' }).set('Authorization', admin).expect(400);
    const day = await t.http.get('/api/v1/exports/findings.csv').query({ date: '2026-12-10' }).set('Authorization', admin).expect(200);
    expect(day.text).toMatch(/2026年12月10日/);
    expect(day.text).not.toMatch(/2026年12月11日/);
  });
});
