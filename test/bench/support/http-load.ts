import http from 'node:http';

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

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function once(agent: http.Agent, port: number, req: LoadRequest): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const r = http.request({ host: '127.0.0.1', port, method: req.method, path: req.path, agent, headers: { ...(req.body ? { 'Content-Type': 'application/json' } : {}), ...req.headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - t0, ok: (res.statusCode ?? 500) < 400 }));
    });
    r.on('error', () => resolve({ ms: performance.now() - t0, ok: false }));
    r.end(req.body);
  });
}

function summarise(latencies: number[], errors: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Closed loop: `connections` clients each sending the next request as soon as the last answers, for `seconds`. */
export async function closedLoop(port: number, connections: number, seconds: number, next: (i: number) => LoadRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const r = await once(agent, port, next(i++));
        latencies.push(r.ms);
        if (!r.ok) errors++;
      }
    }),
  );
  agent.destroy();
  return summarise(latencies, errors, (performance.now() - start) / 1000);
}

/** Open loop: requests started at a fixed rate whatever the answers, so latency includes queueing. */
export async function fixedRate(port: number, rps: number, seconds: number, next: (i: number) => LoadRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rps * seconds);
  const start = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rps;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      once(agent, port, next(i)).then((r) => {
        latencies.push(r.ms);
        if (!r.ok) errors++;
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return summarise(latencies, errors, (performance.now() - start) / 1000);
}

/** The same loads from a child process (load-client.mjs): the server keeps a core to itself. */
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
