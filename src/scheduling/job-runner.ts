import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { INSTANCE_ID } from './instance-id.js';

/**
 * Runs a scheduled job once across instances: an advisory lock keeps two instances from
 * running the same job at the same moment, and a (job, slot) row keeps a slot from being
 * run twice (a second instance, or a retry after a crash, finds the row and skips).
 * The job's writes commit in the same transaction as its job_runs row.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('jobs');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async runOnce<T>(job: string, slot: string, fn: (manager: EntityManager) => Promise<T>): Promise<{ ran: boolean; result: T | null }> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', ['hazeops.job.' + job]);
      if (!locked) return { ran: false, result: null };
      const inserted = await manager.query(
        `INSERT INTO job_runs (job, slot, instance) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING job`,
        [job, slot, INSTANCE_ID],
      );
      if (inserted.length === 0) return { ran: false, result: null };
      const result = await fn(manager);
      await manager.query('UPDATE job_runs SET finished_at = now() WHERE job = $1 AND slot = $2', [job, slot]);
      this.logger.debug(`job ${job} slot ${slot} done`);
      return { ran: true, result };
    });
  }
}
