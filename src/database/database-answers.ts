import pg from 'pg';

/** Whether a PostgreSQL server answers at `url` (1.5 s connect timeout). Kept apart from the embedded server's module, which installs exit hooks when imported. */
export async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
