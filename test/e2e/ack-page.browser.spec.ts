import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Browser } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { hasChromium, launchChromium, NO_CHROMIUM, openPhonePage, PHONE_WIDTHS } from '../support/browser.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { freePort } from '../support/polling.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
// A coking plant in 修武县 whose orange measures stop L1 (L2 keeps running); its name holds markup, shown as text.
const plant = sampleEnterprise(961, {
  name: '焦作测试961号<b>焦化</b>有限公司',
  industry: 'coking',
  fuel: null,
  contacts: [{ name: '李四', role: 'env_officer', email: 'li961@example.com', phone: null }],
  measures: { orange: [stop('L1')] },
});
/** Where the phone screenshots go, to be looked at by a person (kept after the run). */
const SHOTS = mkdtempSync(join(tmpdir(), 'hazeops-ack-shots-'));

if (!hasChromium) {
  console.warn(NO_CHROMIUM);
  describe('acknowledgement page in a real browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('acknowledgement page in a real browser (headless chromium, SMTP, PostgreSQL)', () => {
    let t: TestApp;
    let ds: DataSource;
    let browser: Browser;
    let link: string;
    const smtp = new SmtpSink();

    beforeAll(async () => {
      await smtp.start();
      // The e-mail's link must be one the browser can open: the service listens where PUBLIC_BASE_URL says.
      const port = await freePort();
      t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
      await t.app.listen(port, '127.0.0.1');
      ds = t.app.get(getDataSourceToken());
      const admin = await t.adminToken();
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
      await t.app.get(DispatchWorker).drain();
      const mail = smtp.to('li961@example.com');
      expect(mail).toHaveLength(1);
      const m = /https?:\/\/[^\s<>"]+\/ack\/[A-Za-z0-9_.-]+/.exec(mail[0]!.text ?? '');
      if (!m) throw new Error('no acknowledgement link in the mail');
      link = m[0];
      browser = await launchChromium();
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await t?.close();
      await smtp.stop();
    });

    it(`shows the order to acknowledge at ${PHONE_WIDTHS[1]} px, without horizontal scrolling`, async () => {
      const phone = await openPhonePage(browser, link, PHONE_WIDTHS[1]);
      try {
        const { page } = phone;
        await page.goto(link);
        await page.getByRole('button', { name: '确认签收' }).waitFor();
        expect(await page.locator('h1').textContent()).toMatch(/^生产调控指令 焦冬防指〔\d{4}〕\d+号（第1版）$/);
        expect(await page.locator('main').textContent()).toContain('焦作测试961号<b>焦化</b>有限公司');
        expect(await page.locator('main b').count()).toBe(0);
        expect(await page.locator('.notice.warn', { hasText: '前阅读并签收' }).textContent()).toMatch(/^请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前阅读并签收本指令。$/);
        // Where the version stands on the timeline: in force since its start, until lifted.
        expect(await page.locator('.notice', { hasText: '本版指令正在执行' }).textContent()).toMatch(/^本版指令正在执行：自 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 起，直至解除。$/);
        expect(await page.locator('section[data-line="L1"] .req').textContent()).toBe('停产');
        expect(await page.locator('section[data-line="L2"] .req').textContent()).toBe('正常生产');
        // Nothing to confirm before 签收.
        expect(await page.getByRole('button', { name: '确认已落实' }).count()).toBe(0);
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE_WIDTHS[1]);
        await page.screenshot({ path: join(SHOTS, `ack-pending-${PHONE_WIDTHS[1]}.png`), fullPage: true });
        expect(phone.errors).toEqual([]);
      } finally {
        await phone.context.close();
      }
    }, 60_000);

    it(`acknowledges and confirms a line at ${PHONE_WIDTHS[0]} px: the same receipt as the API, the time read in the city's zone`, async () => {
      const phone = await openPhonePage(browser, link, PHONE_WIDTHS[0]);
      try {
        const { page } = phone;
        await page.goto(link);
        await page.getByRole('button', { name: '确认签收' }).click();
        await expect.poll(() => page.locator('.notice.ok').first().textContent()).toContain('已确认签收');
        expect(await page.locator('main').textContent()).toMatch(/已签收：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（通过邮件链接签收）/);
        expect(await page.getByRole('button', { name: '确认签收' }).count()).toBe(0);
        const [acked] = await ds.query('SELECT acknowledged_at, acknowledged_by FROM order_versions WHERE enterprise_code = $1', [plant.code]);
        expect(acked.acknowledged_by).toBe(`link:${plant.code}`);
        expect(acked.acknowledged_at).not.toBeNull();

        // Only the stopped line asks for a confirmation; its time defaults to now, local.
        const l1 = page.locator('section[data-line="L1"]');
        expect(await page.locator('section[data-line="L2"] form').count()).toBe(0);
        const at = l1.getByLabel('停产时间（当地时间）');
        const local = await at.inputValue();
        expect(Math.abs(Date.parse(`${local}:00+08:00`) - Date.now())).toBeLessThan(2 * 60_000);
        await page.screenshot({ path: join(SHOTS, `ack-acknowledged-${PHONE_WIDTHS[0]}.png`), fullPage: true });
        await at.fill('');
        await l1.getByRole('button', { name: '确认已落实' }).click();
        expect(await l1.locator('.notice.error').textContent()).toContain('请填写落实时间');
        await at.fill(local);
        await l1.getByRole('button', { name: '确认已落实' }).click();
        await expect.poll(() => l1.locator('.done').count()).toBe(1);
        expect(await l1.locator('.done').textContent()).toMatch(/^已确认落实：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
        expect(await page.locator('main').textContent()).toContain('各生产线均已确认落实。');
        const [impl] = await ds.query('SELECT implementation, implemented_at FROM order_versions WHERE enterprise_code = $1', [plant.code]);
        expect(impl.implementation.L1.at).toBe(new Date(`${local}:00+08:00`).toISOString());
        expect(impl.implemented_at).not.toBeNull();
        await page.screenshot({ path: join(SHOTS, `ack-implemented-${PHONE_WIDTHS[0]}.png`), fullPage: true });

        // Reopened, the link shows where things stand.
        await page.reload();
        await page.locator('section[data-line="L1"] .done').waitFor();
        expect(await page.getByRole('button', { name: '确认签收' }).count()).toBe(0);
        expect(phone.errors).toEqual([]);
        console.info(`phone screenshots: ${SHOTS}`);
      } finally {
        await phone.context.close();
      }
    }, 60_000);

    it('a tampered link says so in Chinese, and what to do', async () => {
      const phone = await openPhonePage(browser, link, PHONE_WIDTHS[0]);
      try {
        const { page } = phone;
        await page.goto(`${link.slice(0, -2)}xx`);
        await page.locator('h1').waitFor();
        expect(await page.locator('h1').textContent()).toBe('链接无效');
        expect(await page.locator('.notice.error').textContent()).toContain('请从指令邮件中直接点击链接打开');
        // The page itself and the refused API call answer 403: those are the only console errors.
        expect(phone.errors.length).toBeGreaterThan(0);
        for (const e of phone.errors) expect(e).toContain('403');
      } finally {
        await phone.context.close();
      }
    }, 60_000);
  });
}
