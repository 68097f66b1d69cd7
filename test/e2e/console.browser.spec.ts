import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, NO_CHROMIUM, PHONE } from '../support/browser.js';
import { ensureConsoleBuilt } from '../support/console-build.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { buildService, ROOT, ServiceProcess } from '../support/service-process.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort, until } from '../support/polling.js';

const CHIEF = { username: 'chief', password: 'chief-password-1' };
const OFFICER = { username: 'by-officer', password: 'officer-pass-1' };
const INSPECTOR = { username: 'insp-1', password: 'inspector-pass-1' };
// Two counties under orange: 修武县 (410821) and 博爱县 (410822); one 修武县 plant has no contact at all.
// 修武县's plant reports emission figures for its first kiln line only (the second is 未填报).
const XIUWU_FIGURES = { kgPerHour: { so2: 16.5, nox: 43.25, pm: 11, vocs: 0.875 }, source: 'permit', year: 2025 } as const;
const xiuwu = sampleEnterprise(901, {
  name: '焦作测试901号水泥有限公司',
  lines: sampleEnterprise(901).lines.map((l, i) => ({ ...l, emissions: i === 0 ? { ...XIUWU_FIGURES, kgPerHour: { ...XIUWU_FIGURES.kgPerHour } } : null })),
});
const boai = sampleEnterprise(902, { code: codeFor(902, '410822'), county: '博爱县', name: '博爱测试902号水泥有限公司' });
const silent = sampleEnterprise(903, { name: '修武无联系人903号水泥有限公司', contacts: [] });
const DESKTOP = { viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } as const;

/** 96 hours of forecast from an hour ago: above 300 for 80 hours, then clean air (orange, with a lift after). */
function forecastCsv(): string {
  const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
  const rows = ['县区,时间,AQI'];
  for (const county of ['修武县', '博爱县']) {
    for (let h = 0; h < 130; h++) rows.push(`${county},${new Date(start + h * 3_600_000).toISOString()},${h < 80 ? 320 : 90}`);
  }
  return rows.join('\n');
}

/** Picks options of an Element Plus multi/single select by their text. */
async function choose(page: Page, select: Locator, options: string[]): Promise<void> {
  await select.click();
  for (const o of options) await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: new RegExp(`^${o}$`) }).click();
  await page.keyboard.press('Escape');
}

if (!hasChromium) {
  console.warn(NO_CHROMIUM);
  describe('command-center console in a real browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('command-center console in a real browser (built service, PostgreSQL, SMTP sink, chromium)', () => {
    const sink = new SmtpSink();
    let db: TestDatabase;
    let svc: ServiceProcess;
    let base: string;
    let browser: Browser;
    let desk: BrowserContext;
    let page: Page;
    let shots: string;
    let directiveId = '';
    let directiveNumber = '';
    const errors: string[] = [];
    let admin = '';

    const api = async (path: string, init: RequestInit = {}, token = admin) => {
      const res = await fetch(base + path, { ...init, headers: { 'Content-Type': 'application/json', Authorization: token, ...(init.headers ?? {}) } });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    const shot = async (p: Page, name: string) => {
      await p.waitForTimeout(400); // charts animate in
      await p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    };
    const watch = (p: Page) => {
      p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      p.on('console', (m) => {
        // Refusals the flow provokes (401 sign-in, 403, 422 import) are logged by chromium as failed loads; script errors and CSP violations are not those.
        if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
      });
    };
    const signIn = async (p: Page, who: { username: string; password: string }) => {
      await p.goto('/');
      await p.locator('#username').fill(who.username);
      await p.locator('#password').fill(who.password);
      await p.getByRole('button', { name: '登录' }).click();
      await p.waitForURL(/\/console\/overview/);
    };

    beforeAll(async () => {
      shots = mkdtempSync(join(tmpdir(), 'hazeops-console-screens-'));
      const build = await buildService();
      if (build.diagnostics) console.warn(`tsc reported problems (dist was still emitted):\n${build.diagnostics.slice(0, 2000)}`);
      await ensureConsoleBuilt();
      await sink.start();
      db = await createTestDatabase();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      svc = await ServiceProcess.start({
        databaseUrl: db.url,
        smtpUrl: sink.url,
        configDir: join(ROOT, 'config'),
        env: { PORT: String(port), PUBLIC_BASE_URL: base, HAZEOPS_ADMIN_USER: CHIEF.username, HAZEOPS_ADMIN_PASSWORD: CHIEF.password },
      });
      const login = await api('/api/v1/auth/login', { method: 'POST', body: JSON.stringify(CHIEF) }, '');
      admin = `Bearer ${String(login.body.accessToken)}`;
      expect((await api('/api/v1/registry/import', { method: 'POST', body: JSON.stringify({ enterprises: [xiuwu, boai, silent] }) })).status).toBe(200);
      expect((await api('/api/v1/users', { method: 'POST', body: JSON.stringify({ ...OFFICER, role: 'county_officer', county: '博爱县' }) })).status).toBe(201);
      expect((await api('/api/v1/teams', { method: 'POST', body: JSON.stringify({ key: 'team-1', name: '市督导一组', homeCounty: '温县' }) })).status).toBe(201);
      expect((await api('/api/v1/users', { method: 'POST', body: JSON.stringify({ ...INSPECTOR, role: 'inspector', team: 'team-1' }) })).status).toBe(201);
      browser = await launchChromium();
      desk = await browser.newContext({ ...DESKTOP, baseURL: base });
      desk.setDefaultTimeout(15_000);
      page = await desk.newPage();
      watch(page);
      console.info(`console screenshots: ${shots}`);
    }, 240_000);

    afterEach(async (ctx) => {
      if (ctx.task.result?.state === 'fail' && page) await page.screenshot({ path: join(shots, `failed-${ctx.task.name.slice(0, 40)}.png`), fullPage: true }).catch(() => undefined);
    });

    afterAll(async () => {
      await desk?.close();
      await browser?.close();
      await svc?.kill('SIGTERM');
      await db?.drop();
      await sink.stop();
    });

    it('serves the console at / with a strict policy and no inline script', async () => {
      const root = await fetch(base + '/', { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/console/');
      const deep = await fetch(base + '/console/directives/some-route');
      expect(deep.status).toBe(200);
      const csp = deep.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await deep.text();
      expect(html).toContain('<div id="app">');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    });

    it('commander signs in (a wrong password is explained in Chinese) and sees the overview', async () => {
      await page.goto('/');
      await page.waitForURL(/\/console\/login/);
      await page.locator('#username').fill(CHIEF.username);
      await page.locator('#password').fill('wrong-password');
      await page.getByRole('button', { name: '登录' }).click();
      await expect.poll(() => page.locator('[data-test=login-error]').textContent()).toContain('用户名或密码错误');
      await shot(page, '00-login');
      await page.locator('#password').fill(CHIEF.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/console\/overview/);
      await page.locator('[data-test=map] canvas').waitFor();
      expect(await page.locator('[data-test=who]').textContent()).toContain('指挥部值班员');
      // The session is an HttpOnly cookie: script sees only the CSRF half.
      expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).not.toContain('hazeops_session');
      const cookies = await desk.cookies();
      expect(cookies.find((c) => c.name === 'hazeops_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      await shot(page, '01-overview');
    });

    it('reads a forecast: chart, orange recommended for both counties, a directive pre-filled from it', async () => {
      await page.getByRole('menuitem', { name: '研判' }).click();
      await page.locator('textarea[data-test=forecast-text], [data-test=forecast-text] textarea').fill(forecastCsv());
      await page.locator('[data-test=analyse]').click();
      const table = page.locator('[data-test=recommendations]');
      await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain('橙色预警');
      expect(await table.locator('tbody tr').count()).toBe(2);
      await page.locator('.chart canvas').first().waitFor();
      await shot(page, '02-forecast');
      await page.locator('[data-test=start-directive]').click();
      await page.waitForURL(/\/console\/issue/);
      expect(await page.locator('.el-select__selection').first().textContent()).toMatch(/修武县[\s\S]*博爱县|博爱县[\s\S]*修武县/);
    });

    it('dry run shows the per-county effect and the unreachable plant, then issues orange for two counties after a confirmation naming the count', async () => {
      expect(await page.locator('textarea[data-test=basis], [data-test=basis] textarea').inputValue()).toContain('橙色预警');
      await page.locator('[data-test=dry-run]').click();
      const preview = page.locator('[data-test=preview]');
      await preview.waitFor({ timeout: 15_000 });
      expect(await preview.textContent()).toContain('修武县');
      expect(await preview.textContent()).toContain(silent.name);
      expect(await preview.textContent()).toContain('合计 3 家企业');
      // The enterprise-and-line list of what changes: both 修武县 plants' kiln lines, and 博爱县's.
      const changes = preview.locator('[data-test=changes]');
      await expect.poll(() => changes.textContent()).toContain(xiuwu.name);
      expect(await changes.textContent()).toContain(boai.name);
      expect(await changes.textContent()).toContain('停产');
      // The reduction accounting beside the orange target; no line has emission figures here, so all are unknown.
      const reduction = preview.locator('[data-test=reduction]');
      expect(await reduction.textContent()).toContain('二氧化硫');
      expect(await reduction.textContent()).toContain('20%');
      expect(await preview.locator('[data-test=unknown-lines]').textContent()).toMatch(/\d+ 条生产线没有排放数据/);
      await shot(page, '03-issue-dry-run');
      await page.locator('[data-test=confirm]').click();
      const box = page.locator('.el-message-box');
      await box.waitFor();
      expect(await box.textContent()).toContain('涉及 3 家企业');
      await shot(page, '04-issue-confirm');
      await box.getByRole('button', { name: /确认发布/ }).click();
      const issued = page.locator('[data-test=issued]');
      await issued.waitFor({ timeout: 15_000 });
      directiveNumber = /已发布：(\S+号)/.exec((await issued.textContent()) ?? '')?.[1] ?? '';
      expect(directiveNumber).toMatch(/〔\d{4}〕\d+号$/);
      await shot(page, '05-issued');
      await issued.getByRole('button', { name: '查看指令详情' }).click();
      await page.waitForURL(/\/console\/directives\/[0-9a-f-]{36}/);
      directiveId = page.url().split('/').pop()!;
    });

    it('the enterprise acknowledges through its e-mail link; the directive page shows it within 10 s without a reload', async () => {
      const row = page.locator('[data-test=progress] tbody tr', { hasText: '修武县' });
      await row.waitFor();
      const cells = row.locator('td');
      expect(await cells.nth(1).textContent()).toBe('2'); // two 修武县 orders
      expect(await cells.nth(4).textContent()).toBe('0'); // none acknowledged yet
      // The reduction card: 修武县's known SO2 (16.5 kg/h × 24 h = 0.396 t/day) planned whole, nothing confirmed yet (red).
      const stages = page.locator('[data-test=directive-reduction] [data-test=reduction-stages]');
      const so2Row = stages.locator('tbody tr', { hasText: '修武县' }).filter({ hasText: '二氧化硫' });
      await expect.poll(() => so2Row.textContent()).toContain('0.396（100%）');
      expect(await so2Row.locator('.shortfall').first().textContent()).toBe('0.000（0%）');
      await shot(page, '06-directive');

      const email = xiuwu.contacts[0]!.email!;
      await until(`the order e-mail to ${email}`, 30_000, () => sink.messages.some((m) => JSON.stringify(m.to).includes(email)), 100);
      const mail = sink.messages.find((m) => JSON.stringify(m.to).includes(email))!;
      const link = /https?:\/\/[^\s"<>]+\/ack\/[^\s"<>]+/.exec(mail.text ?? '')?.[0];
      expect(link).toBeDefined();
      expect(link!.startsWith(base)).toBe(true);

      const phone = await browser.newContext({ ...PHONE });
      const ack = await phone.newPage();
      await ack.goto(link!);
      await ack.getByRole('button', { name: /签收/ }).first().click();
      await expect.poll(() => ack.locator('body').textContent(), { timeout: 10_000 }).toContain('已签收');
      await phone.close();
      const acknowledgedAt = Date.now();

      // No reload: the page asks again by itself.
      await expect.poll(() => cells.nth(4).textContent(), { timeout: 10_000, interval: 200 }).toBe('1');
      console.info(`directive page showed the acknowledgement ${Date.now() - acknowledgedAt} ms after it was made`);
      await page.getByRole('tab', { name: '企业指令单与送达' }).click();
      const orders = page.locator('[data-test=orders]');
      await expect.poll(() => orders.textContent()).toContain(xiuwu.name);
      expect(await orders.textContent()).toContain('停产');
      await shot(page, '07-directive-acknowledged');
    });

    it('the list of directives, then lifts orange for both counties; the overview follows by itself', async () => {
      // A wall screen: the overview, left open in its own tab.
      const wall = await desk.newPage();
      watch(wall);
      await wall.goto('/console/overview');
      const panel = wall.locator(`[data-directive="${directiveNumber}"]`);
      await panel.waitFor();
      expect(await panel.textContent()).toContain('1/2'); // 修武县: one of two acknowledged
      await page.getByRole('menuitem', { name: '指令详情' }).click();
      await expect.poll(() => page.locator('[data-test=directives]').textContent()).toContain(directiveNumber);
      await shot(page, '08-directives');
      await page.getByRole('menuitem', { name: '发布指令' }).click();
      await page.locator('label.el-radio-button', { hasText: '解除' }).click();
      await choose(page, page.locator('.el-form-item', { hasText: '县区' }).locator('.el-select').first(), ['修武县', '博爱县']);
      await page.locator('textarea[data-test=basis], [data-test=basis] textarea').fill('预报空气质量转好，会商决定解除橙色预警');
      await page.locator('[data-test=dry-run]').click();
      await page.locator('[data-test=preview]').waitFor({ timeout: 15_000 });
      await page.locator('[data-test=confirm]').click();
      await page
        .locator('.el-message-box')
        .getByRole('button', { name: /确认发布/ })
        .click();
      const issued = page.locator('[data-test=issued]');
      await issued.waitFor({ timeout: 15_000 });
      expect(await issued.textContent()).toMatch(/已发布：\S+号/);
      const levels = await api('/api/v1/directives/levels');
      const now = levels.body as unknown as Array<{ county: string; levelNow: string }>;
      expect(now.find((l) => l.county === '修武县')?.levelNow).toBe('none');
      expect(now.find((l) => l.county === '博爱县')?.levelNow).toBe('none');
      // The overview left open drops the lifted directive within 10 s, without a reload.
      await expect.poll(() => wall.locator('[data-directive]').count(), { timeout: 10_000, interval: 200 }).toBe(0);
      await wall.close();
    });

    it('the registry: search, an enterprise page, and an import with bad rows shows every error', async () => {
      await page.getByRole('menuitem', { name: '企业名录' }).click();
      const list = page.locator('[data-test=enterprises]');
      await expect.poll(() => list.textContent()).toContain(boai.name);
      await shot(page, '09-registry');
      await list.locator('tbody tr', { hasText: xiuwu.name }).click();
      await expect.poll(() => page.locator('[data-test=enterprise-name]').textContent()).toBe(xiuwu.name);
      // The lines' emission figures, in kg/h with their source in Chinese; a line without figures says 未填报.
      const cellsOf = (test: string) => page.locator(`[data-test=${test}]`).allTextContents();
      expect(await cellsOf('emission-so2')).toEqual(['16.5', '未填报']);
      expect(await cellsOf('emission-nox')).toEqual(['43.25', '未填报']);
      expect(await cellsOf('emission-vocs')).toEqual(['0.875', '未填报']);
      expect(await cellsOf('emission-source')).toEqual(['排污许可证', '未填报']);
      expect(await page.locator('.el-table__header').first().textContent()).toContain('二氧化硫 (kg/h)');
      await shot(page, '10-enterprise');
      // A stale edit: someone saves the enterprise while this officer has the form open.
      await page.locator('[data-test=edit]').click();
      await page.locator('input[data-test=edit-name], [data-test=edit-name] input').fill(`${xiuwu.name}（改）`);
      const current = await api(`/api/v1/enterprises/${xiuwu.code}`);
      const { active: _a, version, updatedAt: _u, ...body } = current.body as Record<string, unknown>;
      expect((await api(`/api/v1/enterprises/${xiuwu.code}`, { method: 'PUT', body: JSON.stringify({ ...body, grade: 'B', version }) })).status).toBe(200);
      await page.locator('[data-test=save]').click();
      await expect.poll(() => page.locator('[data-test=edit-error]').textContent()).toContain('有其他人修改');
      await shot(page, '10b-enterprise-stale-edit');
      expect((await api(`/api/v1/enterprises/${xiuwu.code}`)).body.name).toBe(xiuwu.name);
      await page.keyboard.press('Escape');
      // The grade the other officer saved shows with its date and authority once the page reloads.
      {
        const now = await api(`/api/v1/enterprises/${xiuwu.code}`);
        const { active: _b, version: v2, updatedAt: _w, ...fresh } = now.body as Record<string, unknown>;
        const graded = { ...fresh, grade: 'B', gradedOn: '2026-09-15', gradingAuthority: '焦作市生态环境局', version: v2 };
        expect((await api(`/api/v1/enterprises/${xiuwu.code}`, { method: 'PUT', body: JSON.stringify(graded) })).status).toBe(200);
        await page.reload();
        await expect.poll(() => page.locator('[data-test=grade]').textContent()).toBe('B');
        await expect.poll(() => page.locator('[data-test=grading]').textContent()).toMatch(/2026-09-15 评定，焦作市生态环境局/);
        await shot(page, '10c-enterprise-graded');
      }

      await page.goto('/console/registry/import');
      const csv = [
        'code,name,county,industry,line_code,line_name,line_capacity,line_unit',
        `${codeFor(950)},好企业,修武县,cement_clinker,L1,1号线,100,t/d`,
        `91410821BAD,坏代码企业,修武县,cement_clinker,L1,1号线,100,t/d`,
        `${codeFor(951)},未知县企业,火星县,cement_clinker,L1,1号线,-5,t/d`,
      ].join('\n');
      const file = join(shots, 'bad-registry.csv');
      writeFileSync(file, csv);
      await page.locator('input[type=file]').setInputFiles(file);
      const problems = page.locator('[data-test=problems]');
      await problems.waitFor({ timeout: 15_000 });
      const text = (await problems.textContent()) ?? '';
      expect(text).toContain('统一社会信用代码');
      expect(text).toContain('县区');
      expect(text).toContain('产能');
      expect(await problems.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('[data-test=import-error]').textContent()).toContain('未写入任何数据');
      await shot(page, '11-import-errors');
      rmSync(file);
    });

    it('the 清单 quality screen: counts per kind, a filter by kind, the enterprise link and the CSV', async () => {
      await page.getByRole('menuitem', { name: '清单质量' }).click();
      await page.waitForURL(/\/console\/registry\/quality/);
      const table = page.locator('[data-test=quality]');
      // 博爱县's plant has no figures and no grade; 修武县's first plant has no figures on L2.
      await expect.poll(() => table.textContent()).toContain(boai.name);
      expect(await page.locator('[data-test=quality-summary]').textContent()).toMatch(/涉气企业 3 家/);
      await shot(page, '11b-quality');
      await choose(page, page.locator('[data-test=quality-kind]'), ['生产线未填报排放数据']);
      // Non-empty as well: an empty table while the filtered page loads would pass "every".
      await expect
        .poll(async () => {
          const rows = await table.locator('tbody tr').allTextContents();
          return rows.length > 0 && rows.every((r) => r.includes('生产线未填报排放数据'));
        })
        .toBe(true);
      const xiuwuRow = table.locator('tbody tr', { hasText: xiuwu.name });
      expect(await xiuwuRow.count()).toBe(1);
      expect(await xiuwuRow.textContent()).toContain('L2');
      const href = await page.locator('a[download]', { hasText: '下载 CSV' }).getAttribute('href');
      expect(href).toBe('/api/v1/registry/quality?format=csv&kind=line_emissions_missing');
      const csv = await page.evaluate(async (url: string) => (await fetch(url)).text(), href!);
      expect(csv).toContain('整改要求');
      expect(csv).toContain(xiuwu.code);
      await xiuwuRow.getByRole('link', { name: xiuwu.name }).click();
      await expect.poll(() => page.locator('[data-test=enterprise-name]').textContent()).toBe(xiuwu.name);
    });

    it('the 采暖季模拟 screen: row problems in Chinese, totals per county and industry, a second configuration side by side', async () => {
      await page.getByRole('menuitem', { name: '采暖季模拟' }).click();
      await page.waitForURL(/\/console\/simulation/);
      const input = page.locator('textarea[data-test=simulation-csv], [data-test=simulation-csv] textarea');
      await input.fill('日期,区县,AQI\n2026-12-10,410821,320\n2026-12-32,410821,300\n2026-12-12,火星县,abc\n');
      await page.locator('[data-test=simulate]').click();
      const problems = page.locator('[data-test=simulation-problem]');
      await expect
        .poll(() => problems.allTextContents())
        .toEqual(
          expect.arrayContaining([
            expect.stringContaining('第3行（日期）：“2026-12-32”不是有效的日期'),
            expect.stringContaining('第4行（区县）：“火星县”不是本市区县'),
            expect.stringContaining('第4行（AQI）'),
          ]),
        );
      await shot(page, '11c-simulation-problems');
      const days = ['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14'];
      await input.fill(['日期,区县,AQI', ...days.map((d, i) => `${d},410821,${[320, 330, 310, 90, 80][i]}`)].join('\n'));
      await page.getByText('对比另一方案').click();
      await page
        .locator('textarea[data-test=simulation-overlay], [data-test=simulation-overlay] textarea')
        .fill(JSON.stringify({ rules: { recommendation: { levels: { orange: [[{ above: 400, hours: 72 }]] } } } }));
      await page.locator('[data-test=simulate]').click();
      const counties = page.locator('[data-test=simulation-counties]');
      await expect.poll(() => counties.textContent(), { timeout: 20_000 }).toContain('修武县');
      const rows = await counties.locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('方案A');
      expect(rows[0]).toContain('橙色预警 3天');
      // With orange out of reach the same days are yellow at most.
      expect(rows[1]).toContain('方案B');
      expect(rows[1]).not.toContain('橙色预警');
      expect(await page.locator('[data-test=simulation-city]').textContent()).toContain('方案B（对比）');
      expect(await page.locator('[data-test=simulation-industries] tbody tr').count()).toBeGreaterThan(0);
      await shot(page, '11d-simulation-compare');
    });

    it('a draw is made from the console and verified; the inspector sees the task on the phone page', async () => {
      // A draw needs enterprises under an order in force: orange again for 修武县, through the API.
      expect((await api('/api/v1/directives', { method: 'POST', body: JSON.stringify({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '再次预警' }) })).status).toBe(200);
      await page.getByRole('menuitem', { name: '督导检查' }).click();
      await page.locator('input[data-test=draw-size], [data-test=draw-size] input').fill('1');
      await page.locator('[data-test=draw]').click();
      const drawn = page.locator('[data-test=draw-list]');
      await drawn.waitFor({ timeout: 15_000 });
      expect(await drawn.locator('tbody tr').count()).toBe(1);
      const name = (await drawn.locator('tbody tr td').nth(2).textContent())!.trim();
      expect([xiuwu.name, silent.name]).toContain(name);
      await page.getByRole('button', { name: '复核' }).click();
      await expect.poll(() => page.locator('[data-test=verified]').textContent()).toContain('复核通过');
      await shot(page, '12-inspections-draw');

      const phone = await browser.newContext({ ...PHONE, baseURL: base });
      const p = await phone.newPage();
      await p.goto('/inspect');
      await p.getByLabel('用户名').fill(INSPECTOR.username);
      await p.getByLabel('密码').fill(INSPECTOR.password);
      await p.getByRole('button', { name: '登录' }).click();
      await expect.poll(() => p.locator('body').textContent(), { timeout: 10_000 }).toContain(name);
      await p.screenshot({ path: join(shots, '13-inspector-phone.png'), fullPage: true });
      await phone.close();
    });

    it('the alerts, ledger, daily report (also as the printable page opened with the cookie) and users screens', async () => {
      await page.getByRole('menuitem', { name: '考核' }).click();
      const ranking = page.locator('[data-test=ranking]');
      await expect.poll(() => ranking.textContent()).toContain('博爱县');
      await shot(page, '15-ledger');

      await page.getByRole('menuitem', { name: '日报' }).click();
      await expect.poll(() => page.locator('[data-test=report]').textContent()).toContain('合计');
      // The orange directive in force with its planned / confirmed / verified reduction (the first one was lifted at its start: left out).
      await expect.poll(() => page.locator('[data-test=report-reduction]').textContent()).toContain('橙色预警，修武县）二氧化硫0.396');
      await shot(page, '16-report');
      // Printable: the print style hides the menu and header; A4 pages.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.el-aside').isVisible()).toBe(false);
      const pdf = await page.pdf({ path: join(shots, '16-report.pdf'), format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.emulateMedia({ media: 'screen' });
      const report = await desk.newPage();
      watch(report);
      await report.goto('/api/v1/reports/daily?format=html');
      expect(await report.locator('h1').textContent()).toContain('冬防工作日报');
      await shot(report, '17-report-page');
      await report.close();

      await page.getByRole('menuitem', { name: '用户' }).click();
      await expect.poll(() => page.locator('[data-test=users]').textContent()).toContain(OFFICER.username);
      await shot(page, '18-users');

      await page.getByRole('menuitem', { name: '告警' }).click();
      await page.locator('[data-test=alerts], [data-state=empty], [data-state=error]').first().waitFor();
      // The unreachable plant was flagged to its county when orange was issued.
      await expect.poll(() => page.locator('.page').textContent()).toContain('修武县');
      await shot(page, '14-alerts');
    });

    it("the 值班表 screen: the week's shifts with their people, an overlapping shift refused in Chinese, a handover written", async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const d = new Date(`${today}T00:00:00Z`);
      const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
      const officer = await api('/api/v1/users', {
        method: 'POST',
        body: JSON.stringify({ username: 'duty-a', password: 'duty-password-1', role: 'commander', displayName: '值班员甲', email: 'duty-a@example.gov.cn', mobile: '13900000001' }),
      });
      const leader = await api('/api/v1/users', {
        method: 'POST',
        body: JSON.stringify({ username: 'leader-a', password: 'duty-password-1', role: 'commander', displayName: '值班长乙', email: 'leader-a@example.gov.cn' }),
      });
      const created = await api('/api/v1/duty/shifts', {
        method: 'POST',
        body: JSON.stringify({ startsAt: `${monday}T08:00:00+08:00`, endsAt: `${monday}T20:00:00+08:00`, dutyOfficerId: officer.body.id, shiftLeaderId: leader.body.id }),
      });
      expect(created.status).toBe(201);
      await page.getByRole('menuitem', { name: '值班表' }).click();
      const table = page.locator('[data-test=shifts]');
      await expect.poll(() => table.textContent()).toContain('值班员甲 13900000001');
      expect(await table.textContent()).toContain('白班');
      expect(await table.textContent()).toContain('值班长乙');
      // The dialog starts on Monday 08:00–20:00 of the week shown: the shift above is in the way.
      await page.locator('[data-test=new-shift]').click();
      // A single select closes on the pick (Escape would close the dialog too).
      const pick = async (select: string, option: string) => {
        await page.locator(`[data-test=${select}]`).click();
        await page.keyboard.type(option);
        await page.waitForTimeout(300);
        await page.keyboard.press('Enter');
        // Let the dropdown close before the next select opens.
        await page.waitForTimeout(400);
      };
      await pick('shift-officer', '值班员甲');
      await pick('shift-leader', '值班长乙');
      await page.locator('[data-test=shift-save]').click();
      await expect.poll(() => page.locator('[data-test=shift-error]').textContent()).toContain('时间重叠');
      await shot(page, '19-duty-overlap');
      await page.getByRole('button', { name: '取消' }).click();
      await page.locator('[data-test=handover-shift]').first().click();
      await page.locator('textarea[data-test=handover-notes], [data-test=handover-notes] textarea').fill('修武县一家企业未签收，已电话催办，请下一班继续跟进。');
      await page.locator('[data-test=handover-save]').click();
      const dayUrl = `/api/v1/duty/shifts?from=${encodeURIComponent(`${monday}T00:00:00+08:00`)}&to=${encodeURIComponent(`${monday}T23:59:00+08:00`)}`;
      await expect
        .poll(async () => {
          const items = (await api(dayUrl)).body.items as Array<{ handovers: unknown[] }>;
          return items[0]?.handovers.length;
        })
        .toBe(1);
      await expect.poll(() => table.textContent()).toContain('1 / 0');
      await shot(page, '19-duty');
    });

    it('a county officer sees only the county and cannot issue', async () => {
      const ctx = await browser.newContext({ ...DESKTOP, baseURL: base });
      const p = await ctx.newPage();
      watch(p);
      await signIn(p, OFFICER);
      expect(await p.locator('[data-test=who]').textContent()).toContain('博爱县');
      const menu = (await p.locator('.el-menu').textContent()) ?? '';
      expect(menu).not.toContain('发布指令');
      expect(menu).not.toContain('用户');
      await shot(p, '19-county-overview');
      await p.goto('/console/issue');
      await p.waitForURL(/\/console\/overview/);
      await p.goto(`/console/directives/${directiveId}`);
      const rows = p.locator('[data-test=progress] tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('博爱县');
      await shot(p, '20-county-directive');
      await p.goto('/console/registry/quality');
      const quality = p.locator('[data-test=quality] tbody tr');
      await quality.first().waitFor();
      expect(new Set((await quality.allTextContents()).map((r) => r.includes('博爱县')))).toEqual(new Set([true]));
      expect(await p.locator('[data-test=quality-summary]').textContent()).toMatch(/^\s*博爱县/);
      await shot(p, '21-county-quality');
      // The API refuses the officer too, with or without the CSRF header.
      const status = await p.evaluate(async (): Promise<[number, string]> => {
        const csrf = /hazeops_csrf=([^;]+)/.exec((globalThis as unknown as { document: { cookie: string } }).document.cookie)?.[1] ?? '';
        const body = JSON.stringify({ action: 'issue', level: 'red', counties: ['博爱县'], endsAt: null, basis: '越权尝试' });
        const withCsrf = await fetch('/api/v1/directives', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body });
        const without = await fetch('/api/v1/directives', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        return [withCsrf.status, ((await without.json()) as { error: { code: string } }).error.code];
      });
      expect(status).toEqual([403, 'CSRF_MISMATCH']);
      await ctx.close();
      expect(errors).toEqual([]);
    });
  });
}
