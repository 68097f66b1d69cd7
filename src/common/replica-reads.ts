import { Logger } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';

/** Read-only SQL for reports that may run on the read replica. */
export interface ReplicaReads {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

const logger = new Logger('replica-reads');

/**
 * Whether an error is the replica's trouble rather than the query's: a connection that broke
 * (no SQLSTATE: "Connection terminated", ECONNRESET), the server going away (57P01–57P03),
 * or a query cancelled by a conflict with the standby's replay (40001; no report here runs
 * a serializable transaction, so on the replica this means the recovery conflict).
 */
function replicaTrouble(err: unknown): boolean {
  const code = (err as { driverError?: { code?: unknown }; code?: unknown }).driverError?.code ?? (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code === '40001' || code.startsWith('57P');
}

/**
 * Reads that may lag the primary by the replica's replay delay: the daily report, the CSV
 * exports, the ranking. Each query takes a connection of TypeORM's replica ("slave") pool;
 * without DATABASE_REPLICA_URL that pool is the primary's, so nothing changes. Everything
 * else (`dataSource.query`, `find`, transactions) reads the primary, which the data source
 * makes the default (src/database/data-source-options.ts).
 * The replica's trouble does not take reports down: a replica that refuses the connection
 * (down, restarting), a connection that breaks, or a query the standby cancels for its
 * replay, runs the query on the primary instead, with a warning. A query's own error
 * (bad SQL, a constraint) is thrown as it is.
 */
export function replicaReads(dataSource: DataSource): ReplicaReads {
  const onPrimary = async <T>(why: string, err: unknown, sql: string, params: unknown[]): Promise<T[]> => {
    logger.warn(`the read replica ${why}, reading the primary instead: ${(err as Error).message}`);
    return (await dataSource.query(sql, params)) as T[];
  };
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const runner: QueryRunner = dataSource.createQueryRunner('slave');
      try {
        try {
          await runner.connect();
        } catch (err) {
          if (!dataSource.driver.isReplicated) throw err;
          return await onPrimary<T>('refused a connection', err, sql, params);
        }
        try {
          return (await runner.query(sql, params)) as T[];
        } catch (err) {
          if (!dataSource.driver.isReplicated || !replicaTrouble(err)) throw err;
          return await onPrimary<T>('failed the query', err, sql, params);
        }
      } finally {
        await runner.release();
      }
    },
  };
}
