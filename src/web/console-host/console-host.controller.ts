import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.decorators.js';
import { projectRoot } from '../../config/config-files.js';

/** Where `npm run build:console` (Vite) writes the console. */
export const CONSOLE_DIR = join(projectRoot(), 'dist', 'web', 'console');

/**
 * The console's policy: scripts and styles only from this origin (Vite emits no inline script),
 * data only from this API, no frames. Element Plus positions poppers through the CSSOM, which
 * `style-src 'self'` allows.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secure(res: Response): Response {
  return res.setHeader('Content-Security-Policy', CONSOLE_CSP).setHeader('Referrer-Policy', 'no-referrer').setHeader('X-Content-Type-Options', 'nosniff').setHeader('X-Frame-Options', 'DENY');
}

/**
 * 指挥部控制台 (GET /console/…): the single-page application built by Vite. Hashed assets are
 * cached for good; every other path under /console/ answers index.html (the router's routes).
 */
@ApiExcludeController()
@Controller()
export class ConsoleHostController {
  private index: string | null = null;

  @Get()
  @Public()
  root(@Res() res: Response): void {
    res.redirect(302, '/console/');
  }

  /** Express matches `/console/` here too (non-strict routing): only the bare path redirects. */
  @Get('console')
  @Public()
  bare(@Req() req: Request, @Res() res: Response): void {
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) {
      res.redirect(302, '/console/');
      return;
    }
    this.sendIndex(res);
  }

  @Get('console/*path')
  @Public()
  show(@Param('path') path: string[] | string, @Res() res: Response): void {
    const rel = Array.isArray(path) ? path.join('/') : path;
    if (rel.startsWith('assets/')) {
      const file = normalize(join(CONSOLE_DIR, rel));
      if (file.startsWith(CONSOLE_DIR + sep) && existsSync(file)) {
        secure(res).setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        res.sendFile(file);
        return;
      }
      secure(res).status(404).type('text/plain; charset=utf-8').send('未找到该文件');
      return;
    }
    this.sendIndex(res);
  }

  private sendIndex(res: Response): void {
    const html = this.readIndex();
    if (html === null) {
      secure(res).status(503).type('text/plain; charset=utf-8').send('控制台尚未构建：请先运行 npm run build');
      return;
    }
    secure(res).status(200).type('html').setHeader('Cache-Control', 'no-cache').send(html);
  }

  /** Read once when present; a missing build is looked for again on the next request. */
  private readIndex(): string | null {
    if (this.index !== null) return this.index;
    const file = join(CONSOLE_DIR, 'index.html');
    if (!existsSync(file)) return null;
    this.index = readFileSync(file, 'utf8');
    return this.index;
  }
}
