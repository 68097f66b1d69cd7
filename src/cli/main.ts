import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { SYSTEM_ACTOR } from '../audit/audit.service.js';
import { DomainError } from '../common/domain-error.js';
import { loadAppConfig } from '../config/app-config.js';
import { loadDomainConfig } from '../config/domain-config.js';
import { startEmbeddedDatabase } from '../database/embedded-database.js';
import { JsonLogger } from '../logging/json-logger.js';
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

async function runImport(file: string, dryRun: boolean): Promise<number> {
  const kind = kindOf(file);
  const raw = readFileSync(file);
  let body: unknown = raw;
  if (kind === 'json') {
    try {
      body = JSON.parse(raw.toString('utf8')) as unknown;
    } catch (err) {
      throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const app = { ...loadAppConfig(), demo: false };
  const domain = loadDomainConfig();
  const say = (msg: string) => process.stderr.write(msg + '\n');
  let databaseUrl = app.databaseUrl;
  let stop = async () => undefined as void;
  if (databaseUrl === null) {
    const embedded = await startEmbeddedDatabase(app.dataDir, app.embeddedPgPort, say);
    databaseUrl = embedded.url;
    stop = embedded.stop;
  }
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(app, domain, databaseUrl), { logger: new JsonLogger('warn') });
  try {
    say(`reading ${file} (${kind}, ${raw.length} bytes)…`);
    const summary = await ctx.get(RegistryImportService).import(SYSTEM_ACTOR, kind, body, {
      dryRun,
      onProgress: (stage, done, total) => say(`${stage}: ${done}/${total}`),
    });
    process.stdout.write(JSON.stringify(summary) + '\n');
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'import' && rest.length >= 1) {
    const file = rest.find((a) => !a.startsWith('--'));
    if (!file) throw new Error(USAGE);
    return runImport(file, rest.includes('--dry-run'));
  }
  process.stderr.write(USAGE + '\n');
  return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`hazeops: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
