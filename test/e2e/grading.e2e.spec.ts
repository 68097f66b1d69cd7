import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGradingConfig } from '../../src/config/grading-config.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Line = { code: string; action: string; maxLoadPercent: number | null; reasons: { rule: string; clause: string; text: string }[] };

describe('performance grades change orders (config/grading.yaml, HTTP)', () => {
  let t: TestApp;
  let admin: string;
  // Coking has no season rule: only the level measures and the grade act. Orange stops L1, red both.
  const coking = sampleEnterprise(410, { industry: 'coking', fuel: null });
  const table = loadGradingConfig();
  const AT = '2026-12-10T08:00:00+08:00';

  const preview = async (level: string) => {
    const res = await t.http.post('/api/v1/orders/preview').set('Authorization', admin).send({ enterpriseCode: coking.code, at: AT, level }).expect(200);
    return res.body as { lines: Line[]; notes: string[]; stoppedCapacityPercent: number };
  };
  const regrade = async (grade: string | null, gradedOn: string | null, gradingAuthority: string | null) => {
    const current = await t.http.get(`/api/v1/enterprises/${coking.code}`).set('Authorization', admin).expect(200);
    const res = await t.http
      .put(`/api/v1/enterprises/${coking.code}`)
      .set('Authorization', admin)
      .send({ ...coking, grade, gradedOn, gradingAuthority, version: current.body.version });
    return res;
  };
  const view = (lines: Line[]) => lines.map((l) => [l.code, l.action, l.reasons.map((r) => r.rule)]);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(coking).expect(201);
  });
  afterAll(() => t.close());

  it('an ungraded enterprise takes its listed measures', async () => {
    expect(view((await preview('orange')).lines)).toEqual([
      ['L1', 'stop', ['level.orange.stop']],
      ['L2', 'run', []],
    ]);
  });

  it('graded D in the registry, the orange order stops every line, citing grading.D.orange and its source', async () => {
    const res = await regrade('D', '2026-09-15', '焦作市生态环境局');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ grade: 'D', gradedOn: '2026-09-15', gradingAuthority: '焦作市生态环境局' });
    const got = await t.http.get(`/api/v1/enterprises/${coking.code}`).set('Authorization', admin).expect(200);
    expect(got.body).toMatchObject({ grade: 'D', gradedOn: '2026-09-15', gradingAuthority: '焦作市生态环境局' });
    const order = await preview('orange');
    expect(view(order.lines)).toEqual([
      ['L1', 'stop', ['level.orange.stop', 'grading.D.orange']],
      ['L2', 'stop', ['grading.D.orange']],
    ]);
    expect(order.stoppedCapacityPercent).toBe(100);
    const reason = order.lines[1]!.reasons[0]!;
    expect(reason.clause).toBe(table.clause);
    expect(reason.text).toContain(table.source);
    expect(reason.text).toContain('D级企业');
  });

  it('the dry run of an orange directive shows the D-grade stop of L2 with its grading reason', async () => {
    const res = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '橙色预警', dryRun: true })
      .expect(200);
    const changes = (res.body.changes.items as Array<{ enterpriseCode: string; lineCode: string; after: { action: string }; reasons: { rule: string }[] }>).filter(
      (c) => c.enterpriseCode === coking.code,
    );
    expect(changes.map((c) => [c.lineCode, c.after.action, c.reasons.map((r) => r.rule)])).toEqual([
      ['L1', 'stop', ['level.orange.stop', 'grading.D.orange']],
      ['L2', 'stop', ['grading.D.orange']],
    ]);
  });

  it('regraded A, orange is exempt (lines run, the listed line says why) and red takes the listed measures', async () => {
    expect((await regrade('A', '2026-10-20', '河南省生态环境厅')).status).toBe(200);
    const orange = await preview('orange');
    expect(view(orange.lines)).toEqual([
      ['L1', 'run', ['grading.A.orange']],
      ['L2', 'run', []],
    ]);
    expect(orange.notes.join()).toContain('grading.A.orange');
    expect(view((await preview('red')).lines)).toEqual([
      ['L1', 'stop', ['level.orange.stop', 'level.red.stop']],
      ['L2', 'stop', ['level.red.stop']],
    ]);
  });

  it('cleared again, the order is the listed one; a date without a grade is a 4xx naming the field', async () => {
    const bad = await regrade(null, '2026-10-20', null);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('gradedOn');
    // A grading is dated the day it was awarded: not tomorrow, not before 2000.
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    for (const day of [tomorrow, '1999-12-31']) {
      const wrong = await regrade('B', day, '焦作市生态环境局');
      expect(wrong.status).toBe(422);
      expect(JSON.stringify(wrong.body)).toMatch(/gradedOn.*must lie from 2000-01-01 to today/);
    }
    expect((await regrade(null, null, null)).status).toBe(200);
    expect(view((await preview('orange')).lines)).toEqual([
      ['L1', 'stop', ['level.orange.stop']],
      ['L2', 'run', []],
    ]);
  });
});
