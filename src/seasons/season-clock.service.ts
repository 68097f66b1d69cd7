import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createActor, type SnapshotFrom } from 'xstate';
import { DataSource, type EntityManager } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import type { SeasonConfig, SeasonGroup } from '../rules/season/season-config.js';
import { createSeasonMachine, SEASON_MACHINE_VERSION, type PhaseChange, type SeasonMachine } from '../rules/season/season.machine.js';
import { SeasonCalendarStateEntity } from './season-calendar-state.entity.js';
import { SeasonPhaseChangeEntity } from './season-phase-change.entity.js';

export interface TickResult {
  /** false when another instance holds the lock and this tick did nothing. */
  ran: boolean;
  season: string | null;
  changes: Array<PhaseChange & { group: string }>;
}

/** Held for the whole tick, so one instance advances the calendar at a time. */
const LOCK_KEY = 'hazeops.season-clock';

/**
 * Advances each rule group's persisted season machine to `now` and records every phase
 * change once. Used by the midnight cron job and by the catch-up at boot: a tick after
 * downtime walks every boundary it missed, and ticking twice records nothing twice.
 */
@Injectable()
export class SeasonClockService {
  private readonly logger = new Logger('season-clock');
  private readonly machines = new Map<string, SeasonMachine>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
  ) {}

  private machine(season: SeasonConfig, group: SeasonGroup): SeasonMachine {
    const key = `${season.season}/${group.key}`;
    let m = this.machines.get(key);
    if (!m) this.machines.set(key, (m = createSeasonMachine(group)));
    return m;
  }

  async tick(now: Date): Promise<TickResult> {
    const season = this.config.seasonAt(now);
    if (!season) return { ran: true, season: null, changes: [] };
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [LOCK_KEY]);
      if (!locked) return { ran: false, season: season.season, changes: [] };
      const changes: TickResult['changes'] = [];
      for (const group of season.groups) {
        for (const c of await this.advance(manager, season, group, now)) changes.push({ ...c, group: group.key });
      }
      if (changes.length > 0) this.logger.log(`season ${season.season}: ${changes.map((c) => `${c.group} ${c.from}→${c.to}`).join(', ')}`);
      return { ran: true, season: season.season, changes };
    });
  }

  private async advance(manager: EntityManager, season: SeasonConfig, group: SeasonGroup, now: Date): Promise<PhaseChange[]> {
    const repo = manager.getRepository(SeasonCalendarStateEntity);
    const machine = this.machine(season, group);
    const row = await repo.findOne({ where: { season: season.season, groupKey: group.key }, lock: { mode: 'pessimistic_write' } });
    // A snapshot of an older machine version is replayed from the start; recorded changes stay unique.
    const stored = row && row.machineVersion === SEASON_MACHINE_VERSION ? (row.snapshot as SnapshotFrom<SeasonMachine>) : undefined;
    const actor = createActor(machine, stored ? { snapshot: stored } : undefined).start();
    const before = actor.getSnapshot().context.changes.length;
    const event = { type: 'CLOCK' as const, at: now.toISOString() };
    if (actor.getSnapshot().can(event)) actor.send(event);
    const snap = actor.getSnapshot();
    // Persist before stop(): a snapshot taken after stop() says "stopped" and restores dead.
    const persisted = actor.getPersistedSnapshot();
    actor.stop();
    const fresh = snap.context.changes.slice(before);
    if (fresh.length > 0) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(SeasonPhaseChangeEntity)
        .values(fresh.map((c) => ({ season: season.season, groupKey: group.key, fromPhase: c.from, toPhase: c.to, effectiveAt: new Date(c.effectiveAt), observedAt: new Date(c.observedAt) })))
        .orIgnore()
        .execute();
    }
    if (row) {
      await repo.update({ season: season.season, groupKey: group.key }, { snapshot: persisted, machineVersion: SEASON_MACHINE_VERSION, phase: snap.context.phase, clockAt: now });
    } else {
      await repo.insert({ season: season.season, groupKey: group.key, snapshot: persisted, machineVersion: SEASON_MACHINE_VERSION, phase: snap.context.phase, clockAt: now, version: 1 });
    }
    return fresh;
  }

  /** The persisted phase per group of a season, as the live calendar sees it. */
  async state(season: string): Promise<Array<{ group: string; phase: string; clockAt: string | null }>> {
    const rows = await this.dataSource.getRepository(SeasonCalendarStateEntity).find({ where: { season }, order: { groupKey: 'ASC' } });
    return rows.map((r) => ({ group: r.groupKey, phase: r.phase, clockAt: r.clockAt?.toISOString() ?? null }));
  }

  async changes(season: string): Promise<SeasonPhaseChangeEntity[]> {
    return this.dataSource.getRepository(SeasonPhaseChangeEntity).find({ where: { season }, order: { effectiveAt: 'ASC', groupKey: 'ASC' } });
  }
}
