import pg from 'pg';

/**
 * The replica's connection string as the service uses it. A URL naming no user takes the
 * service's role and password from `appUrl` (the generated `<database>_app` role's password
 * is derived from HAZEOPS_SECRET, so the operator need not know it); roles and grants are
 * the primary's, replayed by the standby. A URL with a user is taken as given.
 */
export function replicaConnectionUrl(replicaUrl: string, appUrl: string): string {
  const replica = new URL(replicaUrl);
  if (replica.username !== '') return replicaUrl;
  const app = new URL(appUrl);
  replica.username = app.username;
  replica.password = app.password;
  return replica.toString();
}

/** Where the replica answers, for messages: never its password. */
function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

async function standbyState(url: string): Promise<{ standby: boolean }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: 'hazeops-replica-check' });
  try {
    await client.connect();
    const { rows } = await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    return { standby: rows[0]?.standby === true };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Checks at boot that the replica answers as the service's role, so a wrong URL stops the
 * boot with one line naming DATABASE_REPLICA_URL instead of failing the first report. The
 * service's role (and its password) were just written on the primary: a standby may need a
 * moment to replay them, so failures are retried for `patienceMs`.
 * Answers whether it is a standby (`pg_is_in_recovery()`); a writable server is allowed
 * (a logical copy, say) but warned about by the caller.
 */
export async function checkReplica(url: string, patienceMs = 15_000): Promise<{ standby: boolean }> {
  const until = Date.now() + patienceMs;
  for (;;) {
    try {
      return await standbyState(url);
    } catch (err) {
      if (Date.now() >= until) throw new Error(`DATABASE_REPLICA_URL: the replica at ${where(url)} does not answer as the service's role (${(err as Error).message})`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
