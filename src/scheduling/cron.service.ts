import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import cron, { type ScheduledTask } from 'node-cron';
import { ConfigService } from '../config/config.service.js';

/**
 * The one place where node-cron jobs are created: in the city's time zone, with errors
 * logged instead of lost, and every task destroyed on shutdown (an undestroyed task keeps
 * the process alive). Jobs that must run once across instances take their own advisory lock.
 */
@Injectable()
export class CronService implements OnModuleDestroy {
  private readonly logger = new Logger('cron');
  private readonly tasks: ScheduledTask[] = [];

  constructor(private readonly config: ConfigService) {}

  get enabled(): boolean {
    return this.config.app.scheduler;
  }

  register(name: string, expression: string, job: () => Promise<unknown>): void {
    if (!this.enabled) return;
    const task = cron.schedule(
      expression,
      async () => {
        try {
          await job();
        } catch (err) {
          this.logger.error(`job ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
      { name, timezone: this.config.city.city.timezone, noOverlap: true },
    );
    this.tasks.push(task);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.tasks.splice(0).map((t) => t.destroy()));
  }
}
