import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../audit/audit.service.js';
import { DIRECTIVE_CONFLICTS } from './directives.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import type { ResponseLevelEvent } from '../rules/levels/response-level.machine.js';
import { Clock } from '../common/clock.js';
import { CronService } from '../scheduling/cron.service.js';
import { SeasonClockService } from '../seasons/season-clock.service.js';
import { CountyLevelsService } from './county-levels.service.js';
import { DirectivesRepository } from './directives.repository.js';
import { DirectivesService, type DirectiveResult } from './directives.service.js';
import { seasonDirectiveOf } from './season-directive.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Directives nobody has to type: a level reaching its stated end, and the season's phase
 * changes the season machine recorded (ahead by the lead). Both catch up after downtime;
 * a season boundary is directed once (unique season_key), whatever runs how often.
 */
@Injectable()
export class DirectiveJobsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('directive-jobs');

  constructor(
    private readonly config: ConfigService,
    private readonly directives: DirectivesService,
    private readonly repo: DirectivesRepository,
    private readonly levels: CountyLevelsService,
    private readonly seasonClock: SeasonClockService,
    private readonly cron: CronService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.cron.enabled) return;
    await this.expireLevels().catch((err: unknown) => this.logger.error(`level expiry at boot failed: ${String(err)}`));
    await this.issueSeasonDirectives().catch((err: unknown) => this.logger.error(`season directives at boot failed: ${String(err)}`));
    await this.reconcile().catch((err: unknown) => this.logger.error(`reconciliation at boot failed: ${String(err)}`));
    this.cron.register('level-expiry', '40 * * * * *', () => this.expireLevels());
    this.cron.register('season-directives', '0 10 0 * * *', () => this.issueSeasonDirectives());
    // Right after local midnight, when season phases begin: a phase that started while a
    // warning version was current gets its requirement within the minute.
    this.cron.register('reconcile', '30 0 0 * * *', () => this.reconcile());
  }

  /**
   * Levels whose stated end has come: blue (and other self-expiring levels) expire, yellow
   * and above end at their stated end time (RULES.md §2). Orders are re-derived for the county.
   */
  async expireLevels(): Promise<DirectiveResult[]> {
    const now = this.clock.now();
    const due = await this.levels.endedBy(now);
    const selfExpiring = new Set<string>(this.config.rules.episodes.selfExpiringLevels);
    const results: DirectiveResult[] = [];
    // One directive per (end time, level): counties that ended together are announced together.
    const groups = new Map<string, typeof due>();
    for (const d of due) groups.set(`${d.ends_at.toISOString()}|${d.level}`, [...(groups.get(`${d.ends_at.toISOString()}|${d.level}`) ?? []), d]);
    for (const group of groups.values()) {
      const { level, ends_at } = group[0];
      const at = ends_at.toISOString();
      const event: ResponseLevelEvent = selfExpiring.has(level) ? { type: 'EXPIRE', at } : { type: 'LIFT', at, basis: '预警期满，按发布时确定的结束时间解除' };
      const counties = group.map((g) => g.county);
      const result = await this.directives
        .execute(
          SYSTEM_ACTOR,
          {
            kind: 'expire',
            level: null,
            counties,
            city: false,
            effectiveAt: ends_at,
            endsAt: null,
            basis: `${this.config.levelName(level)}期满（${at}）自动解除`,
            events: new Map(counties.map((c) => [c, event])),
            ackHours: this.config.dispatch.ackDeadlineHours.level,
          },
          false,
        )
        // Another instance (or an officer) got to these counties first; the next run looks again.
        .catch((err: unknown) => {
          if (err instanceof DomainError && DIRECTIVE_CONFLICTS.has(err.code)) return null;
          throw err;
        });
      if (result) results.push(result);
    }
    return results;
  }

  /**
   * Brings the season clock up to now (it records what the machine does within the lead),
   * then directs what is recorded. If another instance is ticking at that moment, what it
   * records is directed by it, or by the next run here.
   */
  async issueSeasonDirectives(): Promise<DirectiveResult[]> {
    await this.seasonClock.tick(this.clock.now());
    return this.directRecordedPhaseChanges();
  }

  /**
   * One season directive per recorded phase change that has none yet: the machine's
   * boundary is the directive's start. Nothing recorded, nothing directed; a change missed
   * while the service was down is directed at the next run.
   */
  async directRecordedPhaseChanges(): Promise<DirectiveResult[]> {
    const recorded = await this.seasonClock.recordedChanges();
    const plans = recorded.flatMap((change) => {
      const season = this.config.season(change.season);
      const directive = season ? seasonDirectiveOf(season, change) : null;
      if (!directive) this.logger.warn(`phase change ${change.season}/${change.group} →${change.to} has no configured group any more; not directed`);
      return directive ? [directive] : [];
    });
    const directed = await this.repo.directedSeasonKeys(plans.map((p) => p.seasonKey));
    const counties = this.config.city.counties.map((c) => c.name);
    const results: DirectiveResult[] = [];
    for (const p of plans) {
      if (directed.has(p.seasonKey)) continue;
      const result = await this.directives
        .execute(
          SYSTEM_ACTOR,
          {
            kind: 'season',
            level: null,
            counties,
            city: true,
            effectiveAt: p.effectiveAt,
            endsAt: null,
            basis: p.basis,
            events: new Map(),
            enterpriseFilter: p.enterpriseFilter,
            seasonKey: p.seasonKey,
            ackHours: this.config.dispatch.ackDeadlineHours.season,
          },
          false,
        )
        // Another instance directed this boundary first: the unique season_key says so.
        .catch((err: unknown) => {
          if ((err as { code?: string }).code === UNIQUE_VIOLATION) return null;
          throw err;
        });
      if (result) results.push(result);
    }
    if (results.length > 0) this.logger.log(`season directives: ${results.map((r) => r.number).join(', ')}`);
    return results;
  }

  /**
   * Re-derives every enterprise's order for now and versions only those whose requirement
   * differs from the version in force now: enterprises registered or changed after the
   * directives that concern them, and phases begun while a warning version was in force. A
   * new version lasts until the next directed start, which stays as it was.
   */
  async reconcile(): Promise<DirectiveResult | null> {
    const now = this.clock.now();
    const counties = this.config.city.counties.map((c) => c.name);
    const result = await this.directives.execute(SYSTEM_ACTOR, this.reconcilePlan(now, counties), false).catch((err: unknown) => {
      if (err instanceof DomainError && DIRECTIVE_CONFLICTS.has(err.code)) return null;
      throw err;
    });
    if (!result?.id) return null;
    this.logger.log(`reconciliation ${result.number}: ${result.summary.totals.orders} order version(s)`);
    return result;
  }

  /** Fills gaps only: what is already directed for later (an advance season notice, a red from noon) stays. */
  private reconcilePlan(now: Date, counties: string[]) {
    return {
      kind: 'reconcile' as const,
      level: null,
      counties,
      city: true,
      effectiveAt: now,
      endsAt: null,
      basis: '按最新登记信息、错峰生产阶段和响应级别核对生产调控指令',
      events: new Map(),
      mode: 'fill' as const,
      ackHours: this.config.dispatch.ackDeadlineHours.season,
      skipIfUnchanged: true,
      endInactive: true,
    };
  }
}
