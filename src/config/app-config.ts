import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { projectRoot } from './config-files.js';

/** Everything the service reads from the environment, validated once at boot. */
export interface AppConfig {
  /** null: run the embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | null;
  /** The service's own (non-owner) connection; null: `<database>_app`, created at boot. Migrations use databaseUrl. */
  databaseAppUrl: string | null;
  /**
   * A read-only streaming replica for reports, exports and rankings (TypeORM replication);
   * null: every read goes to the primary. Without a user name it takes the service's role and password.
   */
  databaseReplicaUrl: string | null;
  port: number;
  smtpUrl: string | null;
  /** From: of order e-mail. */
  mailFrom: string;
  publicBaseUrl: string;
  secret: string;
  admin: { username: string; password: string } | null;
  /** Folder for the embedded database, generated secrets and uploads. */
  dataDir: string;
  embeddedPgPort: number;
  /** Load the demo registry into an empty database at boot. */
  demo: boolean;
  tokenTtlSeconds: number;
  /**
   * How long a user's row (active, credential version, role, bindings) may serve requests from
   * memory before the guard reads it again; 0: read it on every request. Changes made through
   * the service reach every instance at once (LISTEN/NOTIFY, see src/auth/credential-cache.ts);
   * this bounds how late an instance that missed a notice can be.
   */
  authCacheSeconds: number;
  /** How long a user change waits for every instance to confirm it has dropped the old row. */
  authCachePropagationMs: number;
  /** Run the cron jobs (and their catch-up at boot); off in tests that drive jobs by hand. */
  scheduler: boolean;
  /** Run the outbox worker loop; off in tests that drain the outbox by hand. */
  dispatcher: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Express `trust proxy`: false (default: X-Forwarded-For is ignored), a hop count, or the proxies' addresses. */
  trustProxy: false | number | string[];
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function bad(name: string, why: string): never {
  throw new ConfigError(`Invalid configuration: ${name} ${why}`);
}

function optional(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

function intIn(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) bad(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  return Number(raw);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = optional(env, name);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    bad(name, `must be a URL (${protocols.join(' or ')}), got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) bad(name, `must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  return raw;
}

/**
 * The embedded (demo) mode generates a signing secret once and keeps it in the data folder,
 * so `npm start` works with no environment at all; with a configured database the secret is required.
 */
function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** Whose X-Forwarded-For to believe: nobody unless configured, since any client can send one. */
function trustProxy(env: Env): AppConfig['trustProxy'] {
  const raw = optional(env, 'TRUST_PROXY');
  if (raw === null || raw === 'false' || raw === 'none' || raw === '0') return false;
  if (/^\d+$/.test(raw)) {
    if (Number(raw) < 1 || Number(raw) > 10) bad('TRUST_PROXY', `must be a hop count from 1 to 10, or the proxies' addresses (got "${raw}")`);
    return Number(raw);
  }
  const list = raw
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const item of list) {
    const [addr, prefix, extra] = item.split('/');
    const okAddr =
      PROXY_RANGES.includes(item) || (isIP(addr ?? '') !== 0 && extra === undefined && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(addr ?? '') === 4 ? 32 : 128))));
    if (!okAddr) bad('TRUST_PROXY', `must be none, a hop count, or a comma-separated list of ${PROXY_RANGES.join(' / ')} and IP addresses or CIDR ranges (got "${item}")`);
  }
  return list;
}

export function loadAppConfig(env: Env = process.env): AppConfig {
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres', 'postgresql']);
  const databaseAppUrl = url(env, 'DATABASE_APP_URL', ['postgres', 'postgresql']);
  if (databaseAppUrl !== null && databaseUrl === null) bad('DATABASE_APP_URL', 'needs DATABASE_URL (the owner, who runs the migrations)');
  const databaseReplicaUrl = url(env, 'DATABASE_REPLICA_URL', ['postgres', 'postgresql']);
  if (databaseReplicaUrl !== null && databaseUrl === null) bad('DATABASE_REPLICA_URL', 'needs DATABASE_URL (the primary the replica follows)');
  const port = intIn(env, 'PORT', 3000, 0, 65535);
  const dataDir = resolve(optional(env, 'HAZEOPS_DATA_DIR') ?? join(projectRoot(), '.data'));

  let secret = optional(env, 'HAZEOPS_SECRET');
  if (secret !== null && secret.length < 32) bad('HAZEOPS_SECRET', 'must be at least 32 characters long');
  if (secret === null) {
    if (databaseUrl !== null) bad('HAZEOPS_SECRET', 'is required when DATABASE_URL is set (at least 32 random characters)');
    secret = embeddedSecret(dataDir);
  }

  const adminUser = optional(env, 'HAZEOPS_ADMIN_USER');
  const adminPassword = optional(env, 'HAZEOPS_ADMIN_PASSWORD');
  if ((adminUser === null) !== (adminPassword === null)) {
    bad(adminUser === null ? 'HAZEOPS_ADMIN_USER' : 'HAZEOPS_ADMIN_PASSWORD', 'must be set together with the other of HAZEOPS_ADMIN_USER / HAZEOPS_ADMIN_PASSWORD');
  }
  if (adminPassword !== null && adminPassword.length < 8) bad('HAZEOPS_ADMIN_PASSWORD', 'must be at least 8 characters long');
  if (adminUser !== null && !/^[A-Za-z0-9_.@-]{3,64}$/.test(adminUser)) bad('HAZEOPS_ADMIN_USER', 'must be 3–64 letters, digits or _ . @ -');

  const flag = (name: string, fallback: boolean): boolean => {
    const raw = optional(env, name);
    if (raw !== null && !['true', 'false', '1', '0'].includes(raw)) bad(name, 'must be true or false');
    return raw === null ? fallback : raw === 'true' || raw === '1';
  };
  const logLevel = optional(env, 'LOG_LEVEL') ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) bad('LOG_LEVEL', 'must be debug, info, warn or error');

  const publicBaseUrl = (url(env, 'PUBLIC_BASE_URL', ['http', 'https']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    databaseUrl,
    databaseAppUrl,
    databaseReplicaUrl,
    port,
    mailFrom: optional(env, 'HAZEOPS_MAIL_FROM') ?? `冬防指挥部 <no-reply@${new URL(publicBaseUrl).hostname}>`,
    smtpUrl: url(env, 'SMTP_URL', ['smtp', 'smtps']),
    publicBaseUrl,
    secret,
    admin: adminUser !== null && adminPassword !== null ? { username: adminUser, password: adminPassword } : null,
    dataDir,
    embeddedPgPort: intIn(env, 'HAZEOPS_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    demo: flag('HAZEOPS_DEMO', databaseUrl === null),
    tokenTtlSeconds: intIn(env, 'HAZEOPS_TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    authCacheSeconds: intIn(env, 'HAZEOPS_AUTH_CACHE_SECONDS', 30, 0, 3600),
    authCachePropagationMs: intIn(env, 'HAZEOPS_AUTH_CACHE_PROPAGATION_MS', 2000, 0, 60_000),
    scheduler: flag('HAZEOPS_SCHEDULER', true),
    dispatcher: flag('HAZEOPS_DISPATCHER', true),
    logLevel: logLevel as AppConfig['logLevel'],
    trustProxy: trustProxy(env),
  };
}
