import { Injectable } from '@nestjs/common';
import { levelsAhead } from '../rules/levels/level-at.js';
import { Clock } from '../common/clock.js';
import { CountyLevelsService } from './county-levels.service.js';
import { DirectivesRepository } from './directives.repository.js';
import type { ListDirectivesQuery } from './dto/list-directives.query.js';

@Injectable()
export class DirectivesQueryService {
  constructor(
    private readonly directives: DirectivesRepository,
    private readonly levelsService: CountyLevelsService,
    private readonly clock: Clock,
  ) {}

  async list(q: ListDirectivesQuery) {
    return { items: await this.directives.latest(q.limit) };
  }

  /**
   * Each county's level now, until when, and what is directed next with its times (`next`:
   * every later change, e.g. red from 12:00 to 13:00, then none), as well as the machine's
   * last directive (`directed`, which may start later).
   */
  async levels() {
    const now = this.clock.now().toISOString();
    const machines = await this.levelsService.all();
    return [...machines.values()].map((m) => {
      const ctx = m.snapshot.context;
      const next = levelsAhead(ctx, now);
      return {
        county: m.county,
        levelNow: this.levelsService.levelAt(m, now),
        levelNowUntil: next[0]?.from ?? null,
        next,
        directed: ctx.level,
        startsAt: ctx.startsAt,
        endsAt: ctx.endsAt,
        episodeId: ctx.episodeId,
      };
    });
  }
}
