import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CronService } from '../scheduling/cron.service.js';
import { DirectiveProgressRepository } from './directive-progress.repository.js';

/**
 * Folds the progress deltas the triggers append (one row per statement and instant) every
 * ten seconds, so a progress read sums one row per (county, instant) plus what came since.
 * Reads are correct without it, only slower; one instance at a time (advisory lock).
 */
@Injectable()
export class DirectiveProgressCompactionService implements OnApplicationBootstrap {
  constructor(
    private readonly repo: DirectiveProgressRepository,
    private readonly cron: CronService,
  ) {}

  onApplicationBootstrap(): void {
    this.cron.register('progress-compaction', '*/10 * * * * *', () => this.repo.compact());
  }
}
