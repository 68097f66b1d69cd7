import type { DataSource } from 'typeorm';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { generateEnterprises } from '../../../src/registry/demo/registry-generator.js';
import { upsertEnterprises } from '../../../src/registry/enterprise.repository.js';
import type { Enterprise } from '../../../src/rules/enterprise.js';

/** Writes the generator's registry straight into the tables in batches (benchmark setup, not what is measured). */
export async function seedRegistry(ds: DataSource, enterprises: number, seed: number): Promise<void> {
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
  await ds.query('ANALYZE');
}
