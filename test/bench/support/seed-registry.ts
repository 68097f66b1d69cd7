import type { DataSource } from 'typeorm';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { generateEnterprises } from '../../../src/registry/demo/registry-generator.js';
import { upsertEnterprises } from '../../../src/registry/enterprise.repository.js';
import type { Enterprise } from '../../../src/rules/enterprise.js';
import { ownerQuery } from '../../support/test-database.js';

/**
 * Writes the generator's registry straight into the tables in batches (benchmark setup, not what
 * is measured), then ANALYZE as the tables' owner (`ownerUrl`): the service's role may not, and
 * PostgreSQL skips the tables with a warning — this server runs without autovacuum.
 */
export async function seedRegistry(ds: DataSource, enterprises: number, seed: number, ownerUrl: string): Promise<void> {
  let batch: Enterprise[] = [];
  for (const e of generateEnterprises({ seed, enterprises, city: loadCityConfig() })) {
    batch.push(e);
    if (batch.length === 10_000) {
      const part = batch;
      await ds.transaction((m) => upsertEnterprises(m, part));
      batch = [];
    }
  }
  if (batch.length) await ds.transaction((m) => upsertEnterprises(m, batch));
  await ownerQuery(ownerUrl, 'ANALYZE');
}
