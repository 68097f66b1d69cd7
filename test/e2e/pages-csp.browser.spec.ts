import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, listenLocal, NO_CHROMIUM } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

if (!hasChromium) console.warn(NO_CHROMIUM);

/** The Content-Security-Policy must not break the pages it protects: no violation, the page works. */
describe.skipIf(!hasChromium)('pages under the CSP (HTTP, PostgreSQL, chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listenLocal(t.app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const [path, ready] of [
    ['/api/docs', '.opblock'],
    ['/ack/not-a-valid-token', 'main'],
  ] as const) {
    it(`${path} renders without a CSP violation`, async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      await page.goto(base + path);
      await page.waitForSelector(ready, { timeout: 15_000 });
      expect(violations).toEqual([]);
      await page.close();
    });
  }

  it('the daily report page: its print button is allowed by the CSP (hash of its inline handler)', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: await t.adminToken() } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    // The page's own print() is replaced, so that the click shows whether the handler ran.
    await page.addInitScript(() => {
      const w = globalThis as unknown as { printed: number; print: () => void };
      w.printed = 0;
      w.print = () => {
        w.printed += 1;
      };
    });
    await page.goto(`${base}/api/v1/reports/daily?date=2026-12-10&format=html`);
    await page.click('button');
    expect(await page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
    expect(violations).toEqual([]);
    await context.close();
  });
});
