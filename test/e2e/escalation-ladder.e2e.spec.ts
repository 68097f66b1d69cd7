import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckEscalationService } from '../../src/acknowledgements/ack-escalation.service.js';
import { ControllableClock } from '../../src/common/clock.js';
import type { DomainConfig } from '../../src/config/domain-config.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import type { Enterprise } from '../../src/rules/enterprise.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { RobotServer } from '../support/robot-server.js';
import { buildService, configDirWith, ServiceProcess } from '../support/service-process.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ownerQuery } from '../support/test-database.js';
import { SmsProviderServer } from '../support/sms-provider-server.js';
import { parseSmsConfig } from '../../src/config/sms-config.js';
import { until } from '../support/polling.js';

const XIUWU = '410821';
const OFFICER = 'xiuwu-hbj@example.gov.cn';
const DUTY = 'duty@example.gov.cn';
const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const plant = (n: number): Enterprise =>
  sampleEnterprise(n, {
    industry: 'coking',
    fuel: null,
    contacts: [{ name: '张三', role: 'env_officer', email: `env${n}@example.com`, phone: null, mobile: `139${String(n).padStart(8, '0')}` }],
    measures: { orange: [stop('L1')] },
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function issueOrange(t: TestApp, enterprises: Enterprise[]): Promise<string> {
  const admin = await t.adminToken();
  await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises }).expect(200);
  await t.http
    .post('/api/v1/directives')
    .set('Authorization', admin)
    .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '会商结论：橙色预警' })
    .expect(200);
  return admin;
}

async function acknowledge(t: TestApp, admin: string, e: Enterprise): Promise<void> {
  const username = `plant${e.code.slice(-6)}`;
  await t.http.post('/api/v1/users').set('Authorization', admin).send({ username, password: 'plant-password', role: 'enterprise', enterpriseCode: e.code }).expect(201);
  const token = await t.login(username, 'plant-password');
  const [order] = (await t.http.get('/api/v1/orders').set('Authorization', token).expect(200)).body.items;
  await t.http.post(`/api/v1/orders/${order.orderId}/versions/1/acknowledge`).set('Authorization', token).expect(200);
}

describe('the escalation ladder at the deadline: one summary to the county robot and to each officer; acknowledged versions drop out (PostgreSQL, SMTP, robot server)', () => {
  let t: TestApp;
  let admin: string;
  const smtp = new SmtpSink();
  const robots = new RobotServer({ dingtalkToken: 'dt-token-ladder', dingtalkSecret: 'SECladder-test-secret-0123456789', wecomKey: 'wecom-key-ladder' });
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const plants = [plant(701), plant(702), plant(703), plant(704), plant(705)];
  const [early, late, ...overdue] = plants as [Enterprise, Enterprise, ...Enterprise[]];
  const run = () => t.app.get(AckEscalationService).run();
  const drain = () => t.app.get(DispatchWorker).drain();
  const sql = <R = Record<string, unknown>>(q: string, params: unknown[] = []) => ownerQuery<R>(t.db.url, q, params);

  beforeAll(async () => {
    await smtp.start();
    await robots.start();
    const withLadder = (d: DomainConfig): DomainConfig => ({
      ...d,
      dispatch: {
        ...d.dispatch,
        escalation: { ...d.dispatch.escalation, commandCenterEmails: [DUTY], counties: { [XIUWU]: { officerEmails: [OFFICER] } } },
        robots: {
          ...d.dispatch.robots,
          batchWindowSeconds: 0,
          counties: { [XIUWU]: { kind: 'dingtalk', url: `${robots.baseUrl}/dingtalk/send`, token: robots.credentials.dingtalkToken, secret: robots.credentials.dingtalkSecret } },
          commandCenter: null,
        },
      },
    });
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock, domain: withLadder });
    admin = await issueOrange(t, plants);
    await drain();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await robots.stop();
  });

  it('an enterprise that acknowledged early gets no step; one acknowledging after its step was written is skipped at send time', async () => {
    await acknowledge(t, admin, early);
    clock.set('2026-12-10T11:31:00+08:00');
    expect(await run()).toEqual({ reminders: 4, stage1: 0, stage2: 0, shiftLeader: 0 });
    // `late` acknowledges between the round that wrote its reminder and the worker's send.
    await acknowledge(t, admin, late);
    await drain();
    const reminders = smtp.messages.filter((m) => (m.subject ?? '').includes('提醒')).map((m) => (Array.isArray(m.to) ? '' : m.to?.text));
    expect(reminders.sort()).toEqual(overdue.map((p) => p.contacts[0]!.email).sort());
    const rows = await sql<{ enterprise_code: string; status: string; last_error: string | null }>(
      `SELECT enterprise_code, status, last_error FROM outbox WHERE kind = 'ladder' AND channel = 'email' AND split_part(idempotency_key, ':', 3) = 's0-deadline-30-enterprise'`,
    );
    expect(rows.map((r) => r.enterprise_code).sort()).toEqual([late, ...overdue].map((p) => p.code).sort());
    const skipped = rows.filter((r) => r.status === 'skipped');
    expect(skipped.map((r) => r.enterprise_code)).toEqual([late.code]);
    expect(skipped[0]!.last_error).toMatch(/^acknowledged at .* before this step went out$/);
    expect(await sql(`SELECT id FROM outbox WHERE kind = 'ladder' AND enterprise_code = $1`, [early.code])).toEqual([]);
  });

  it('at the deadline the county robot receives one summary naming exactly the overdue enterprises, and the officer one e-mail listing them; one acknowledging before they go out drops out of both', async () => {
    const [a, b, lastMinute] = overdue as [Enterprise, Enterprise, Enterprise];
    const postsBefore = robots.posts.length;
    clock.set('2026-12-10T12:00:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 3, stage2: 0, shiftLeader: 0 });
    // Its stage-1 rows (officer e-mail, county robot) are written; it acknowledges before the worker runs.
    await acknowledge(t, admin, lastMinute);
    await drain();
    expect(robots.rejected).toEqual([]);
    const posts = robots.posts.slice(postsBefore);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.markdown).toContain('逾期未签收（县区督办）（2）');
    for (const p of [a, b]) expect(posts[0]!.markdown).toContain(`- ${p.name}：焦冬防指〔2026〕1号第1版，截止 12月10日 12:00`);
    for (const p of [early, late, lastMinute]) expect(posts[0]!.markdown).not.toContain(p.name);

    const officer = smtp.to(OFFICER);
    expect(officer).toHaveLength(1);
    expect(officer[0]!.subject).toContain('修武县 2家');
    for (const p of [a, b]) expect(officer[0]!.text).toContain(p.name);
    for (const p of [early, late, lastMinute]) expect(officer[0]!.text).not.toContain(p.name);
    // One row per version and recipient; the two open ones sent by one message (and one post), the other skipped.
    const rows = await sql<{ enterprise_code: string; channel: string; status: string; attempts: number; last_error: string | null }>(
      `SELECT enterprise_code, channel, status, attempts, last_error FROM outbox WHERE kind = 'ladder' AND channel IN ('email', 'robot') AND split_part(idempotency_key, ':', 3) LIKE 's1-%' ORDER BY channel, enterprise_code`,
    );
    expect(rows.map((r) => [r.channel, r.enterprise_code, r.status, r.attempts])).toEqual(
      ['email', 'robot']
        .flatMap((channel) => [a, b, lastMinute].map((p) => [channel, p.code, p === lastMinute ? 'skipped' : 'sent', 1]))
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])) || String(x[1]).localeCompare(String(y[1]))),
    );
    for (const r of rows.filter((r) => r.status === 'skipped')) expect(r.last_error).toMatch(/^acknowledged at .* before this step went out$/);
  });

  it('later rounds repeat nothing, and acknowledging stops the rest of the ladder for that version', async () => {
    const [first, open] = overdue as [Enterprise, Enterprise];
    await acknowledge(t, admin, first);
    const before = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'ladder'`);
    clock.set('2026-12-10T12:30:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 });
    expect(await sql(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'ladder'`)).toEqual(before);
    clock.set('2026-12-10T14:00:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 1, shiftLeader: 0 });
    await drain();
    const duty = smtp.to(DUTY);
    expect(duty).toHaveLength(1);
    expect(duty[0]!.text).toContain(open.name);
    expect(duty[0]!.text).not.toContain(first.name);
    expect(await sql(`SELECT id FROM outbox WHERE kind = 'ladder' AND enterprise_code = $1 AND split_part(idempotency_key, ':', 3) LIKE 's2-%'`, [first.code])).toEqual([]);
    expect(await sql(`SELECT id FROM outbox WHERE status = 'failed'`)).toEqual([]);
  });
});

describe('the escalation ladder by SMS: not acknowledged an hour after delivery, an SMS through the provider; a reply acknowledges; at the deadline one SMS to the county officer (PostgreSQL, SMTP, Alibaba provider server)', () => {
  let t: TestApp;
  let admin: string;
  const CALLBACK_TOKEN = 'ladder-sms-callback-token-0123456789';
  const smtp = new SmtpSink();
  const provider = new SmsProviderServer({
    aliyun: { id: 'LTAI5tLadderKey', secret: 'aliyun-ladder-secret-0123456789' },
    tencent: { id: 'AKIDladder', secret: 'tencent-ladder', appId: '1400000009' },
  });
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const plants = [plant(901), plant(902), plant(903)];
  const [acked, replying, silent] = plants as [Enterprise, Enterprise, Enterprise];
  const OFFICER_MOBILE = '13900009001';
  const run = () => t.app.get(AckEscalationService).run();
  const drain = () => t.app.get(DispatchWorker).drain();
  const sql = <R = Record<string, unknown>>(q: string, params: unknown[] = []) => ownerQuery<R>(t.db.url, q, params);
  const template = (id: string, params: string[], text: string) => ({ id, params: params.map((p) => ({ name: p, value: p === 'number' ? 'directiveNumber' : p })), text });

  beforeAll(async () => {
    await smtp.start();
    await provider.start();
    const withSms = (d: DomainConfig): DomainConfig => ({
      ...d,
      dispatch: {
        ...d.dispatch,
        sms: parseSmsConfig(
          {
            provider: 'aliyun',
            aliyun: {
              endpoint: provider.aliyunEndpoint,
              signName: '焦作冬防',
              accessKeyIdEnv: 'LADDER_ALIYUN_ID',
              accessKeySecretEnv: 'LADDER_ALIYUN_SECRET',
              templates: {
                order: template('SMS_490000001', ['number', 'level', 'start', 'link', 'code'], '${number}：${start}起执行${level}管控措施，请打开 ${link} 签收，或回复${code}签收。'),
                reminder: template('SMS_490000002', ['number', 'link', 'code'], '${number}尚未签收，请打开 ${link} 签收，或回复${code}签收。'),
                escalation: template('SMS_490000003', ['county', 'count', 'number'], '${county}有${count}家企业逾期未签收${number}，请督促。'),
              },
            },
          },
          { LADDER_ALIYUN_ID: provider.credentials.aliyun.id, LADDER_ALIYUN_SECRET: provider.credentials.aliyun.secret, HAZEOPS_SMS_CALLBACK_TOKEN: CALLBACK_TOKEN },
        ),
      },
    });
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock, domain: withSms });
    admin = await issueOrange(t, plants);
    await t.http
      .post('/api/v1/users')
      .set('Authorization', admin)
      .send({ username: 'xiuwu-officer', password: 'officer-password-1', role: 'county_officer', county: '修武县', displayName: '修武县联络员', mobile: OFFICER_MOBILE })
      .expect(201);
    await drain();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await provider.close();
  });

  it('an order not acknowledged within the configured 60 minutes triggers the SMS (reminder template, short link, reply code); the one acknowledged gets none', async () => {
    await acknowledge(t, admin, acked);
    clock.set('2026-12-10T10:59:00+08:00');
    await run();
    await drain();
    expect(provider.messages).toEqual([]);
    clock.set('2026-12-10T11:00:00+08:00');
    expect(await run()).toEqual({ reminders: 2, stage1: 0, stage2: 0, shiftLeader: 0 });
    await drain();
    expect(provider.rejected).toEqual([]);
    expect(provider.messages.map((m) => m.mobile).sort()).toEqual([replying, silent].map((p) => p.contacts[0]!.mobile).sort());
    for (const m of provider.messages) {
      expect(m.template).toBe('SMS_490000002');
      expect(m.params).toEqual({ number: '焦冬防指〔2026〕1号', link: expect.stringMatching(/^http:\/\/localhost:3000\/a\/[0-9A-Za-z]{10}$/), code: expect.stringMatching(/^\d{6}$/) });
    }
    // A later round writes no second SMS.
    clock.set('2026-12-10T11:05:00+08:00');
    await run();
    await drain();
    expect(provider.messages).toHaveLength(2);
  });

  it('a reply quoting the code acknowledges that version; at the deadline the officer gets one SMS counting the rest', async () => {
    const sms = provider.messages.find((m) => m.mobile === replying.contacts[0]!.mobile)!;
    const code = (sms.params as Record<string, string>).code!;
    await t.http
      .post(`/api/v1/sms/aliyun/${CALLBACK_TOKEN}/replies`)
      .send([{ send_time: '2026-12-10 11:06:00', sign_name: '焦作冬防', dest_code: '1', sequence_id: 1, phone_number: replying.contacts[0]!.mobile, content: code }])
      .expect(200);
    const [v] = await sql<{ acknowledged_by: string | null }>('SELECT acknowledged_by FROM order_versions WHERE enterprise_code = $1', [replying.code]);
    expect(v!.acknowledged_by).toMatch(/^sms:139\*{4}\d{4}$/);

    clock.set('2026-12-10T12:00:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 1, stage2: 0, shiftLeader: 0 });
    await drain();
    const officer = provider.messages.filter((m) => m.mobile === OFFICER_MOBILE);
    expect(officer).toHaveLength(1);
    expect(officer[0]!.template).toBe('SMS_490000003');
    expect(officer[0]!.params).toEqual({ county: '修武县', count: '1', number: '焦冬防指〔2026〕1号' });
    // The enterprise that replied is out of the ladder: no stage-1 row of its own.
    expect(await sql(`SELECT id FROM outbox WHERE kind = 'ladder' AND enterprise_code = $1 AND split_part(idempotency_key, ':', 3) LIKE 's1-%'`, [replying.code])).toEqual([]);
    const rows = await sql<{ step: string; status: string }>(
      `SELECT split_part(idempotency_key, ':', 3) AS step, status FROM outbox WHERE kind = 'ladder' AND channel = 'sms' AND enterprise_code = $1 ORDER BY id`,
      [silent.code],
    );
    expect(rows).toEqual([
      { step: 's0-delivery+60-enterprise', status: 'sent' },
      { step: 's1-deadline+0-county_officers', status: 'sent' },
    ]);
    // The order's delivery evidence lists the ladder's rows to the enterprise (not the officer's).
    const token = await t.adminToken();
    const [order] = (await t.http.get(`/api/v1/orders?pageSize=100`).set('Authorization', token).expect(200)).body.items.filter(
      (o: { enterprise: { code: string } }) => o.enterprise.code === silent.code,
    );
    const evidence = await t.http.get(`/api/v1/orders/${order.orderId}/versions/1/delivery-evidence`).set('Authorization', token).expect(200);
    expect(evidence.body.ladder.map((r: { step: string; channel: string; recipient: string; status: string }) => [r.step, r.channel, r.recipient, r.status])).toEqual([
      ['s0-delivery+60-enterprise', 'sms', silent.contacts[0]!.mobile, 'sent'],
      ['s0-deadline-30-enterprise', 'email', silent.contacts[0]!.email, 'sent'],
    ]);
    expect(evidence.body.ladder[0].attempts).toEqual([expect.objectContaining({ ok: true, providerMessageId: expect.any(String), receiptStatus: 'pending' })]);
  });
});

describe('the escalation ladder survives SIGKILL: the real service killed between steps resumes after restart, each step exactly once (PostgreSQL, SMTP, robot server)', () => {
  const smtp = new SmtpSink();
  const robots = new RobotServer({ dingtalkToken: 'dt-token-kill', dingtalkSecret: 'SECkill-test-secret-0123456789', wecomKey: 'wecom-key-kill' });
  const provider = new SmsProviderServer({ aliyun: { id: 'LTAI5tKillKey', secret: 'aliyun-kill-secret-0123456789' }, tencent: { id: 'AKIDkill', secret: 'tencent-kill', appId: '1400000008' } });
  const plants = [plant(801), plant(802), plant(803)];
  let t: TestApp;
  let config: { dir: string; remove(): void };
  const sql = <R = Record<string, unknown>>(q: string, params: unknown[] = []) => ownerQuery<R>(t.db.url, q, params);
  const service = () =>
    ServiceProcess.start({
      databaseUrl: t.db.url,
      smtpUrl: smtp.url,
      configDir: config.dir,
      env: {
        HAZEOPS_SCHEDULER: 'true',
        ALIBABA_CLOUD_ACCESS_KEY_ID: provider.credentials.aliyun.id,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: provider.credentials.aliyun.secret,
        LADDER_ROBOT_TOKEN: robots.credentials.dingtalkToken,
        LADDER_ROBOT_SECRET: robots.credentials.dingtalkSecret,
        LADDER_CC_KEY: robots.credentials.wecomKey,
      },
    });
  /** The ladder's clock is the database's: move the versions' times back instead of waiting. */
  const shift = (column: 'notified_at' | 'ack_deadline', minutes: number) => sql(`UPDATE order_versions SET ${column} = ${column} - make_interval(mins => $1)`, [minutes]);
  const reminders = () => smtp.messages.filter((m) => (m.subject ?? '').includes('提醒'));
  const sentRows = async (stepLike: string) =>
    (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'ladder' AND status = 'sent' AND split_part(idempotency_key, ':', 3) LIKE $1`, [stepLike]))[0]!.n;

  beforeAll(async () => {
    const build = await buildService();
    if (build.diagnostics) console.warn(`tsc reported problems (dist was still emitted):\n${build.diagnostics.slice(0, 2000)}`);
    await smtp.start();
    await robots.start();
    await provider.start();
    // The in-process app migrates and issues; its scheduler and worker are off. The service does the rest.
    t = await startTestApp({ SMTP_URL: smtp.url });
    config = configDirWith({
      'escalation.checkEverySeconds': 1,
      'escalation.commandCenterEmails': [DUTY],
      'escalation.counties': { [XIUWU]: { officerEmails: [OFFICER] } },
      'escalation.ladder': [
        { stage: 0, at: 'delivery', afterMinutes: 0, channels: ['email'], to: 'enterprise' },
        { stage: 0, at: 'delivery', afterMinutes: 60, channels: ['email', 'sms'], to: 'enterprise' },
        { stage: 1, at: 'deadline', afterMinutes: 0, channels: ['email'], to: 'county_officers' },
        { stage: 1, at: 'deadline', afterMinutes: 0, channels: ['robot'], to: 'county_robot' },
        { stage: 2, at: 'stage2', afterMinutes: 0, channels: ['robot'], to: 'command_center_robot' },
        { stage: 2, at: 'stage2', afterMinutes: 0, channels: ['email'], to: 'duty_officer' },
      ],
      'robots.batchWindowSeconds': 1,
      'robots.counties': { [XIUWU]: { kind: 'dingtalk', url: `${robots.baseUrl}/dingtalk/send`, tokenEnv: 'LADDER_ROBOT_TOKEN', secretEnv: 'LADDER_ROBOT_SECRET' } },
      'robots.commandCenter': { kind: 'wecom', url: `${robots.baseUrl}/wecom/send`, keyEnv: 'LADDER_CC_KEY' },
      'worker.leaseSeconds': 5,
      'sms.provider': 'aliyun',
      'sms.aliyun.endpoint': provider.aliyunEndpoint,
    });
    await issueOrange(t, plants);
  }, 180_000);
  afterAll(async () => {
    await ServiceProcess.killAll();
    await t?.close();
    await smtp.stop();
    await robots.stop();
    await provider.close();
    config?.remove();
  });

  it('delivers, is killed after the first step, resumes the deadline steps in a new process, is killed again and repeats nothing', async () => {
    const first = await service();
    await until('the three notices', 60_000, () => smtp.messages.length >= 3, 100);
    expect(reminders()).toEqual([]);
    await until('notified_at recorded', 10_000, async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM order_versions WHERE notified_at IS NOT NULL`))[0]!.n === 3, 100);

    // An hour after delivery: the reminder step.
    await shift('notified_at', 61);
    await until('the three reminders and three SMS sent and recorded', 30_000, async () => (await sentRows('s0-delivery+60-%')) === 6, 100);
    await first.kill('SIGKILL');
    expect(reminders()).toHaveLength(3);
    expect(provider.messages).toHaveLength(3);

    // Down while the deadline passes: the next process catches up stage 1, and nothing of stage 0 again.
    await shift('ack_deadline', 130); // the deadline 10 minutes ago; stage 2 (2 h after it) not yet
    const second = await service();
    await until('the county robot summary and the officer e-mail', 30_000, async () => (await sentRows('s1-%')) === 6, 100);
    await sleep(1500); // a few more rounds of the ladder
    await second.kill('SIGKILL');
    expect(robots.posts.filter((p) => p.kind === 'dingtalk')).toHaveLength(1);
    for (const p of plants) expect(robots.posts[0]!.markdown).toContain(p.name);
    expect(smtp.to(OFFICER)).toHaveLength(1);
    expect(reminders()).toHaveLength(3);

    // Stage 2 falls due while nothing runs; a third process does it once.
    await shift('ack_deadline', 120);
    const third = await service();
    await until('the command-center robot and the duty officer', 30_000, async () => (await sentRows('s2-%')) === 6, 100);
    await sleep(2500);
    await third.kill('SIGTERM');

    // What the local servers received: every step exactly once.
    expect(robots.rejected).toEqual([]);
    expect(robots.posts.map((p) => p.kind)).toEqual(['dingtalk', 'wecom']);
    for (const p of plants) expect(robots.posts[1]!.markdown).toContain(`修武县：${p.name}`);
    expect(smtp.to(DUTY)).toHaveLength(1);
    expect(smtp.to(OFFICER)).toHaveLength(1);
    expect(reminders()).toHaveLength(3);
    expect(provider.rejected).toEqual([]);
    expect(provider.messages.map((m) => m.mobile).sort()).toEqual(plants.map((p) => p.contacts[0]!.mobile).sort());
    for (const p of plants) expect(reminders().filter((m) => (Array.isArray(m.to) ? '' : m.to?.text) === p.contacts[0]!.email)).toHaveLength(1);
    const rows = await sql<{ step: string; n: number; attempts: number }>(
      `SELECT split_part(idempotency_key, ':', 3) AS step, count(*)::int AS n, max(attempts) AS attempts FROM outbox WHERE kind = 'ladder' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { step: 's0-delivery+60-enterprise', n: 6, attempts: 1 },
      { step: 's1-deadline+0-county_officers', n: 3, attempts: 1 },
      { step: 's1-deadline+0-county_robot', n: 3, attempts: 1 },
      { step: 's2-stage2+0-command_center_robot', n: 3, attempts: 1 },
      { step: 's2-stage2+0-duty_officer', n: 3, attempts: 1 },
    ]);
  }, 240_000);
});
