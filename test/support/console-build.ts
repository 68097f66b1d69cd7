import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './service-process.js';

export const CONSOLE_INDEX = join(ROOT, 'dist/web/console/index.html');

/**
 * Builds the console (`npm run build:console`) when dist has none, so that `npm test` stands alone;
 * an existing build (from `npm run build`) is used as it is.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  if (existsSync(CONSOLE_INDEX) && statSync(CONSOLE_INDEX).size > 0) return;
  await new Promise<void>((done, fail) => {
    execFile('npm', ['run', 'build:console', '--silent'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? fail(new Error(`npm run build:console failed:\n${stdout}${stderr}`)) : done(),
    );
  });
  if (!existsSync(CONSOLE_INDEX)) throw new Error(`npm run build:console wrote no ${CONSOLE_INDEX}`);
}
