import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './service-process.js';

export const CONSOLE_INDEX = join(ROOT, 'dist/web/console/index.html');

const SOURCES = [join(ROOT, 'src/web/console'), join(ROOT, 'src/web/shared')];

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when dist has no console, or one older than a source of it (a stale build would test old screens). */
function consoleBuildStale(): boolean {
  if (!existsSync(CONSOLE_INDEX) || statSync(CONSOLE_INDEX).size === 0) return true;
  const built = statSync(CONSOLE_INDEX).mtimeMs;
  return SOURCES.some((d) => newest(d) > built);
}

/**
 * Builds the console (`npm run build:console`) when dist has none or an older one, so that
 * `npm test` stands alone; an up-to-date build (from `npm run build`) is used as it is.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  if (!consoleBuildStale()) return;
  await new Promise<void>((done, fail) => {
    execFile('npm', ['run', 'build:console', '--silent'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? fail(new Error(`npm run build:console failed:\n${stdout}${stderr}`)) : done(),
    );
  });
  if (!existsSync(CONSOLE_INDEX)) throw new Error(`npm run build:console wrote no ${CONSOLE_INDEX}`);
}
