import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** Where the service's queries go, and who owns the tables. */
export interface DatabaseRoles {
  /** Owner: runs the migrations. */
  ownerUrl: string;
  /** The service's connection: a role that owns nothing, so it cannot alter or disable a trigger. */
  appUrl: string;
  appRole: string;
}

// One key for every instance of one database, so two instances booting together do not
// grant concurrently ("tuple concurrently updated") or migrate twice.
const PREPARE_LOCK = 7_220_019_001;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** The role the service runs as when none is configured: `<database>_app`, password derived from the secret. */
export function generatedAppRole(ownerUrl: string, secret: string): { role: string; password: string; url: string } {
  const u = new URL(ownerUrl);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username);
  const role = (
    database
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
      .slice(0, 58) + '_app'
  ).replace(/^([^a-z_])/, '_$1');
  // Every instance with the same secret derives the same password: no instance's pool breaks another's.
  const password = createHmac('sha256', secret).update(`hazeops:db-app-role:${database}`).digest('hex');
  u.username = role;
  u.password = password;
  return { role, password, url: u.toString() };
}

/**
 * Runs the migrations as the owner, then makes sure the service's role exists and may read
 * and write the tables but not change or remove audit rows (nor the migrations table), and
 * answers the URL the service connects with. `configuredAppUrl` (DATABASE_APP_URL) names a
 * role the operator created; otherwise `<database>_app` is created here (the owner needs
 * CREATEROLE, as the embedded and the usual test servers' superusers have).
 */
export async function prepareDatabase(ownerUrl: string, secret: string, configuredAppUrl: string | null): Promise<DatabaseRoles> {
  const owner = new DataSource({ ...dataSourceOptions(ownerUrl), extra: { max: 2, application_name: 'hazeops-migrate' } });
  await owner.initialize();
  try {
    const generated = configuredAppUrl === null ? generatedAppRole(ownerUrl, secret) : null;
    const appUrl = generated?.url ?? (configuredAppUrl as string);
    const appRole = generated?.role ?? decodeURIComponent(new URL(appUrl).username);
    const [{ current_user: ownerRole, db }] = await owner.query('SELECT current_user, current_database() AS db');
    if (appRole === ownerRole) throw new Error(`DATABASE_APP_URL must name a role other than the tables' owner (${ownerRole})`);
    if (generated && !IDENTIFIER.test(appRole)) throw new Error(`cannot derive a role name from the database name; set DATABASE_APP_URL`);
    const runner = owner.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [PREPARE_LOCK]);
      try {
        await owner.runMigrations({ transaction: 'each' });
        const role = quoteIdent(appRole);
        if (generated) {
          const [exists] = await runner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole]);
          // Passwords cannot be bound parameters in DDL; the derived one is hex only.
          const password = `'${generated.password}'`;
          try {
            await runner.query(exists ? `ALTER ROLE ${role} WITH LOGIN PASSWORD ${password}` : `CREATE ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`);
          } catch (err) {
            throw new Error(
              `the owner (${ownerRole}) cannot create the service's role ${appRole}: grant it CREATEROLE, or create a role yourself and set DATABASE_APP_URL (${(err as Error).message})`,
              { cause: err },
            );
          }
        }
        await runner.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(db)} TO ${role}`);
        await runner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
        await runner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
        await runner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
        await runner.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${role}`);
        await runner.query(`REVOKE ALL ON migrations FROM ${role}`);
        await runner.query(`GRANT SELECT ON migrations TO ${role}`);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [PREPARE_LOCK]);
      }
    } finally {
      await runner.release();
    }
    return { ownerUrl, appUrl, appRole };
  } finally {
    await owner.destroy();
  }
}
