import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { PhaseChange } from '../rules/season/season.machine.js';
import type { UpcomingPhaseChange } from '../rules/season/season-step.js';
import { SeasonCalendarStateEntity } from './season-calendar-state.entity.js';
import { SeasonPhaseChangeEntity } from './season-phase-change.entity.js';

/** A recorded phase change as the rest of the application reads it. */
export interface RecordedPhaseChange {
  id: string;
  season: string;
  group: string;
  from: string;
  to: string;
  effectiveAt: Date;
  /** null while the change is ahead (announced within the lead, not entered yet). */
  observedAt: Date | null;
}

export interface StoredCalendarState {
  season: string;
  groupKey: string;
  machineVersion: number;
  snapshot: object;
  phase: string;
  clockAt: Date | null;
}

const toRecorded = (r: SeasonPhaseChangeEntity): RecordedPhaseChange => ({
  id: r.id,
  season: r.season,
  group: r.groupKey,
  from: r.fromPhase,
  to: r.toPhase,
  effectiveAt: r.effectiveAt,
  observedAt: r.observedAt,
});

/** season_calendar_state (the persisted machines) and season_phase_changes (what they produced). */
@Injectable()
export class SeasonClockRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }

  /** The stored machine of one group, locked for the transaction; null before its first tick. */
  async lockState(manager: EntityManager, season: string, group: string): Promise<StoredCalendarState | null> {
    return manager.getRepository(SeasonCalendarStateEntity).findOne({ where: { season, groupKey: group }, lock: { mode: 'pessimistic_write' } });
  }

  async saveState(manager: EntityManager, state: StoredCalendarState, exists: boolean): Promise<void> {
    const repo = manager.getRepository(SeasonCalendarStateEntity);
    const { season, groupKey, ...fields } = state;
    // version counts the writes: a tick that changes nothing leaves it as it was.
    if (exists) await repo.update({ season, groupKey }, { ...fields, version: () => 'version + 1' });
    else await repo.insert({ ...state, version: 1 });
  }

  async changesOf(manager: EntityManager, season: string): Promise<RecordedPhaseChange[]> {
    const rows = await manager.getRepository(SeasonPhaseChangeEntity).find({ where: { season }, order: { effectiveAt: 'ASC', groupKey: 'ASC' } });
    return rows.map(toRecorded);
  }

  /** Inserts changes not recorded yet (entered ones with their observation, ahead ones without). */
  async insertChanges(manager: EntityManager, season: string, group: string, changes: Array<PhaseChange | UpcomingPhaseChange>): Promise<void> {
    if (changes.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(SeasonPhaseChangeEntity)
      .values(changes.map((c) => ({ season, groupKey: group, fromPhase: c.from, toPhase: c.to, effectiveAt: new Date(c.effectiveAt), observedAt: 'observedAt' in c ? new Date(c.observedAt) : null })))
      .orIgnore()
      .execute();
  }

  /** A change recorded ahead has now been entered by the machine. */
  async markObserved(manager: EntityManager, id: string, observedAt: string): Promise<void> {
    await manager.getRepository(SeasonPhaseChangeEntity).update({ id }, { observedAt: new Date(observedAt) });
  }

  async states(season: string): Promise<StoredCalendarState[]> {
    return this.dataSource.getRepository(SeasonCalendarStateEntity).find({ where: { season }, order: { groupKey: 'ASC' } });
  }

  /** Every recorded change of every season (a few per rule group), oldest boundary first. */
  async allChanges(): Promise<RecordedPhaseChange[]> {
    const rows = await this.dataSource.getRepository(SeasonPhaseChangeEntity).find({ order: { effectiveAt: 'ASC', groupKey: 'ASC', id: 'ASC' } });
    return rows.map(toRecorded);
  }
}
