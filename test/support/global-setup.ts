import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../src/database/embedded-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server where tests may create and drop their own databases. */
    adminDatabaseUrl: string;
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Tests use DATABASE_URL's server when given, else the local PostgreSQL on 127.0.0.1:5432,
 * else an embedded PostgreSQL in a temporary folder: `npm test` needs no setup.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    project.provide('adminDatabaseUrl', configured);
    return async () => undefined;
  }
  // Overridable so that the embedded fallback itself can be exercised on a machine that has a server.
  const local = process.env.HAZEOPS_TEST_LOCAL_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await reachable(local)) {
    project.provide('adminDatabaseUrl', local);
    return async () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hazeops-test-pg-'));
  const port = 55000 + Math.floor(Math.random() * 5000);
  const embedded = await startEmbeddedDatabase(dir, port, () => undefined);
  project.provide('adminDatabaseUrl', embedded.url);
  return async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
