import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now (for a service or browser target the test starts). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => done(port));
    });
  });
}

/** Polls every `everyMs` until `done()` answers true; throws naming `what` after `timeoutMs`. */
export async function until(what: string, timeoutMs: number, done: () => boolean | Promise<boolean>, everyMs = 50): Promise<void> {
  const t0 = Date.now();
  while (!(await done())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
