import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { CronService } from '../scheduling/cron.service.js';
import { DirectiveProgressRepository } from './directive-progress.repository.js';

/**
 * Folds the progress deltas the triggers append (one row per statement and instant) every
 * ten seconds, and every instant more than a minute past into one row per directive and
 * county, so a progress read sums O(counties × instants of the last minute). Reads are
 * correct without it, only slower; one instance at a time (advisory lock).
 */
/** Instants this far behind the clock are folded together (instances' clocks may differ by less). */
const HORIZON_MS = 60_000;

@Injectable()
export class DirectiveProgressCompactionService implements OnApplicationBootstrap {
  constructor(
    private readonly repo: DirectiveProgressRepository,
    private readonly cron: CronService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.cron.register('progress-compaction', '*/10 * * * * *', () => this.repo.compact(new Date(this.clock.now().getTime() - HORIZON_MS)));
  }
}
