import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createActor, type SnapshotFrom } from 'xstate';
import { DataSource, type EntityManager } from 'typeorm';
import { DirectiveErrorCode } from './directives.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { levelAt } from '../rules/levels/level-at.js';
import {
  createResponseLevelMachine,
  RESPONSE_LEVEL_MACHINE_VERSION,
  type ResponseLevelEvent,
  type ResponseLevelMachine,
} from '../rules/levels/response-level.machine.js';
import type { LevelOrNone } from '../rules/levels/level-ladder.js';
import { CountyLevelEntity } from './county-level.entity.js';

export type LevelSnapshot = SnapshotFrom<ResponseLevelMachine>;

export interface CountyMachine {
  county: string;
  snapshot: LevelSnapshot;
}

/** PostgreSQL's "could not obtain lock" (NOWAIT). */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The per-county response-level machines, persisted as xstate snapshots. Callers lock the
 * counties they act on inside their own transaction; a second officer acting on the same
 * county at the same moment gets 409 instead of waiting.
 */
@Injectable()
export class CountyLevelsService implements OnApplicationBootstrap {
  readonly machine: ResponseLevelMachine;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
  ) {
    this.machine = createResponseLevelMachine({ rules: config.rules, levels: config.city.levels.map((l) => l.key) });
  }

  /** Every configured county has a machine row, so that locking never races an insert. */
  async onApplicationBootstrap(): Promise<void> {
    const rows = this.config.city.counties.map((c) => {
      const actor = createActor(this.machine, { input: { county: c.name } }).start();
      const snapshot = actor.getPersistedSnapshot();
      actor.stop();
      return { county: c.name, snapshot };
    });
    await this.dataSource.query(
      `INSERT INTO county_levels (county, machine_version, snapshot, state, level, ends_at, version)
       SELECT county, $2, snapshot, 'none', NULL, NULL, 1 FROM json_to_recordset($1::json) AS x(county text, snapshot jsonb)
       ON CONFLICT (county) DO NOTHING`,
      [JSON.stringify(rows), RESPONSE_LEVEL_MACHINE_VERSION],
    );
  }

  async lock(manager: EntityManager, counties: string[]): Promise<Map<string, CountyMachine>> {
    let rows: CountyLevelEntity[];
    try {
      rows = await manager.query('SELECT county, machine_version, snapshot FROM county_levels WHERE county = ANY($1) ORDER BY county FOR UPDATE NOWAIT', [counties]);
    } catch (err) {
      if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) {
        throw new DomainError(DirectiveErrorCode.LEVEL_CONFLICT, `Another directive for ${counties.join('、')} is being issued right now; reload the levels and try again.`);
      }
      throw err;
    }
    const out = new Map<string, CountyMachine>();
    for (const r of rows as unknown as Array<{ county: string; machine_version: number; snapshot: LevelSnapshot }>) {
      if (r.machine_version !== RESPONSE_LEVEL_MACHINE_VERSION) {
        throw new Error(`county ${r.county}: stored level machine version ${r.machine_version} needs a migration to ${RESPONSE_LEVEL_MACHINE_VERSION}`);
      }
      out.set(r.county, { county: r.county, snapshot: r.snapshot });
    }
    return out;
  }

  /** Applies an event if the machine accepts it; null when refused (the caller explains why). */
  apply(current: CountyMachine, event: ResponseLevelEvent): CountyMachine | null {
    const actor = createActor(this.machine, { snapshot: current.snapshot, input: { county: current.county } }).start();
    if (!actor.getSnapshot().can(event)) {
      actor.stop();
      return null;
    }
    actor.send(event);
    // Persist before stop(): a snapshot taken after stop() restores as stopped.
    const snapshot = actor.getPersistedSnapshot() as LevelSnapshot;
    actor.stop();
    return { county: current.county, snapshot };
  }

  async save(manager: EntityManager, machines: CountyMachine[]): Promise<void> {
    for (const m of machines) {
      const ctx = m.snapshot.context;
      await manager.query(
        `UPDATE county_levels SET snapshot = $2, state = $3, level = $4, ends_at = $5, version = version + 1, updated_at = now() WHERE county = $1`,
        [m.county, JSON.stringify(m.snapshot), String(m.snapshot.value), ctx.level, ctx.endsAt],
      );
    }
  }

  levelAt(m: CountyMachine, at: string): LevelOrNone {
    return levelAt(m.snapshot.context, at);
  }

  /** Every county's machine state, unlocked, for reads. */
  async all(manager: EntityManager = this.dataSource.manager): Promise<Map<string, CountyMachine>> {
    const rows: Array<{ county: string; snapshot: LevelSnapshot }> = await manager.query('SELECT county, snapshot FROM county_levels ORDER BY county');
    return new Map(rows.map((r) => [r.county, { county: r.county, snapshot: r.snapshot }]));
  }
}
