import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { CronService } from '../scheduling/cron.service.js';
import { SeasonClockService } from './season-clock.service.js';

/** Local midnight (plus a few seconds of margin) and once at boot, to catch up after downtime. */
@Injectable()
export class SeasonClockScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('season-clock');

  constructor(
    private readonly cron: CronService,
    private readonly clock: SeasonClockService,
    private readonly time: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.cron.enabled) return;
    const result = await this.clock.tick(this.time.now());
    this.logger.log(`boot catch-up: season ${result.season ?? 'none'}, ${result.changes.length} phase change(s) entered, ${result.ahead.length} recorded ahead`);
    this.cron.register('season-clock', '5 0 0 * * *', () => this.clock.tick(this.time.now()));
  }
}
