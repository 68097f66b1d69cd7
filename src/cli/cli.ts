import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app/app.module.js';
import { SYSTEM_ACTOR } from '../audit/audit.service.js';
import { DomainError } from '../common/domain-error.js';
import { loadAppConfig } from '../config/app-config.js';
import { loadDomainConfig } from '../config/domain-config.js';
import { startEmbeddedDatabase } from '../database/embedded-database.js';
import { createLogger } from '../logging/logger.js';
import { RegistryImportService, type ImportKind } from '../registry/registry-import.service.js';

const USAGE = `usage: npm run cli -- import <file.json|file.csv|file.xlsx> [--dry-run]

Imports a registry file all or nothing (same rules as POST /api/v1/registry/import).
Uses DATABASE_URL, or the embedded database in .data/ when it is not set.`;

function kindOf(file: string): ImportKind {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new Error(`cannot tell the format of ${file}: use a .json, .csv or .xlsx file`);
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

async function runImport(file: string, dryRun: boolean, io: CliIo): Promise<number> {
  const kind = kindOf(file);
  const raw = readFileSync(file);
  let body: unknown = raw;
  if (kind === 'json') {
    try {
      body = JSON.parse(raw.toString('utf8')) as unknown;
    } catch (err) {
      throw new Error(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  }
  const app = { ...loadAppConfig(io.env), demo: false, scheduler: false };
  const domain = loadDomainConfig();
  const say = (msg: string) => io.err(msg + '\n');
  let databaseUrl = app.databaseUrl;
  let stop = async () => undefined as void;
  if (databaseUrl === null) {
    const embedded = await startEmbeddedDatabase(app.dataDir, app.embeddedPgPort, say);
    databaseUrl = embedded.url;
    stop = embedded.stop;
  }
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(app, domain, databaseUrl), { logger: createLogger('warn').nest });
  try {
    say(`reading ${file} (${kind}, ${raw.length} bytes)…`);
    const summary = await ctx.get(RegistryImportService).import(SYSTEM_ACTOR, kind, body, {
      dryRun,
      onProgress: (stage, done, total) => say(`${stage}: ${done}/${total}`),
    });
    io.out(JSON.stringify(summary) + '\n');
    say(`${dryRun ? 'dry run: would create' : 'created'} ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}`);
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      say(`import refused: ${err.message}`);
      for (const d of (Array.isArray(err.details) ? err.details : []) as Array<Record<string, unknown>>) {
        const where = d.row != null ? `row ${String(d.row)}` : d.index != null ? `#${String(d.index)}` : '';
        say(`  ${where} ${String(d.enterpriseCode ?? '')} ${String(d.field ?? '')}: ${String(d.message ?? '')}`);
      }
      return 2;
    }
    throw err;
  } finally {
    await ctx.close();
    await stop();
  }
}

/** Runs one CLI command; answers the process exit code (0 ok, 1 failure, 2 refused import, 64 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'import' && rest.some((a) => !a.startsWith('--'))) {
      return await runImport(
        rest.find((a) => !a.startsWith('--'))!,
        rest.includes('--dry-run'),
        io,
      );
    }
  } catch (err) {
    io.err(`hazeops: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  io.err(USAGE + '\n');
  return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
}
