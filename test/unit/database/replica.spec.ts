import { createServer, type Server } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkReplica, replicaConnectionUrl } from '../../../src/database/replica.js';

describe('the replica connection (DATABASE_REPLICA_URL)', () => {
  it('takes the service role and password when the URL names no user, and keeps a URL that names one', () => {
    const app = 'postgres://hazeops_app:s3cret@db-primary:5432/hazeops';
    expect(replicaConnectionUrl('postgres://db-replica:5433/hazeops', app)).toBe('postgres://hazeops_app:s3cret@db-replica:5433/hazeops');
    expect(replicaConnectionUrl('postgres://reader:pw@db-replica/hazeops?sslmode=require', app)).toBe('postgres://reader:pw@db-replica/hazeops?sslmode=require');
  });

  describe('at boot', () => {
    // A port where nothing listens: bound, then closed.
    let closedPort = 0;
    let server: Server;
    beforeAll(async () => {
      server = createServer();
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      const address = server.address();
      closedPort = typeof address === 'object' && address !== null ? address.port : 0;
      await new Promise<void>((ok) => server.close(() => ok()));
    });

    it('a replica that does not answer stops the boot with one line naming the variable and the address, never the password', async () => {
      const err = await checkReplica(`postgres://hazeops_app:s3cret@127.0.0.1:${closedPort}/hazeops`, 600).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(new RegExp(`^DATABASE_REPLICA_URL: the replica at 127\\.0\\.0\\.1:${closedPort}/hazeops does not answer as the service's role \\(.*ECONNREFUSED`));
      expect((err as Error).message).not.toContain('s3cret');
    });
  });
});
