import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations.js';

/**
 * One definition of the connection for the app, the tests and the TypeORM CLI. `synchronize` is never on.
 * With a replica URL: TypeORM replication with the primary as the default for every read
 * (`defaultMode: 'master'`, else `find` and query builders would read the replica and miss
 * their own writes); only queries run on `createQueryRunner('slave')` read the replica
 * (src/common/replica-reads.ts). Each pool names itself in `pg_stat_activity`.
 */
export function dataSourceOptions(url: string, replicaUrl: string | null = null): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
  };
  if (replicaUrl === null) return { ...common, url, extra: { max: 20, application_name: 'hazeops' } };
  return {
    ...common,
    replication: {
      master: { url, applicationName: 'hazeops' },
      slaves: [{ url: replicaUrl, applicationName: 'hazeops-replica-reads' }],
      defaultMode: 'master',
    },
    extra: { max: 20 },
  };
}
