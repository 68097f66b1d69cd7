export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Closed-loop or fixed-rate load from a child process (load-client.mjs): the server keeps a core to itself. */
export async function externalLoad(job: { port: number; mode: 'closed' | 'fixed'; connections?: number; rps?: number; seconds: number; requests: LoadRequest[] }): Promise<LoadResult> {
  const { execFile } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const dir = mkdtempSync(join(tmpdir(), 'hazeops-load-'));
  const file = join(dir, 'job.json');
  writeFileSync(file, JSON.stringify(job));
  const script = fileURLToPath(new URL('./load-client.mjs', import.meta.url));
  try {
    const out = await new Promise<string>((resolve, reject) => execFile(process.execPath, [script, file], { maxBuffer: 1 << 20 }, (err, stdout) => (err ? reject(err) : resolve(stdout))));
    return JSON.parse(out) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
