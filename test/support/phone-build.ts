import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './service-process.js';

const OUT = join(ROOT, 'dist/web/phone');
const SOURCES = [join(ROOT, 'src/web/phone'), join(ROOT, 'src/web/shared')];

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when dist/web/phone is missing or older than a source of the pages. */
export function phoneBuildStale(): boolean {
  const html = [join(OUT, 'inspector.html'), join(OUT, 'ack.html')];
  if (!html.every(existsSync)) return true;
  const built = Math.min(...html.map((f) => statSync(f).mtimeMs));
  return SOURCES.some((d) => newest(d) > built);
}

/** `npm run build:phone` (Vite), so that `npm test` needs no build step before it. */
export function buildPhonePages(): Promise<void> {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [vite, 'build', '--config', 'src/web/phone/vite.config.ts', '--logLevel', 'warn'], // vitest sets NODE_ENV=test, which would make Vant number every component instance the same (its test mode).
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) fail(new Error(`building the phone pages failed:\n${stdout}${stderr}`));
        else done();
      },
    );
  });
}
