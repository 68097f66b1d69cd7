/**
 * Failed sign-ins per (username, address): after MAX_FAILURES within WINDOW_MS the pair is
 * blocked for BLOCK_MS. In memory, per instance: it slows guessing, it is not an account lock.
 */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const BLOCK_MS = 5 * 60_000;

interface Entry {
  failures: number[];
  blockedUntil: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until the key may try again; 0 when it may. */
  blockedFor(key: string): number {
    const e = this.entries.get(key);
    return e ? Math.max(0, e.blockedUntil - this.now()) : 0;
  }

  fail(key: string): void {
    const t = this.now();
    const e = this.entries.get(key) ?? { failures: [], blockedUntil: 0 };
    e.failures = e.failures.filter((f) => t - f < WINDOW_MS);
    e.failures.push(t);
    if (e.failures.length >= MAX_FAILURES) {
      e.blockedUntil = t + BLOCK_MS;
      e.failures = [];
    }
    this.entries.set(key, e);
    if (this.entries.size > 10_000) this.sweep(t);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private sweep(t: number): void {
    for (const [k, e] of this.entries) if (e.blockedUntil < t && e.failures.every((f) => t - f >= WINDOW_MS)) this.entries.delete(k);
  }
}
