import { Logger } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';

/** Read-only SQL for reports that may run on the read replica. */
export interface ReplicaReads {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

const logger = new Logger('replica-reads');

/**
 * Reads that may lag the primary by the replica's replay delay: the daily report, the CSV
 * exports, the ranking. Each query takes a connection of TypeORM's replica ("slave") pool;
 * without DATABASE_REPLICA_URL that pool is the primary's, so nothing changes. Everything
 * else (`dataSource.query`, `find`, transactions) reads the primary, which the data source
 * makes the default (src/database/data-source-options.ts).
 * A replica that refuses the connection (down, restarting) does not take reports down: the
 * query runs on the primary instead and a warning is logged. A query's own error is not retried.
 */
export function replicaReads(dataSource: DataSource): ReplicaReads {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const runner: QueryRunner = dataSource.createQueryRunner('slave');
      try {
        try {
          await runner.connect();
        } catch (err) {
          logger.warn(`the read replica refused a connection, reading the primary instead: ${(err as Error).message}`);
          return (await dataSource.query(sql, params)) as T[];
        }
        return (await runner.query(sql, params)) as T[];
      } finally {
        await runner.release();
      }
    },
  };
}
