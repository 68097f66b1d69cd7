import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckEscalationService } from '../../src/acknowledgements/ack-escalation.service.js';
import { ControllableClock } from '../../src/common/clock.js';
import type { DomainConfig } from '../../src/config/domain-config.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { OutboxService } from '../../src/dispatch/outbox.service.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { RobotServer } from '../support/robot-server.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, ownerQuery, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const XIUWU = '410821';
const unreachable = sampleEnterprise(650, { industry: 'coking', fuel: null, contacts: [], measures: { orange: [{ line: 'L1', action: 'stop', maxLoadPercent: null }] } });
const plants = Array.from({ length: 25 }, (_, i) => sampleEnterprise(601 + i, { industry: 'coking', fuel: null, measures: { orange: [{ line: 'L1', action: 'stop', maxLoadPercent: null }] } }));

describe('work-chat robots: DingTalk 加签 and WeCom, one summary per robot, 20 posts a minute (PostgreSQL, SMTP, robot server)', () => {
  let db: TestDatabase;
  let t: TestApp;
  const smtp = new SmtpSink();
  const robots = new RobotServer({ dingtalkToken: 'dt-token-xiuwu', dingtalkSecret: 'SECdingtalk-test-secret-0123456789', wecomKey: '693a91f6-7aoc-4bc4-97a0-0ec2sifa5aaa' });
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const drain = () => t.app.get(DispatchWorker).drain();
  const sql = <R = Record<string, unknown>>(q: string, params: unknown[] = []) => ownerQuery<R>(db.url, q, params);
  const withRobots = (d: DomainConfig): DomainConfig => ({
    ...d,
    dispatch: {
      ...d.dispatch,
      robots: {
        ...d.dispatch.robots,
        batchWindowSeconds: 0,
        counties: { [XIUWU]: { kind: 'dingtalk', url: `${robots.baseUrl}/dingtalk/send`, token: robots.credentials.dingtalkToken, secret: robots.credentials.dingtalkSecret } },
        commandCenter: { kind: 'wecom', url: `${robots.baseUrl}/wecom/send`, token: robots.credentials.wecomKey, secret: null },
      },
    },
  });
  const start = () => startTestApp({ SMTP_URL: smtp.url }, { db, clock, domain: withRobots });
  /** A minute passes for the rate limit: the recorded posts move back, and waiting rows become due. */
  const aMinutePasses = async () => {
    await sql(`UPDATE robot_posts SET posted_at = posted_at - interval '61 seconds'`);
    await sql(`UPDATE outbox SET next_attempt_at = now() - interval '1 second' WHERE channel = 'robot' AND status = 'pending'`);
  };
  const notify = async (n: number, text: string) => {
    const ds = t.app.get(DataSource);
    await ds.transaction((m) => t.app.get(OutboxService).enqueueRobot(m, [{ key: `test:${n}`, target: { county: XIUWU }, item: { topic: 'alert', text } }]));
  };

  beforeAll(async () => {
    await smtp.start();
    await robots.start();
    db = await createTestDatabase();
    t = await start();
    const admin = await t.adminToken();
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [...plants, unreachable] })
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
    await db.drop();
    await smtp.stop();
    await robots.stop();
  });

  it('an alert mailed to the county (an enterprise with no channel) is posted to its robot too', async () => {
    expect(robots.posts).toHaveLength(1);
    expect(robots.posts[0]!.kind).toBe('dingtalk');
    expect(robots.posts[0]!.markdown).toContain('待处理告警（1）');
    expect(robots.posts[0]!.markdown).toContain(unreachable.name);
  });

  it('stage 1 posts one signed DingTalk summary naming all 26 overdue enterprises (the unreachable one too) to the county group', async () => {
    clock.set('2026-12-10T12:01:00+08:00');
    // The first round after 10:00 catches up the stage-0 steps that fell due meanwhile too.
    expect(await t.app.get(AckEscalationService).run()).toEqual({ reminders: 26, stage1: 26, stage2: 0, shiftLeader: 0 });
    await drain();
    expect(robots.rejected).toEqual([]);
    expect(robots.posts).toHaveLength(2);
    const post = robots.posts[1];
    expect(post!.kind).toBe('dingtalk');
    expect(post!.title).toContain('修武县');
    expect(post!.markdown).toContain('逾期未签收（县区督办）（26）');
    for (const p of [...plants, unreachable]) expect(post!.markdown).toContain(`- ${p.name}：焦冬防指〔2026〕1号第1版，截止 12月10日 12:00`);
    const rows = await sql<{ status: string; attempts: number }>(`SELECT status, attempts FROM outbox WHERE channel = 'robot' AND idempotency_key LIKE 'ladder:%:s1-deadline+0-county_robot:robot:%'`);
    expect(rows).toHaveLength(26);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(await sql(`SELECT robot, rows, ok FROM robot_posts ORDER BY id`)).toEqual([
      { robot: `robot:county:${XIUWU}`, rows: 1, ok: true },
      { robot: `robot:county:${XIUWU}`, rows: 26, ok: true },
    ]);
  });

  it('stage 2 posts one WeCom markdown summary to the command center (msgtype markdown, content ≤ 4096 bytes)', async () => {
    clock.set('2026-12-10T14:01:00+08:00');
    expect(await t.app.get(AckEscalationService).run()).toEqual({ reminders: 0, stage1: 0, stage2: 26, shiftLeader: 0 });
    await drain();
    expect(robots.rejected).toEqual([]);
    expect(robots.posts).toHaveLength(3);
    const post = robots.posts[2]!;
    expect(post.kind).toBe('wecom');
    expect(Object.keys(post.body).sort()).toEqual(['markdown', 'msgtype']);
    expect(Object.keys(post.body.markdown!)).toEqual(['content']);
    expect(post.markdown).toContain('逾期仍未签收（报指挥部）（26）');
    expect(post.markdown).not.toContain('另有');
    for (const p of [...plants, unreachable]) expect(post.markdown).toContain(`修武县：${p.name}`);
  });

  it('25 notices arriving one by one: 20 posts in the minute, the other 5 wait in the outbox, survive a restart and go out as one summary', async () => {
    await aMinutePasses();
    const before = robots.posts.length;
    for (let i = 1; i <= 25; i++) {
      await notify(i, `测试告警 第${i}家企业`);
      await drain();
    }
    expect(robots.posts.length - before).toBe(20);
    const waiting = await sql<{ n: number; attempts: number; due_later: boolean }>(
      `SELECT count(*)::int AS n, max(attempts) AS attempts, bool_and(next_attempt_at > now()) AS due_later FROM outbox WHERE channel = 'robot' AND status = 'pending'`,
    );
    expect(waiting).toEqual([{ n: 5, attempts: 0, due_later: true }]);
    const [{ n: inWindow }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM robot_posts WHERE robot = $1 AND posted_at > now() - interval '60 seconds'`, [`robot:county:${XIUWU}`]);
    expect(inWindow).toBe(20);

    await t.close();
    t = await start();
    await drain();
    expect(robots.posts.length - before).toBe(20); // still within the minute
    await aMinutePasses();
    await drain();
    expect(robots.posts.length - before).toBe(21);
    const summary = robots.posts.at(-1)!;
    expect(summary.markdown).toContain('待处理告警（5）');
    for (let i = 21; i <= 25; i++) expect(summary.markdown).toContain(`测试告警 第${i}家企业`);
    expect(summary.markdown).not.toContain('测试告警 第20家企业');
    expect(robots.rejected).toEqual([]);
  });

  it('an errcode ≠ 0 is a failed attempt with its code; 130101 (too fast) waits the configured 10 minutes, then the retry goes out', async () => {
    await aMinutePasses();
    robots.refuseNext.push(130101);
    await notify(100, '限流测试企业');
    await drain();
    const [row] = await sql<{ id: string; status: string; attempts: number; last_error: string; wait: number }>(
      `SELECT id, status, attempts, last_error, extract(epoch FROM next_attempt_at - now())::int AS wait FROM outbox WHERE idempotency_key LIKE 'robot:test:100:%'`,
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toContain('errcode 130101');
    expect(row!.wait).toBeGreaterThanOrEqual(590);
    await sql(`UPDATE outbox SET next_attempt_at = now() WHERE id = $1`, [row!.id]);
    await drain();
    const attempts = await sql<{ ok: boolean; error: string | null }>(`SELECT ok, error FROM delivery_attempts WHERE outbox_id = $1 ORDER BY attempt`, [row!.id]);
    expect(attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(attempts[0]!.error).toContain('130101');
    expect(robots.posts.at(-1)!.markdown).toContain('限流测试企业');
  });

  it('a group without a robot is skipped, not failed', async () => {
    const ds = t.app.get(DataSource);
    const written = await ds.transaction((m) => t.app.get(OutboxService).enqueueRobot(m, [{ key: 'test:none', target: { county: '410822' }, item: { topic: 'alert', text: '博爱县无机器人' } }]));
    expect(written).toBe(0);
  });
});
