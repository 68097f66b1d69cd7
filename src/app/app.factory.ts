import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { join } from 'node:path';
import { AppModule, type AppOverrides } from './app.module.js';
import { inputHygieneMiddleware } from '../common/input-hygiene.middleware.js';
import { documentErrorResponses } from '../common/openapi-errors.js';
import { securityHeaders } from '../common/security-headers.js';
import { AppValidationPipe } from '../common/validation.pipe.js';
import type { AppConfig } from '../config/app-config.js';
import type { DomainConfig } from '../config/domain-config.js';
import { createLogger } from '../logging/logger.js';
import { requestLoggingMiddleware } from '../logging/request-logging.middleware.js';
import { CSV_TYPES, XLSX_TYPE } from '../registry/import-kind.js';
import { PHONE_ASSETS_PATH, phoneBuildDir } from '../web/phone-pages/phone-build.js';

/** Builds the HTTP application the same way for `main`, the CLI-less tests and the benchmarks. */
export async function createApp(app: AppConfig, domain: DomainConfig, databaseUrl: string, overrides: AppOverrides = {}): Promise<INestApplication> {
  const logger = createLogger(app.logLevel);
  const nest = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(app, domain, databaseUrl, overrides), { logger: logger.nest, bodyParser: false });
  nest.disable('x-powered-by');
  // Nobody's X-Forwarded-For is believed unless TRUST_PROXY names the proxies.
  nest.set('trust proxy', app.trustProxy);
  nest.use(securityHeaders(app.publicBaseUrl.startsWith('https:')));
  nest.use(requestLoggingMiddleware(logger));
  // Imports may be large; every other route keeps a small body limit.
  nest.use('/api/v1/registry/import', express.json({ limit: '200mb' }), express.raw({ type: [...CSV_TYPES, XLSX_TYPE], limit: '200mb' }));
  nest.use('/api/v1/findings', express.raw({ type: ['image/jpeg', 'image/png', 'image/webp'], limit: domain.inspection.evidence.maxBytes + 1024 }));
  // A season of hourly AQI for 11 counties is some 1.5 MB of CSV.
  nest.use('/api/v1/simulations', express.json({ limit: '20mb' }), express.raw({ type: ['text/csv', 'application/csv'], limit: '20mb' }));
  nest.use('/api/v1/power-readings', express.json({ limit: '50mb' }), express.raw({ type: ['text/csv', 'application/csv'], limit: '50mb' }));
  nest.use(express.json({ limit: '1mb' }));
  nest.use(express.urlencoded({ extended: false, limit: '1mb' }));
  // The phone pages' built scripts and stylesheets: public, named by content hash, so cached for good.
  nest.use(PHONE_ASSETS_PATH, express.static(join(phoneBuildDir(), 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: true }));
  nest.use(inputHygieneMiddleware());
  nest.useGlobalPipes(new AppValidationPipe());
  SwaggerModule.setup('api/docs', nest, () => openApiDocument(nest), { jsonDocumentUrl: 'api/docs-json' });
  return nest;
}

/** The service's OpenAPI document: served at /api/docs-json and written for the console's typed client (`npm run openapi`). */
export function openApiDocument(nest: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('HazeOps API')
    .setDescription('Winter prevention command center engine: registry, response levels, orders, dispatch, inspections.')
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('hazeops_session')
    .build();
  return documentErrorResponses(SwaggerModule.createDocument(nest, doc));
}
