import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/app-config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Five wrong passwords, each claiming another client address; answers the statuses. */
async function guessFromManyAddresses(t: TestApp, username: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', `203.0.113.${i + 1}`)
      .send({ username, password: 'wrong-password' });
    statuses.push(res.status);
    if (res.status === 429) {
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    }
  }
  return statuses;
}

describe('security headers and proxies (HTTP, PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every response carries the security headers and no X-Powered-By; pages cannot be framed', async () => {
    for (const path of ['/health/live', '/api/v1/warnings/cap', '/ack/not-a-token', '/api/v1/enterprises', '/no-such-route', '/inspect']) {
      const res = await t.http.get(path);
      expect(res.headers['x-powered-by'], path).toBeUndefined();
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    }
    const ack = await t.http.get('/ack/not-a-token');
    expect(ack.status).toBeGreaterThanOrEqual(400);
    expect(ack.status).toBeLessThan(500);
    // The phone pages set a stricter policy of their own: nothing but their own scripts.
    expect(ack.headers['content-security-policy']).toContain("script-src 'self'");
    expect(ack.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('X-Forwarded-For is ignored by default: changing it does not escape the sign-in throttle, and 429 says when to retry', async () => {
    const statuses = await guessFromManyAddresses(t, 'victim');
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });

  it('with TRUST_PROXY naming the proxy, the forwarded address is the client', async () => {
    const behindProxy = await startTestApp({ TRUST_PROXY: 'loopback' });
    try {
      expect(await guessFromManyAddresses(behindProxy, 'victim')).toEqual([401, 401, 401, 401, 401, 401]);
    } finally {
      await behindProxy.close();
    }
  });

  it('TRUST_PROXY: none by default, a hop count or addresses; anything else stops the boot naming it', () => {
    const base = { DATABASE_URL: 'postgres://u@127.0.0.1/db', HAZEOPS_SECRET: 'x'.repeat(32) };
    expect(loadAppConfig(base).trustProxy).toBe(false);
    expect(loadAppConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadAppConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadAppConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadAppConfig({ ...base, TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });
});
