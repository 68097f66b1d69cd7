import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); .ci/run installs it when missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const hasChromium = existsSync(CHROMIUM_PATH);

export const NO_CHROMIUM = `browser tests skipped: ${CHROMIUM_PATH} is missing — install Debian's chromium ` + '(apt-get install chromium; .ci/run does it before the tests)';

/** Headless chromium with nothing running in the background (no updates, sync or QUIC probes). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized window in Chinese, on the city's clock. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
} as const;

export interface PhonePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors (a CSP violation is one): a healthy page has none. */
  errors: string[];
}

/** The narrowest and widest phones the pages are made for (CSS px). */
export const PHONE_WIDTHS = [360, 414] as const;

export async function openPhonePage(browser: Browser, baseURL: string, width: number = PHONE.viewport.width): Promise<PhonePage> {
  const context = await browser.newContext({ ...PHONE, viewport: { ...PHONE.viewport, width }, baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A fetch that fails while offline is logged by chromium as a console error; it is expected there.
    if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/** Listens on 127.0.0.1 on a free port and answers the base URL a browser can open. */
export async function listenLocal(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  return `http://127.0.0.1:${port}`;
}
