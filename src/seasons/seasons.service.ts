import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { SeasonErrorCode } from './seasons.errors.js';
import { ConfigService } from '../config/config.service.js';
import { seasonCalendar, type SeasonCalendar } from '../rules/season/season-calendar.js';
import { SeasonClockService } from './season-clock.service.js';

@Injectable()
export class SeasonsService {
  constructor(
    private readonly config: ConfigService,
    private readonly clock: SeasonClockService,
  ) {}

  list(): Array<{ season: string; heatingSeason: { from: string; to: string } }> {
    return this.config.seasons.map((s) => ({ season: s.season, heatingSeason: s.heatingSeason }));
  }

  /** Each rule group's phases with dates, and where the live calendar stands. */
  async calendar(key: string): Promise<SeasonCalendar & { live: Array<{ group: string; phase: string; clockAt: string | null }> }> {
    const season = this.config.season(key);
    if (!season) {
      throw new DomainError(SeasonErrorCode.SEASON_NOT_FOUND, `No season ${key} is configured; known: ${this.config.seasons.map((s) => s.season).join(', ') || 'none'}.`);
    }
    return { ...seasonCalendar(season), live: await this.clock.state(key) };
  }
}
