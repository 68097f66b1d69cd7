import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIR } from '../../src/web/console-host/console-host.controller.js';
import { ensureConsoleBuilt } from '../support/console-build.js';

const ASSETS = join(CONSOLE_DIR, 'assets');
const gz = (file: string) => gzipSync(readFileSync(join(ASSETS, file)), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The chunks a chunk needs before it runs: its static imports, recursively (dynamic `import()` excluded). */
function closure(start: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const src = readFileSync(join(ASSETS, f), 'utf8');
    for (const m of src.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) todo.push(m[1]!);
  }
  return seen;
}

/**
 * The console's JavaScript over the wire (gzip -9): what the first screen needs (entry, layout,
 * overview, and their static imports) against the whole build of the same run. Target: < 600 KB.
 */
describe('console bundle size', () => {
  beforeAll(() => ensureConsoleBuilt(), 300_000);

  it('prints the initial JavaScript (gzip) of the sign-in and overview screens beside the whole build', () => {
    const html = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
    const entry = /src="\/console\/assets\/([^"]+\.js)"/.exec(html)![1]!;
    const all = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
    const route = (name: string) => all.find((f) => f.startsWith(`${name}-`))!;
    const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + gz(f), 0);
    const total = sum(all);
    const login = sum(closure([entry, route('LoginView')]));
    const overview = sum(closure([entry, route('ConsoleLayout'), route('OverviewView')]));
    console.log(
      `console JS gzip: sign-in screen ${kb(login)}, overview (first screen after sign-in) ${kb(overview)}; whole build ${kb(total)} in ${all.length} chunks ` +
        `(overview loads ${((overview / total) * 100).toFixed(0)}% of it; target < 600 KB: ${overview < 600 * 1024 ? 'met' : 'NOT met'})`,
    );
    expect(overview).toBeGreaterThan(login);
  });
});
