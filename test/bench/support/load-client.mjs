// A load generator in its own process, so the server under test keeps its own CPU.
// Usage: node load-client.mjs <job.json>  →  prints { requests, errors, seconds, rps, p50, p99 }
import { readFileSync } from 'node:fs';
import http from 'node:http';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const agent = new http.Agent({ keepAlive: true, maxSockets: job.mode === 'closed' ? job.connections : 512 });
const latencies = [];
let errors = 0;

function once(req) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const r = http.request({ host: '127.0.0.1', port: job.port, method: req.method, path: req.path, agent, headers: req.headers ?? {} }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(performance.now() - t0);
        if (res.statusCode >= 400) errors++;
        resolve();
      });
    });
    r.on('error', () => {
      latencies.push(performance.now() - t0);
      errors++;
      resolve();
    });
    r.end();
  });
}

const start = performance.now();
let i = 0;
const next = () => job.requests[i++ % job.requests.length];
if (job.mode === 'closed') {
  const end = start + job.seconds * 1000;
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (performance.now() < end) await once(next());
    }),
  );
} else {
  const total = Math.round(job.rps * job.seconds);
  const pending = [];
  for (let k = 0; k < total; k++) {
    const wait = start + (k * 1000) / job.rps - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(once(next()));
  }
  await Promise.all(pending);
}
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
agent.destroy();
process.stdout.write(JSON.stringify({ requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: pct(50), p99: pct(99) }) + '\n');
