import { execFile, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { binariesForPostgresUser } from '../../src/database/embedded-postgres-root.js';
import { freePort } from './polling.js';

const run = promisify(execFile);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * A PostgreSQL primary and a real streaming replica of it, on loopback ports of their own,
 * from the binaries of the embedded-postgres package (initdb, pg_ctl, postgres): the machine's
 * own server refuses replication connections. The recipe of ../shared/STACK.md, "A streaming
 * replica for tests": initdb the primary, copy its folder before it ever starts, make the copy
 * a standby (standby.signal, primary_conninfo), start both. As root both run as the postgres
 * OS user (src/database/embedded-postgres-root.ts). Trust authentication on 127.0.0.1 only.
 */
export interface ReplicaPair {
  /** The primary's superuser (postgres) connection to `database`. */
  primaryUrl(database: string): string;
  /** The standby's address for `database` with no user (the service then takes its own role), or with the superuser. */
  replicaUrl(database: string, asSuperuser?: boolean): string;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops the standby only (immediately): the primary keeps serving. */
  stopStandby(): Promise<void>;
  /** Stops both servers (immediately) and removes their folder; safe to call twice. */
  stop(): Promise<void>;
}

interface Binaries {
  bin: string;
  as: { uid: number; gid: number } | null;
}

async function packageBin(): Promise<string> {
  const mod = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  return dirname(mod.postgres);
}

/** Why a pair cannot run on this machine (binaries missing), or null when it can. */
export async function replicaPairUnavailable(): Promise<string | null> {
  let bin: string;
  try {
    bin = await packageBin();
  } catch (err) {
    return `no PostgreSQL binaries: @embedded-postgres/${platform()}-${arch()} is not installed (${(err as Error).message.split('\n')[0]})`;
  }
  const missing = ['initdb', 'pg_ctl', 'postgres'].filter((b) => !existsSync(join(bin, b)));
  return missing.length ? `no PostgreSQL binaries: ${missing.join(', ')} missing in ${bin}` : null;
}

async function binaries(): Promise<Binaries> {
  if (!isRoot) return { bin: await packageBin(), as: null };
  const b = await binariesForPostgresUser(() => undefined);
  return { bin: b.bin, as: { uid: b.uid, gid: b.gid } };
}

async function one<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const { bin, as } = await binaries();
  const dir = mkdtempSync(join(tmpdir(), 'hazeops-replica-pair-'));
  chmodSync(dir, 0o755);
  const own = (path: string) => {
    if (as) chownSync(path, as.uid, as.gid);
  };
  own(dir);
  const opts = { ...(as ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
  const tool = async (name: string, args: string[]) => {
    try {
      await run(join(bin, name), args, opts);
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`${name} ${args.join(' ')} failed: ${(e.stderr || e.message).trim()}`, { cause: err });
    }
  };
  const primary = join(dir, 'primary');
  const standby = join(dir, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const started: string[] = [];
  const stopSync = () => {
    for (const d of started) spawnSync(join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', d], { ...opts, stdio: 'ignore' });
  };
  process.once('exit', stopSync);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stopSync);
    for (const d of [...started].reverse()) await tool('pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', d]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await tool('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
    // Throw-away servers: durability is not what the test is about.
    const conf = (port: number) => `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n`;
    appendFileSync(join(primary, 'postgresql.conf'), conf(primaryPort));
    appendFileSync(join(primary, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
    // Copied before the primary ever starts: the standby begins from the same (empty) history.
    await run('cp', ['-a', primary, standby]);
    appendFileSync(join(standby, 'postgresql.conf'), conf(standbyPort) + `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=hazeops-test-standby'\n`);
    writeFileSync(join(standby, 'standby.signal'), '');
    own(join(standby, 'standby.signal'));
    for (const [d, name] of [
      [primary, 'primary'],
      [standby, 'standby'],
    ] as const) {
      const log = join(dir, `${name}.log`);
      writeFileSync(log, '');
      own(log);
      await tool('pg_ctl', ['start', '-w', '-t', '60', '-D', d, '-l', log]);
      started.push(d);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const url = (port: number, database: string, user: boolean) => `postgres://${user ? 'postgres@' : ''}127.0.0.1:${port}/${database}`;
  return {
    primaryUrl: (database) => url(primaryPort, database, true),
    replicaUrl: (database, asSuperuser = false) => url(standbyPort, database, asSuperuser),
    async caughtUp(timeoutMs = 30_000) {
      const [{ lsn }] = await one<{ lsn: string }>(url(primaryPort, 'postgres', true), 'SELECT pg_current_wal_lsn()::text AS lsn');
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [{ done }] = await one<{ done: boolean }>(url(standbyPort, 'postgres', true), 'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done', [lsn]);
        if (done) return;
        if (Date.now() > until) throw new Error(`the standby did not replay up to ${lsn} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stopStandby() {
      await tool('pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', standby]);
      started.splice(started.indexOf(standby), 1);
    },
    stop,
  };
}
