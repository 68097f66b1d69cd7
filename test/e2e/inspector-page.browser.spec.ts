import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { hasChromium, launchChromium, listenLocal, NO_CHROMIUM, openPhonePage, PHONE_WIDTHS, type PhonePage } from '../support/browser.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
// A coking plant in 修武县 whose orange measures stop L1; L2 keeps running.
const plant = sampleEnterprise(951, { name: '焦作测试951号焦化有限公司', industry: 'coking', fuel: null, measures: { orange: [stop('L1')] } });
// A 1×1 PNG that decodes (evidence is decoded before it is stored).
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' + '0000000970485973000003e8000003e801b57b526b0000000d49444154089963f8cfc0f01f00050001ffabce36890000000049454e44ae426082',
  'hex',
);
const INSPECTOR = { username: 'insp-xw', password: 'inspector-pass-1' };
/** Where the phone screenshots go, to be looked at by a person (kept after the run). */
const SHOTS = mkdtempSync(join(tmpdir(), 'hazeops-phone-shots-'));

if (!hasChromium) {
  console.warn(NO_CHROMIUM);
  describe('inspector page in a real browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('inspector page in a real browser (headless chromium, HTTP, PostgreSQL)', () => {
    let t: TestApp;
    let admin: string;
    let baseURL: string;
    let browser: Browser;
    let phone: PhonePage;
    let taskId: string;
    let work: string;
    // Orders are issued a few minutes ago, so that "now" (the page's default time, to the minute) falls inside them.
    const clock = new ControllableClock(new Date(Date.now() - 5 * 60_000));

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'hazeops-browser-'));
      writeFileSync(join(work, 'evidence.png'), PNG);
      t = await startTestApp({}, { clock });
      admin = await t.adminToken();
      baseURL = await listenLocal(t.app);
      await t.http
        .post('/api/v1/registry/import')
        .set('Authorization', admin)
        .send({ enterprises: [plant] })
        .expect(200);
      await t.http
        .post('/api/v1/directives')
        .set('Authorization', admin)
        .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '橙色预警' })
        .expect(200);
      await t.http.post('/api/v1/teams').set('Authorization', admin).send({ key: 'team-xw', name: '市督导一组', homeCounty: '博爱县' }).expect(201);
      await t.http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ ...INSPECTOR, role: 'inspector', team: 'team-xw' })
        .expect(201);
      const task = await t.http.post('/api/v1/tasks').set('Authorization', admin).send({ enterpriseCode: plant.code, team: 'team-xw', reason: '群众举报夜间生产' }).expect(201);
      taskId = task.body.id;
      // No mail server here: the county telephoned the plant, which is the proof of notice a penalty needs.
      const [order] = (await t.http.get('/api/v1/orders').set('Authorization', admin).expect(200)).body.items;
      await t.http
        .post(`/api/v1/orders/${order.orderId}/versions/1/phone-notices`)
        .set('Authorization', admin)
        .send({ calledName: '张三', phone: '13800000000', calledAt: clock.now().toISOString(), answeredBy: '张三' })
        .expect(201);
      clock.set(new Date());
      browser = await launchChromium();
      phone = await openPhonePage(browser, baseURL, PHONE_WIDTHS[0]);
    }, 180_000);
    afterAll(async () => {
      await phone?.context.close();
      await browser?.close();
      await t?.close();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('is a public, uncached phone page that runs only its own built script and stylesheet', async () => {
      const res = await t.http.get('/inspect').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('sha256-');
      expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      // No inline script: every <script> either loads a file of this origin or is the (never executed) JSON data block.
      const scripts = [...res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThanOrEqual(2);
      for (const [, attrs, body] of scripts) {
        if (/type="application\/json"/.test(attrs!)) expect(JSON.parse(body!)).toMatchObject({ timezone: 'Asia/Shanghai' });
        else expect({ attrs, body }).toEqual({ attrs: expect.stringMatching(/ src="\/phone\/assets\/[\w.-]+\.js"/), body: '' });
      }
      expect(res.text).not.toMatch(/ style=|<style/);
      // No external assets.
      expect(res.text).not.toMatch(/(src|href)="(https?:)?\/\/|<iframe/);
      // The built script is served, cached for good (its name changes with its content).
      const src = /src="(\/phone\/assets\/[\w.-]+\.js)"/.exec(res.text)![1]!;
      const js = await t.http.get(src).expect(200);
      expect(js.headers['content-type']).toMatch(/javascript/);
      expect(js.headers['cache-control']).toContain('immutable');
      await t.http.get('/phone/assets/nothing-here.js').expect(404);
      // Nor does the stylesheet fetch anything from elsewhere (Vant's icon font, with its CDN copy, is left out at build).
      const href = /href="(\/phone\/assets\/[\w.-]+\.css)"/.exec(res.text)![1]!;
      const css = await t.http.get(href).expect(200);
      expect(css.text).toContain('.van-radio');
      expect(css.text).not.toContain('@font-face');
      expect(css.text).not.toMatch(/url\((["']?)(https?:)?\/\//);
    });

    it('signs in, opens the task, records L1 running with a photo: 违规 and ¥100,000 on the county ledger', async () => {
      const { page } = phone;
      await page.goto('/inspect');
      await page.getByLabel('用户名').fill(INSPECTOR.username);
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByRole('button', { name: '登录' }).click();
      await expect.poll(() => page.locator('#login-msg').textContent()).toContain('用户名或密码错误');
      // Chromium logs the refused login (401) as a console error; nothing else may be.
      expect(phone.errors).toEqual([expect.stringContaining('401')]);
      phone.errors.length = 0;

      await page.getByLabel('密码').fill(INSPECTOR.password);
      await page.getByRole('button', { name: '登录' }).click();
      const item = page.locator(`a[data-task="${taskId}"]`);
      await item.waitFor();
      expect(await item.textContent()).toContain(plant.name);
      expect(await item.textContent()).toContain('定向核查');
      await item.click();

      const l1 = page.locator('section[data-line="L1"]');
      await l1.waitFor();
      expect(await l1.locator('.req').textContent()).toContain('停产');
      expect(await l1.textContent()).toMatch(/依据：.+「第\d+条/);
      expect(await page.locator('section[data-line="L2"] .req').textContent()).toContain('正常生产');
      // The time defaults to now, in the city's zone.
      const at = await l1.locator('input[type=datetime-local]').inputValue();
      expect(Math.abs(Date.parse(`${at}:00+08:00`) - Date.now())).toBeLessThan(2 * 60_000);

      await l1.getByRole('radio', { name: '生产中' }).click();
      await l1.getByLabel('电表读数（kW，可选）').fill('980');
      await l1.getByLabel('现场情况说明（可选）').fill('窑头有明火，烟囱冒烟 <b>x</b>');
      await l1.locator('input[type=file]').setInputFiles(join(work, 'evidence.png'));
      await l1.getByRole('button', { name: '提交核查结果' }).click();

      const verdict = l1.locator('.verdict');
      await verdict.waitFor();
      expect(await verdict.textContent()).toContain('违规');
      expect(await verdict.textContent()).toContain('¥100,000');
      await expect.poll(() => l1.locator('.result').textContent()).toContain('已上传照片 1 张');
      expect(await l1.locator('ul.findings').textContent()).toContain('违规');
      await page.screenshot({ path: join(SHOTS, `inspector-verdict-${PHONE_WIDTHS[0]}.png`), fullPage: true });
      console.info(`phone screenshots: ${SHOTS}`);

      const ledger = await t.http.get('/api/v1/ledger').query({ county: '修武县' }).set('Authorization', admin).expect(200);
      const entries = (ledger.body.items as Array<{ enterpriseCode: string; amount: number; findingId: string }>).filter((e) => e.enterpriseCode === plant.code);
      expect(entries).toEqual([expect.objectContaining({ amount: 100000 })]);
      const evidence = await t.http.get(`/api/v1/findings/${entries[0].findingId}/evidence`).set('Authorization', admin).expect(200);
      expect(evidence.body).toHaveLength(1);
      expect(evidence.body[0]).toMatchObject({ sha256: createHash('sha256').update(PNG).digest('hex'), size: PNG.length });
    }, 120_000);

    it('keeps a half-filled finding when the network drops, and restores it after a reload', async () => {
      const { page, context } = phone;
      const l2 = page.locator('section[data-line="L2"]');
      await l2.getByRole('radio', { name: '已停产' }).click();
      await l2.getByLabel('电表读数（kW，可选）').fill('12.5');
      await l2.getByLabel('现场情况说明（可选）').fill('二号线已停，余热锅炉保压');
      await l2.locator('input[type=file]').setInputFiles(join(work, 'evidence.png'));
      await context.setOffline(true);
      await l2.getByRole('button', { name: '提交核查结果' }).click();
      await expect.poll(() => l2.locator('.result').textContent()).toContain('网络中断，已保存草稿，恢复网络后请重新提交');
      // The photo is kept with the draft (IndexedDB): the page says so.
      expect(await l2.locator('.result').textContent()).toContain('草稿连同 1 张照片保存在本机');

      await context.setOffline(false);
      await page.reload();
      const again = page.locator('section[data-line="L2"]');
      await again.waitFor();
      expect(await again.locator('.draft-note').textContent()).toContain('已恢复未提交的草稿');
      await expect.poll(() => again.locator('.draft-note').textContent()).toContain('已恢复草稿中的 1 张照片');
      expect(await again.locator('.van-uploader__preview img').count()).toBe(1);
      expect(await again.getByRole('radio', { name: '已停产' }).getAttribute('aria-checked')).toBe('true');
      expect(await again.getByRole('radio', { name: '生产中' }).getAttribute('aria-checked')).toBe('false');
      expect(await again.getByLabel('电表读数（kW，可选）').inputValue()).toBe('12.5');
      expect(await again.getByLabel('现场情况说明（可选）').inputValue()).toBe('二号线已停，余热锅炉保压');
      // L1 was submitted: it has no draft.
      expect(await page.locator('section[data-line="L1"] .draft-note').textContent()).toBe('');

      // Submitted online, the draft is gone.
      await again.getByRole('button', { name: '提交核查结果' }).click();
      await again.locator('.verdict').waitFor();
      expect(await again.locator('.verdict').textContent()).toContain('合规');
      // The photo restored from the draft is uploaded with the finding.
      await expect.poll(() => again.locator('.result').textContent()).toContain('已上传照片 1 张');
      await page.reload();
      await page.locator('section[data-line="L2"]').waitFor();
      expect(await page.locator('section[data-line="L2"] .draft-note').textContent()).toBe('');
      expect(await page.locator('section[data-line="L2"] ul.findings').textContent()).toContain('合规');
      const l2Finding = await page.locator('section[data-line="L2"] ul.findings li[data-finding]').getAttribute('data-finding');
      const kept = await t.http.get(`/api/v1/findings/${l2Finding}/evidence`).set('Authorization', admin).expect(200);
      expect(kept.body).toEqual([expect.objectContaining({ sha256: createHash('sha256').update(PNG).digest('hex') })]);
      // Submitted, the draft's photo is gone from the browser too.
      const left = await page.evaluate(
        `new Promise((done) => { const r = indexedDB.open('hazeops-inspector'); r.onsuccess = () => { const q = r.result.transaction('draft-photos').objectStore('draft-photos').count(); q.onsuccess = () => done(q.result); }; })`,
      );
      expect(left).toBe(0);
      expect(phone.errors).toEqual([]);
    }, 120_000);

    it('opens again without network, from the copy its service worker keeps, with the last task and the draft', async () => {
      const { page, context } = phone;
      const sw = await t.http.get('/inspect-sw.js').expect(200);
      expect(sw.headers['content-type']).toMatch(/javascript/);
      expect(sw.headers['cache-control']).toBe('no-cache');
      await page.evaluate('navigator.serviceWorker.ready');
      await expect.poll(() => page.evaluate('!!navigator.serviceWorker.controller')).toBe(true);
      await page.locator('section[data-line="L2"]').getByLabel('现场情况说明（可选）').fill('离线前填写的说明');
      await context.setOffline(true);
      try {
        await page.reload();
        await page.locator('section[data-line="L2"]').waitFor();
        expect(await page.locator('main').textContent()).toContain('网络不可用，显示的是上次加载的内容');
        expect(await page.locator('section[data-line="L2"]').getByLabel('现场情况说明（可选）').inputValue()).toBe('离线前填写的说明');
      } finally {
        await context.setOffline(false);
      }
      await page.locator('section[data-line="L2"]').getByLabel('现场情况说明（可选）').fill('');
    }, 60_000);

    it('keeps a draft typed while offline (no submit) across a reload', async () => {
      const { page, context } = phone;
      const l1 = page.locator('section[data-line="L1"]');
      await context.setOffline(true);
      await expect.poll(() => page.locator('.net').count()).toBe(1);
      await l1.getByRole('radio', { name: '降负荷' }).click();
      await l1.getByLabel('实际负荷（%，相对设计产能）').fill('35');
      await l1.getByLabel('现场情况说明（可选）').fill('断网时记录：一号线降负荷运行');
      await context.setOffline(false);
      await page.reload();
      const again = page.locator('section[data-line="L1"]');
      await again.locator('.draft-note .notice').waitFor();
      expect(await again.getByRole('radio', { name: '降负荷' }).getAttribute('aria-checked')).toBe('true');
      expect(await again.getByLabel('实际负荷（%，相对设计产能）').inputValue()).toBe('35');
      expect(await again.getByLabel('现场情况说明（可选）').inputValue()).toBe('断网时记录：一号线降负荷运行');
      expect(phone.errors).toEqual([]);
    }, 60_000);

    it(`fits ${PHONE_WIDTHS.join(' and ')} px phones without horizontal scrolling`, async () => {
      for (const width of PHONE_WIDTHS) {
        const other = await openPhonePage(browser, baseURL, width);
        try {
          const { page } = other;
          await page.goto('/inspect');
          await page.getByLabel('用户名').fill(INSPECTOR.username);
          await page.getByLabel('密码').fill(INSPECTOR.password);
          await page.getByRole('button', { name: '登录' }).click();
          await page.locator(`a[data-task="${taskId}"]`).waitFor();
          await page.screenshot({ path: join(SHOTS, `inspector-tasks-${width}.png`) });
          await page.locator(`a[data-task="${taskId}"]`).click();
          await page.locator('section[data-line="L1"]').waitFor();
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
          await page.screenshot({ path: join(SHOTS, `inspector-task-${width}.png`) });
          await page.locator('section[data-line="L2"]').screenshot({ path: join(SHOTS, `inspector-form-${width}.png`) });
          expect(other.errors).toEqual([]);
        } finally {
          await other.context.close();
        }
      }
    }, 60_000);
  });
}
