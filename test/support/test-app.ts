import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/app/app.factory.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { loadDomainConfig, type DomainConfig } from '../../src/config/domain-config.js';
import type { Clock } from '../../src/common/clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

type TestAgent = ReturnType<typeof request>;

export const ADMIN = { username: 'chief', password: 'chief-password-1' };

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  db: TestDatabase;
  dataDir: string;
  /** Signs in and answers the bearer header value. */
  login(username: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

/** The whole application over its own fresh database, built exactly as `main` builds it. */
export interface TestAppOptions {
  clock?: Clock;
  /** Adjust the city's configuration (e.g. faster retries) before the app is built. */
  domain?: (d: DomainConfig) => DomainConfig;
  /** Use this database instead of a fresh one (a second instance, a restart). */
  db?: TestDatabase;
}

export async function startTestApp(env: Record<string, string> = {}, opts: TestAppOptions = {}): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase());
  const ownsDb = !opts.db;
  const dataDir = mkdtempSync(join(tmpdir(), 'hazeops-test-data-'));
  const config = loadAppConfig({
    DATABASE_URL: db.url,
    HAZEOPS_SECRET: 'test-secret-test-secret-test-secret-0123',
    HAZEOPS_ADMIN_USER: ADMIN.username,
    HAZEOPS_ADMIN_PASSWORD: ADMIN.password,
    HAZEOPS_DATA_DIR: dataDir,
    HAZEOPS_DEMO: 'false',
    HAZEOPS_SCHEDULER: 'false',
    HAZEOPS_DISPATCHER: 'false',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const domain = loadDomainConfig();
  const app = await createApp(config, opts.domain ? opts.domain(domain) : domain, db.url, { clock: opts.clock });
  await app.init();
  const http = request(app.getHttpServer());
  let adminBearer: string | null = null;
  const login = async (username: string, password: string) => {
    const res = await http.post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return 'Bearer ' + (res.body as { accessToken: string }).accessToken;
  };
  return {
    app,
    http,
    db,
    dataDir,
    login,
    adminToken: async () => (adminBearer ??= await login(ADMIN.username, ADMIN.password)),
    close: async () => {
      await app.close();
      if (ownsDb) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
