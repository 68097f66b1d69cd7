import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../../src/database/embedded-database.js';
import { freePort } from '../support/polling.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) console.warn('embedded-root: skipped (not running as root)');

/** As root, PostgreSQL runs as the postgres OS user, which cannot enter a chmod 700 folder of root's. */
describe.skipIf(!isRoot)('embedded PostgreSQL as root with the data folder in a private (chmod 700) folder', () => {
  const privateDir = mkdtempSync(join(tmpdir(), 'hazeops-private-'));
  chmodSync(privateDir, 0o700);
  const dataDir = join(privateDir, '.data');
  afterAll(() => {
    const location = join(dataDir, 'pg-location');
    if (existsSync(location)) rmSync(readFileSync(location, 'utf8').trim(), { recursive: true, force: true });
    rmSync(privateDir, { recursive: true, force: true });
  });

  it('starts, keeps its data across a restart, and says where the data went', async () => {
    expect(spawnSync('su', ['-s', '/bin/sh', 'postgres', '-c', `cd ${privateDir}`]).status).not.toBe(0);
    // A port the OS says is free now: a random one in the ephemeral range can be the local port
    // of one of the parallel tests' connections, and the server then cannot bind it.
    const port = await freePort();
    const lines: string[] = [];
    const first = await startEmbeddedDatabase(dataDir, port, (m) => lines.push(m));
    try {
      const c = new pg.Client({ connectionString: first.url });
      await c.connect();
      await c.query('CREATE TABLE kept (v text)');
      await c.query("INSERT INTO kept VALUES ('survives')");
      await c.end();
    } finally {
      await first.stop();
    }
    expect(lines.some((l) => l.includes('cannot reach') && l.includes(dataDir))).toBe(true);
    const second = await startEmbeddedDatabase(dataDir, port, () => undefined);
    try {
      const c = new pg.Client({ connectionString: second.url });
      await c.connect();
      expect((await c.query('SELECT v FROM kept')).rows).toEqual([{ v: 'survives' }]);
      await c.end();
    } finally {
      await second.stop();
    }
  });
});
