import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import type { SeasonConfig, SeasonGroup } from '../rules/season/season-config.js';
import { createSeasonMachine, SEASON_MACHINE_VERSION, type PhaseChange, type SeasonMachine } from '../rules/season/season.machine.js';
import { stepSeason, type UpcomingPhaseChange } from '../rules/season/season-step.js';
import { JobRunRepository } from '../scheduling/job-run.repository.js';
import { SeasonClockRepository, type RecordedPhaseChange } from './season-clock.repository.js';

export interface TickResult {
  /** false when another instance holds the lock and this tick did nothing. */
  ran: boolean;
  /** The season `now` belongs to (every configured season's machines are advanced). */
  season: string | null;
  /** Phases entered by this tick. */
  changes: Array<PhaseChange & { season: string; group: string }>;
  /** Changes newly recorded ahead: the machine will make them within the lead. */
  ahead: Array<UpcomingPhaseChange & { season: string; group: string }>;
}

/** Held for the whole tick, so one instance advances the calendar at a time. */
const LOCK_KEY = 'hazeops.season-clock';
const DAY = 86_400_000;

const keyOf = (group: string, to: string, effectiveAt: string | Date) => `${group}|${to}|${new Date(effectiveAt).getTime()}`;

/**
 * Advances each rule group's persisted season machine to `now` and records what it does:
 * every phase change once, first when it comes within the lead (`seasonDirectiveLeadDays`),
 * then as observed when the machine enters it. Season directives act on these records. A tick
 * after downtime walks every boundary it missed; a tick that changes nothing writes nothing.
 */
@Injectable()
export class SeasonClockService {
  private readonly logger = new Logger('season-clock');
  private readonly machines = new Map<string, SeasonMachine>();

  constructor(
    private readonly repo: SeasonClockRepository,
    private readonly locks: JobRunRepository,
    private readonly config: ConfigService,
  ) {}

  private machine(season: SeasonConfig, group: SeasonGroup): SeasonMachine {
    const key = `${season.season}/${group.key}`;
    let m = this.machines.get(key);
    if (!m) this.machines.set(key, (m = createSeasonMachine(group)));
    return m;
  }

  async tick(now: Date): Promise<TickResult> {
    const season = this.config.seasonAt(now)?.season ?? null;
    return this.repo.transaction(async (manager) => {
      if (!(await this.locks.tryLock(manager, LOCK_KEY))) return { ran: false, season, changes: [], ahead: [] };
      const result: TickResult = { ran: true, season, changes: [], ahead: [] };
      // Every configured season, not only the current one: a boundary missed across the
      // season-year change (downtime) is still recorded, and so still directed.
      for (const s of this.config.seasons) await this.advanceSeason(manager, s, now, result);
      const moved = [...result.changes.map((c) => `${c.group} ${c.from}→${c.to}`), ...result.ahead.map((c) => `${c.group} →${c.to} ahead (${c.effectiveAt})`)];
      if (moved.length > 0) this.logger.log(`season clock: ${moved.join(', ')}`);
      return result;
    });
  }

  private async advanceSeason(manager: EntityManager, season: SeasonConfig, now: Date, result: TickResult): Promise<void> {
    const leadMs = this.config.dispatch.seasonDirectiveLeadDays * DAY;
    const recorded = new Map((await this.repo.changesOf(manager, season.season)).map((r) => [keyOf(r.group, r.to, r.effectiveAt), r]));
    for (const group of season.groups) {
      const stored = await this.repo.lockState(manager, season.season, group.key);
      const step = stepSeason(this.machine(season, group), stored, now.toISOString(), leadMs);
      const fresh: Array<PhaseChange | UpcomingPhaseChange> = [];
      for (const c of step.entered) {
        const row = recorded.get(keyOf(group.key, c.to, c.effectiveAt));
        if (!row) fresh.push(c);
        else if (row.observedAt === null) await this.repo.markObserved(manager, row.id, c.observedAt);
        result.changes.push({ ...c, season: season.season, group: group.key });
      }
      for (const c of step.ahead) {
        if (recorded.has(keyOf(group.key, c.to, c.effectiveAt))) continue;
        fresh.push(c);
        result.ahead.push({ ...c, season: season.season, group: group.key });
      }
      await this.repo.insertChanges(manager, season.season, group.key, fresh);
      // The snapshot and the changes it produced commit together; an unchanged machine is not rewritten.
      if (step.moved) {
        await this.repo.saveState(
          manager,
          { season: season.season, groupKey: group.key, machineVersion: SEASON_MACHINE_VERSION, snapshot: step.persisted, phase: step.snapshot.context.phase, clockAt: now },
          stored !== null,
        );
      }
    }
  }

  /**
   * The persisted phase per group of a season, as the live calendar sees it; `clockAt` is the
   * reading at which the machine last moved (its last phase change, or its first tick).
   */
  async state(season: string): Promise<Array<{ group: string; phase: string; clockAt: string | null }>> {
    const rows = await this.repo.states(season);
    return rows.map((r) => ({ group: r.groupKey, phase: r.phase, clockAt: r.clockAt?.toISOString() ?? null }));
  }

  /** Every phase change the machines have recorded (entered or ahead), oldest boundary first. */
  recordedChanges(): Promise<RecordedPhaseChange[]> {
    return this.repo.allChanges();
  }
}
