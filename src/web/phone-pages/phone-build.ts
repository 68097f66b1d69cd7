import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Response } from 'express';

/** Where `npm run build:phone` writes the phone pages: `<repository>/dist/web/phone`. */
export function phoneBuildDir(): string {
  // The same answer from src/ (tests) and from dist/src/ (the built service): the folder holding package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('phoneBuildDir: no package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return join(dir, 'dist/web/phone');
}

/** The URL path the built pages load their scripts and stylesheets from (Vite's `base`). */
export const PHONE_ASSETS_PATH = '/phone/assets';

/**
 * Only the page's own built script and stylesheet run; API calls go to the same origin;
 * photo previews come from blob:/data: URLs. Set on these routes explicitly, whatever a
 * global security-header middleware says.
 */
export const PHONE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON safe inside a `<script type="application/json">` data block (never executed, so the CSP allows it). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const NOT_BUILT =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面尚未构建</title></head>' +
  '<body><h1>页面尚未构建</h1><p>请先运行 npm run build（或 npm run build:phone），再重新打开本页面。</p></body></html>';

export type PhonePageName = 'inspector' | 'ack';

/**
 * One built page's HTML, read once; `data` is embedded as the `page-config` data block.
 * A missing build answers 503 with a Chinese note instead of failing the boot: the API
 * works without the pages.
 */
export class PhonePage {
  private html: string | null = null;

  constructor(
    private readonly name: PhonePageName,
    private readonly data: unknown,
  ) {}

  private load(): string | null {
    if (this.html !== null) return this.html;
    const file = join(phoneBuildDir(), `${this.name}.html`);
    if (!existsSync(file)) return null;
    const built = readFileSync(file, 'utf8');
    const block = `<script type="application/json" id="page-config">${jsonForScript(this.data)}</script>\n`;
    this.html = built.replace('</head>', `${block}</head>`);
    return this.html;
  }

  send(res: Response, status = 200): void {
    const html = this.load();
    res
      .status(html === null ? 503 : status)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .setHeader('Content-Security-Policy', PHONE_CSP)
      .setHeader('Referrer-Policy', 'no-referrer')
      .setHeader('X-Content-Type-Options', 'nosniff')
      .setHeader('X-Frame-Options', 'DENY')
      .send(html ?? NOT_BUILT);
  }
}

/**
 * The inspector page's service worker (built to dist/web/phone/inspector-sw.js), at a fixed
 * URL so that its scope can cover /inspect; revalidated on every registration check.
 */
export function sendInspectorWorker(res: Response): void {
  const file = join(phoneBuildDir(), 'inspector-sw.js');
  if (!existsSync(file)) {
    res.status(404).type('text/plain; charset=utf-8').send('页面尚未构建（npm run build）');
    return;
  }
  res
    .status(200)
    .type('text/javascript')
    .setHeader('Cache-Control', 'no-cache')
    .setHeader('Content-Security-Policy', PHONE_CSP)
    .setHeader('X-Content-Type-Options', 'nosniff')
    .send(readFileSync(file, 'utf8'));
}
