import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../src/config/app-config.js';
import { ConfigService } from '../../src/config/config.service.js';
import { loadDomainConfig } from '../../src/config/domain-config.js';
import { prepareDatabase } from '../../src/database/app-role.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { createTestDatabase, ownerQuery } from './test-database.js';

const REPOSITORY_TEST_SECRET = 'repository-test-secret-0123456789abcdef';

/** A migrated database for repository tests: no Nest, no app boot. */
export interface RepositoryDatabase {
  /** Connected as the service's role (`<database>_app`), with the grants the service has at run time. */
  dataSource: DataSource;
  /** The tables' owner: for arranging rows the service itself may not write (e.g. a tampered audit row). */
  ownerUrl: string;
  /** One statement as the owner. */
  ownerQuery<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Closes the connection and drops the database and its role. */
  drop(): Promise<void>;
}

/**
 * A fresh database of its own, migrated exactly as the app migrates at boot (as the owner,
 * then the service's role with its grants), and a standalone DataSource over it.
 */
export async function createRepositoryDatabase(): Promise<RepositoryDatabase> {
  const db = await createTestDatabase();
  try {
    const roles = await prepareDatabase(db.url, REPOSITORY_TEST_SECRET, null);
    const dataSource = new DataSource({ ...dataSourceOptions(roles.appUrl), extra: { max: 4, application_name: 'hazeops-repository-test' } });
    await dataSource.initialize();
    return {
      dataSource,
      ownerUrl: db.url,
      ownerQuery: (sql, params = []) => ownerQuery(db.url, sql, params),
      drop: async () => {
        await dataSource.destroy();
        await db.drop();
      },
    };
  } catch (err) {
    await db.drop();
    throw err;
  }
}

/** The configuration a service under a repository test reads: the shipped city files, a fixed secret. */
export function repositoryConfig(db: RepositoryDatabase): ConfigService {
  return new ConfigService(loadAppConfig({ DATABASE_URL: db.ownerUrl, HAZEOPS_SECRET: REPOSITORY_TEST_SECRET, HAZEOPS_DEMO: 'false' }), loadDomainConfig());
}
