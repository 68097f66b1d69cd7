import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { createActor, type SnapshotFrom } from 'xstate';
import type { EntityManager } from 'typeorm';
import { DirectiveErrorCode } from './directives.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { levelAt } from '../rules/levels/level-at.js';
import { createResponseLevelMachine, RESPONSE_LEVEL_MACHINE_VERSION, type ResponseLevelEvent, type ResponseLevelMachine } from '../rules/levels/response-level.machine.js';
import type { LevelOrNone } from '../rules/levels/level-ladder.js';
import { CountyLevelsRepository } from './county-levels.repository.js';

export type LevelSnapshot = SnapshotFrom<ResponseLevelMachine>;

export interface CountyMachine {
  county: string;
  snapshot: LevelSnapshot;
}

/**
 * The per-county response-level machines, persisted as xstate snapshots. Callers lock the
 * counties they act on inside their own transaction; a second officer acting on the same
 * county at the same moment gets 409 instead of waiting.
 */
@Injectable()
export class CountyLevelsService implements OnApplicationBootstrap {
  readonly machine: ResponseLevelMachine;

  constructor(
    private readonly repo: CountyLevelsRepository,
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
    await this.repo.seed(rows, RESPONSE_LEVEL_MACHINE_VERSION);
  }

  async lock(manager: EntityManager, counties: string[]): Promise<Map<string, CountyMachine>> {
    const rows = await this.repo.lockNoWait<LevelSnapshot>(manager, counties);
    if (!rows) throw new DomainError(DirectiveErrorCode.LEVEL_CONFLICT, `Another directive for ${counties.join('、')} is being issued right now; reload the levels and try again.`);
    const out = new Map<string, CountyMachine>();
    for (const r of rows) {
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
    await this.repo.save(
      manager,
      machines.map((m) => ({ county: m.county, snapshot: m.snapshot, state: String(m.snapshot.value), level: m.snapshot.context.level, endsAt: m.snapshot.context.endsAt })),
    );
  }

  /** Active levels whose stated end has come (RULES.md §2): what the expiry job ends. */
  endedBy(now: Date): Promise<Array<{ county: string; level: string; ends_at: Date }>> {
    return this.repo.endedBy(now);
  }

  levelAt(m: CountyMachine, at: string): LevelOrNone {
    return levelAt(m.snapshot.context, at);
  }

  /** Every county's machine state, unlocked, for reads. */
  async all(manager?: EntityManager): Promise<Map<string, CountyMachine>> {
    const rows = await this.repo.all<LevelSnapshot>(manager);
    return new Map(rows.map((r) => [r.county, { county: r.county, snapshot: r.snapshot }]));
  }
}
