import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { openApiDocument } from '../app/app.factory.js';
import { AppModule } from '../app/app.module.js';
import { loadAppConfig } from '../config/app-config.js';
import { loadDomainConfig } from '../config/domain-config.js';

/**
 * The OpenAPI document without a database: Nest's preview mode resolves the module graph and
 * the routes but instantiates no provider, so nothing connects anywhere.
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hazeops-openapi-'));
  try {
    const app = loadAppConfig({
      DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview',
      HAZEOPS_SECRET: 'preview-only-secret-never-used-0123456789',
      HAZEOPS_DATA_DIR: dataDir,
      HAZEOPS_DEMO: 'false',
    });
    const nest = await NestFactory.create(AppModule.forRoot(app, loadDomainConfig(), app.databaseUrl!), { preview: true, abortOnError: false, logger: false });
    const doc = openApiDocument(nest);
    await nest.close();
    return doc;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Stable text for the committed file: two-space JSON and a final newline. Path parameters are
 * put in the order of the path template, because tsc and swc apply parameter decorators in
 * different orders and the document must not depend on the compiler.
 */
export function openApiText(doc: OpenAPIObject): string {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const operation of Object.values(item)) {
      const parameters = (operation as { parameters?: unknown }).parameters;
      if (Array.isArray(parameters)) parameters.sort((a, b) => parameterRank(path, a) - parameterRank(path, b));
    }
  }
  return JSON.stringify(doc, null, 2) + '\n';
}

/** A path parameter ranks by where it stands in the template; others keep their order after them (sort is stable). */
function parameterRank(path: string, parameter: unknown): number {
  const { in: where, name } = parameter as { in?: string; name?: string };
  if (where !== 'path' || !name) return Number.MAX_SAFE_INTEGER;
  const at = path.indexOf(`{${name}}`);
  return at < 0 ? Number.MAX_SAFE_INTEGER : at;
}

// `node dist/src/cli/openapi.js <file>` (npm run openapi) writes the document.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const out = process.argv[2];
  previewOpenApiDocument().then(
    (doc) => {
      if (out) writeFileSync(out, openApiText(doc));
      else process.stdout.write(openApiText(doc));
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`openapi: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
