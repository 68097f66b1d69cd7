import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { levelsAhead } from '../rules/levels/level-at.js';
import { Clock } from '../common/clock.js';
import { CountyLevelsService } from './county-levels.service.js';
import type { ListDirectivesQuery } from './dto/list-directives.query.js';

@Injectable()
export class DirectivesQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly levelsService: CountyLevelsService,
    private readonly clock: Clock,
  ) {}

  async list(q: ListDirectivesQuery) {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, number, kind, level, counties, city, starts_at AS "startsAt", ends_at AS "endsAt", basis, issued_by AS "issuedBy", issued_at AS "issuedAt", summary
       FROM directives ORDER BY issued_at DESC, number DESC LIMIT $1`,
      [q.limit],
    );
    return { items: rows };
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
      return { county: m.county, levelNow: this.levelsService.levelAt(m, now), levelNowUntil: next[0]?.from ?? null, next, directed: ctx.level, startsAt: ctx.startsAt, endsAt: ctx.endsAt, episodeId: ctx.episodeId };
    });
  }
}
