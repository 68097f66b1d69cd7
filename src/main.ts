import 'reflect-metadata';
import { pino } from 'pino';
import { loadAppConfig } from './config/app-config.js';
import { loadDomainConfig } from './config/domain-config.js';
import { EmbeddedDatabaseError, startEmbeddedDatabase } from './database/embedded-database.js';
import { createApp } from './app/app.factory.js';
import { pinoOptions } from './logging/logger.js';

// Start and stop lines show whatever LOG_LEVEL says (tests wait for "HazeOps listening").
const mainLog = pino(pinoOptions('info')).child({ context: 'main' });
function line(level: 'info' | 'error', msg: string): void {
  mainLog[level](msg);
}

async function main(): Promise<void> {
  let app, domain;
  try {
    app = loadAppConfig();
    domain = loadDomainConfig();
  } catch (err) {
    // One clear line naming the bad value, then stop.
    process.stderr.write(`hazeops: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(78);
  }
  let databaseUrl = app.databaseUrl;
  let stopDatabase = async (): Promise<void> => undefined;
  if (databaseUrl === null) {
    const embedded = await startEmbeddedDatabase(app.dataDir, app.embeddedPgPort, (m) => line('info', m));
    line('info', `no DATABASE_URL: using the embedded PostgreSQL in ${app.dataDir}/pg (port ${app.embeddedPgPort})`);
    databaseUrl = embedded.url;
    stopDatabase = embedded.stop;
  }
  const nest = await createApp(app, domain, databaseUrl);
  await nest.listen(app.port);
  // Close the app first (it still needs the database), then the embedded database.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      line('info', `${signal}: shutting down`);
      nest
        .close()
        .then(stopDatabase)
        .then(
          () => process.exit(0),
          (err: unknown) => {
            line('error', `shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
            process.exit(1);
          },
        );
    });
  }
  line('info', `HazeOps listening on http://localhost:${app.port} (API docs at /api/docs)`);
}

main().catch((err: unknown) => {
  // A problem the operator can fix is one line saying what to do; anything else keeps its stack.
  if (err instanceof EmbeddedDatabaseError) {
    process.stderr.write(`hazeops: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`hazeops: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
