import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

/** The repository root (this file is test/support/service-process.ts). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MAIN_JS = join(ROOT, 'dist/src/main.js');

/**
 * Compiles src/ into dist/ (`tsc -p tsconfig.json`), as `npm run build` does.
 * tsc emits even when it reports type errors; those are returned, not thrown, so that a
 * colleague's half-finished edit elsewhere does not stop a test of the built service —
 * but a build that leaves no dist/src/main.js throws.
 */
export async function buildService(): Promise<{ ms: number; diagnostics: string }> {
  const t0 = performance.now();
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const diagnostics = await new Promise<string>((done) => {
    execFile(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      done(err ? `${stdout}${stderr}`.trim() || err.message : '');
    });
  });
  if (!existsSync(MAIN_JS)) throw new Error(`build produced no ${MAIN_JS}:\n${diagnostics}`);
  return { ms: performance.now() - t0, diagnostics };
}

/** A temporary copy of config/ whose dispatch.yaml takes these values (dotted paths, e.g. 'worker.leaseSeconds'). */
export function configDirWith(dispatch: Record<string, unknown>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'hazeops-config-'));
  cpSync(join(ROOT, 'config'), dir, { recursive: true });
  const file = join(dir, 'dispatch.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  for (const [path, value] of Object.entries(dispatch)) doc.setIn(path.split('.'), value);
  writeFileSync(file, doc.toString());
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServiceProcessOptions {
  databaseUrl: string;
  smtpUrl: string;
  configDir: string;
  secret?: string;
  /** Anything else (overrides the defaults below). */
  env?: Record<string, string>;
  /** How long to wait for "listening" (ms). */
  startTimeoutMs?: number;
}

/** The environment of a dispatcher-only service: no scheduler, no demo data, its own port and data folder. */
export function serviceEnv(opts: ServiceProcessOptions, dataDir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    TZ: process.env.TZ ?? 'UTC',
    DATABASE_URL: opts.databaseUrl,
    HAZEOPS_SECRET: opts.secret ?? 'service-process-secret-0123456789abcdef',
    SMTP_URL: opts.smtpUrl,
    PORT: '0',
    HAZEOPS_SCHEDULER: 'false',
    HAZEOPS_DISPATCHER: 'true',
    HAZEOPS_DEMO: 'false',
    LOG_LEVEL: 'warn',
    HAZEOPS_CONFIG_DIR: opts.configDir,
    HAZEOPS_DATA_DIR: dataDir,
    ...opts.env,
  };
}

/** The real service (`node dist/src/main.js`) as a child process. */
export class ServiceProcess {
  private static readonly live = new Set<ServiceProcess>();
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    dataDir: string,
  ) {
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (this.stdout += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (this.stderr += s));
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    ServiceProcess.live.add(this);
    void this.exited.then(() => {
      ServiceProcess.live.delete(this);
      rmSync(dataDir, { recursive: true, force: true });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the service and resolves once it listens; rejects (and kills it) if it does not within the timeout. */
  static async start(opts: ServiceProcessOptions): Promise<ServiceProcess> {
    if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: call buildService() first`);
    const dataDir = mkdtempSync(join(tmpdir(), 'hazeops-svc-data-'));
    const child = spawn(process.execPath, ['--max-semi-space-size=64', MAIN_JS], { cwd: ROOT, env: serviceEnv(opts, dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    const svc = new ServiceProcess(child, dataDir);
    const timeoutMs = opts.startTimeoutMs ?? 60_000;
    const t0 = Date.now();
    while (!svc.stdout.includes('HazeOps listening')) {
      if (!svc.alive) throw new Error(`service exited before listening (${child.exitCode ?? child.signalCode}):\n${svc.stderr}${svc.stdout}`);
      if (Date.now() - t0 > timeoutMs) {
        await svc.kill();
        throw new Error(`service did not listen within ${timeoutMs} ms:\n${svc.stderr}${svc.stdout}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return svc;
  }

  /** Kills it (SIGKILL by default: no shutdown hook runs) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.child.kill(signal);
    await this.exited;
  }

  /** Kills every service this process started and that still runs (afterAll). */
  static async killAll(): Promise<void> {
    await Promise.all([...ServiceProcess.live].map((s) => s.kill()));
  }
}
