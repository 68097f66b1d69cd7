import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** job_runs and the transaction-scoped advisory locks that keep scheduled work to one instance at a time. */
@Injectable()
export class JobRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }

  /** Held until the transaction ends; false at once when another session holds it. */
  async tryLock(manager: EntityManager, key: string): Promise<boolean> {
    const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [key]);
    return locked === true;
  }

  /** Claims a (job, slot); false when it was claimed before (by anyone, ever). */
  async claim(manager: EntityManager, job: string, slot: string, instance: string): Promise<boolean> {
    const inserted: unknown[] = await manager.query(`INSERT INTO job_runs (job, slot, instance) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING job`, [job, slot, instance]);
    return inserted.length > 0;
  }

  async finish(manager: EntityManager, job: string, slot: string): Promise<void> {
    await manager.query('UPDATE job_runs SET finished_at = now() WHERE job = $1 AND slot = $2', [job, slot]);
  }
}
