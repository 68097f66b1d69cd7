import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { INSTANCE_ID } from './instance-id.js';
import { JobRunRepository } from './job-run.repository.js';

/**
 * Runs a scheduled job once across instances: an advisory lock keeps two instances from
 * running the same job at the same moment, and a (job, slot) row keeps a slot from being
 * run twice (a second instance, or a retry after a crash, finds the row and skips).
 * The job's writes commit in the same transaction as its job_runs row.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('jobs');

  constructor(private readonly runs: JobRunRepository) {}

  async runOnce<T>(job: string, slot: string, fn: (manager: EntityManager) => Promise<T>): Promise<{ ran: boolean; result: T | null }> {
    return this.runs.transaction(async (manager) => {
      if (!(await this.runs.tryLock(manager, 'hazeops.job.' + job))) return { ran: false, result: null };
      if (!(await this.runs.claim(manager, job, slot, INSTANCE_ID))) return { ran: false, result: null };
      const result = await fn(manager);
      await this.runs.finish(manager, job, slot);
      this.logger.debug(`job ${job} slot ${slot} done`);
      return { ran: true, result };
    });
  }
}
