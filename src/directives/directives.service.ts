import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderNoticesService } from '../acknowledgements/order-notices.service.js';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { DirectiveErrorCode } from './directives.errors.js';
import { DomainError } from '../common/domain-error.js';
import { checkDirectiveTimes, timeRefused } from '../common/time-window.js';
import { ConfigService } from '../config/config.service.js';
import { planVersions, type TimelineMode } from '../orders/order-plan.js';
import { OrderTimelineSnapshotService } from '../orders/order-timeline-snapshot.service.js';
import { loadOpenOrders, withOpenOrders, writeVersions } from '../orders/order-timeline.repository.js';
import { entityToEnterprise } from '../registry/enterprise.mapper.js';
import { loadEnterpriseEntities, loadInactiveCodesOf } from '../registry/enterprise.repository.js';
import { RegistrySnapshotService } from '../registry/registry-snapshot.service.js';
import type { Enterprise } from '../rules/enterprise.js';
import type { LevelOrNone } from '../rules/levels/level-ladder.js';
import type { ResponseLevelEvent } from '../rules/levels/response-level.machine.js';
import { deriveOrder } from '../rules/orders/order-derivation.js';
import type { Order } from '../rules/orders/order.types.js';
import { localDateOf } from '../rules/time/local-time.js';
import { Clock } from '../common/clock.js';
import { CountyLevelsService, type CountyMachine } from './county-levels.service.js';
import { formatDirectiveNumber } from '../rules/directive-number.js';
import { DirectivesRepository } from './directives.repository.js';
import { dryRunChangesCsv } from '../web/export/dry-run-changes-csv.js';
import { dryRunReduction, type DryRunReduction } from './dry-run-emissions.js';
import { requirementChanges, type ChangesFound, type ChangesPage, type ChangesWindow } from './dry-run-changes.js';
import { summarise, type DirectiveSummary } from './directive-summary.js';
import type { DirectiveKind } from './directive.entity.js';
import type { IssueDirectiveDto } from './dto/issue-directive.dto.js';

export interface DirectiveResult {
  id: string | null;
  number: string | null;
  kind: DirectiveKind;
  dryRun: boolean;
  level: string | null;
  counties: string[];
  startsAt: string;
  endsAt: string | null;
  summary: DirectiveSummary;
  /** Dry runs only: every line whose requirement would change, paged. */
  changes?: ChangesPage;
  /** Dry runs only: baseline emissions in scope and what the orders remove, beside the level's target. */
  reduction?: DryRunReduction;
}

/** What a directive does to orders, whatever started it (officer, season calendar, expiry). */
export interface DirectivePlan {
  kind: DirectiveKind;
  level: string | null;
  counties: string[];
  city: boolean;
  /** When the new requirement applies (start, lift time, phase start). */
  effectiveAt: Date;
  endsAt: Date | null;
  basis: string;
  /** Events for the county machines (none for season directives). */
  events: Map<string, ResponseLevelEvent>;
  /** Restrict to some enterprises (season groups); all active enterprises in scope when absent. */
  enterpriseFilter?: (e: Enterprise) => boolean;
  seasonKey?: string;
  ackHours: number;
  /** Make no directive at all when no enterprise's requirement changes (reconciliation). */
  skipIfUnchanged?: boolean;
  /** Also end the open orders of deactivated enterprises (reconciliation). */
  endInactive?: boolean;
  /** How the new versions meet the directed timeline (default replace: newest governs from its start). */
  mode?: TimelineMode;
}

class DryRunRollback extends Error {
  constructor(readonly result: DirectiveResult & { found?: ChangesFound }) {
    super('dry run');
  }
}

@Injectable()
export class DirectivesService {
  private readonly logger = new Logger('directives');

  constructor(
    private readonly repo: DirectivesRepository,
    private readonly config: ConfigService,
    private readonly levels: CountyLevelsService,
    private readonly notices: OrderNoticesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly snapshot: RegistrySnapshotService,
    private readonly timeline: OrderTimelineSnapshotService,
  ) {}

  /** An officer's issue / adjust / lift; a dry run lists the changes page asked for. */
  async decide(actor: Actor, dto: IssueDirectiveDto): Promise<DirectiveResult> {
    const window = { page: dto.changesPage ?? 1, pageSize: dto.changesPageSize ?? 100 };
    const { found, ...result } = await this.decideFull(actor, dto, window);
    if (!result.dryRun) return result;
    return { ...result, changes: { items: found?.items ?? [], total: found?.total ?? 0, ...window } };
  }

  /** The dry run's full list of changes as CSV, for the duty officer to check before issuing. */
  async dryRunChangesCsv(actor: Actor, dto: IssueDirectiveDto): Promise<string> {
    const result = await this.decideFull(actor, { ...dto, dryRun: true });
    return dryRunChangesCsv(result.found?.items ?? [], result.startsAt, this.config.city.city.timezone);
  }

  private async decideFull(actor: Actor, dto: IssueDirectiveDto, window?: ChangesWindow): Promise<DirectiveResult & { found?: ChangesFound }> {
    const now = this.clock.now();
    const known = this.config.city.counties.map((c) => c.name);
    const unknown = (dto.counties ?? []).filter((c) => !known.includes(c));
    if (unknown.length > 0) throw new DomainError(DirectiveErrorCode.UNKNOWN_COUNTY, `Unknown count${unknown.length > 1 ? 'ies' : 'y'}: ${unknown.join(', ')}; use ${known.join(', ')}.`);
    if (dto.action !== 'lift' && dto.endsAt === undefined) {
      throw new DomainError(DirectiveErrorCode.LEVEL_END_REQUIRED, 'Say how the level ends: endsAt as an ISO time, or endsAt: null for "until lifted".');
    }
    const counties = dto.counties ? [...new Set(dto.counties)] : known;
    const at = dto.startsAt ?? now.toISOString();
    const { directiveStartToleranceMinutes, directiveHorizonDays } = this.config.dispatch.timeSanity;
    const refusals = checkDirectiveTimes(new Date(at), dto.action === 'lift' || !dto.endsAt ? null : new Date(dto.endsAt), now, {
      startToleranceMinutes: directiveStartToleranceMinutes,
      horizonDays: directiveHorizonDays,
    });
    if (refusals.length > 0) throw timeRefused(refusals);
    const plan: DirectivePlan = {
      kind: dto.action,
      level: dto.action === 'lift' ? null : dto.level!,
      counties,
      city: !dto.counties,
      effectiveAt: new Date(at),
      endsAt: dto.action === 'lift' || !dto.endsAt ? null : new Date(dto.endsAt),
      basis: dto.basis,
      events: new Map(),
      ackHours: this.config.dispatch.ackDeadlineHours.level,
    };
    return this.execute(
      actor,
      plan,
      dto.dryRun ?? false,
      (machines) => {
        const refused: string[] = [];
        for (const county of counties) {
          const m = machines.get(county)!;
          const active = m.snapshot.value === 'active';
          const fields = { level: dto.level!, startsAt: at, endsAt: dto.endsAt ?? null, basis: dto.basis, decidedAt: now.toISOString() };
          let event: ResponseLevelEvent;
          if (dto.action === 'lift') {
            if (!active) refused.push(`${county}: no level is active, nothing to lift`);
            event = { type: 'LIFT', at, basis: dto.basis };
          } else if (dto.action === 'adjust') {
            if (!active) refused.push(`${county}: no level is active; issue one instead of adjusting`);
            event = { type: 'ADJUST', ...fields };
          } else {
            // Issuing over an active level is an adjustment of it (same episode).
            event = active ? { type: 'ADJUST', ...fields } : { type: 'ISSUE', ...fields };
          }
          plan.events.set(county, event);
        }
        return refused;
      },
      window,
    );
  }

  /**
   * The one transaction of a directive: county machines, the directive, every new order
   * version and every outbox row commit together, or nothing does.
   */
  async execute(
    actor: Actor,
    plan: DirectivePlan,
    dryRun: boolean,
    prepare: (machines: Map<string, CountyMachine>) => string[] = () => [],
    /** A dry run's page of changes (all of them when absent); the total counts them all. */
    window?: ChangesWindow,
  ): Promise<DirectiveResult & { found?: ChangesFound }> {
    const now = this.clock.now();
    // From the registry snapshot, brought to the stored registry version before the transaction.
    const registered = await this.snapshot.activeOf(plan.counties);
    try {
      const result = await this.repo.transaction(async (manager) => {
        const machines = await this.levels.lock(manager, plan.counties);
        const refused = prepare(machines);
        const next = new Map<string, CountyMachine>();
        for (const [county, event] of plan.events) {
          const applied = this.levels.apply(machines.get(county)!, event);
          if (!applied) refused.push(`${county}: the ${event.type.toLowerCase()} was refused (check the times: the end must follow the start)`);
          else next.set(county, applied);
        }
        if (refused.length > 0) throw new DomainError(DirectiveErrorCode.LEVEL_CHANGE_REFUSED, `The directive cannot be applied: ${[...new Set(refused)].join('; ')}.`, { refused });
        await this.levels.save(manager, [...next.values()]);
        const machinesAfter = new Map([...machines, ...next]);

        const enterprises = plan.enterpriseFilter ? registered.filter(plan.enterpriseFilter) : registered;
        // A version is never in force before it was issued: a start in the recent past (the
        // tolerance) takes effect now; until now the earlier versions were what held.
        const from = plan.effectiveAt > now ? plan.effectiveAt : now;
        const effectiveIso = from.toISOString();
        const orderConfig = this.config.orderConfigFor(this.config.seasonAt(from));
        const levelOf = new Map<string, LevelOrNone>([...machinesAfter.keys()].map((c) => [c, this.levels.levelAt(machinesAfter.get(c)!, effectiveIso)]));
        const items = enterprises.map((e) => ({ enterprise: e, order: deriveOrder(e, effectiveIso, levelOf.get(e.county) ?? 'none', orderConfig) }));
        const reduction = dryRun ? dryRunReduction(items, plan.counties, levelOf, orderConfig) : undefined;
        if (plan.endInactive) items.push(...(await this.inactiveWithOpenOrders(manager, plan.counties, effectiveIso)));
        const mode = plan.mode ?? 'replace';
        const codes = items.map((i) => i.enterprise.code);
        // A dry run writes nothing: it reads the timeline from memory and locks no order row.
        // The commit reads and locks its orders in this transaction.
        const open = dryRun ? await this.timeline.openOrders(codes, from, mode) : await loadOpenOrders(manager, codes, from, mode, true);
        const planned = planVersions(items, open, { from, to: plan.endsAt, mode });
        // A dry run only counts whom no channel reaches; the commit plans every outbox row.
        const deliveries = dryRun ? null : this.notices.plan(planned);
        const inScope = new Map<string, number>();
        for (const e of enterprises) inScope.set(e.county, (inScope.get(e.county) ?? 0) + 1);
        const summary = summarise(plan.counties, inScope, planned, deliveries?.unreachable ?? this.notices.unreachable(planned));
        // What each new version replaces: the lines in force at its start.
        const found = dryRun
          ? requirementChanges(
              planned,
              await this.timeline.linesInForce(
                planned.map((p) => p.enterprise.code),
                from,
              ),
              this.config.city.counties.map((c) => c.name),
              plan.basis,
              window,
            )
          : undefined;
        if (plan.skipIfUnchanged && planned.length === 0) {
          throw new DryRunRollback({ id: null, number: null, kind: plan.kind, dryRun, level: plan.level, counties: plan.counties, startsAt: plan.effectiveAt.toISOString(), endsAt: null, summary });
        }
        // A dry run stops here: what it answers is decided, nothing needs writing and rolling back.
        if (dryRun) {
          const startsAt = plan.effectiveAt.toISOString();
          throw new DryRunRollback({
            id: null,
            number: null,
            kind: plan.kind,
            dryRun,
            level: plan.level,
            counties: plan.counties,
            startsAt,
            endsAt: plan.endsAt?.toISOString() ?? null,
            summary,
            found,
            reduction,
          });
        }

        const number = await this.nextNumber(manager, now);
        const directiveId = await this.repo.insert(manager, {
          number,
          kind: plan.kind,
          level: plan.level,
          counties: plan.counties,
          city: plan.city,
          startsAt: plan.effectiveAt,
          endsAt: plan.endsAt,
          basis: plan.basis,
          seasonKey: plan.seasonKey ?? null,
          supersedesId: await this.previousFor(manager, plan),
          issuedBy: actor.username,
          totals: { ...summary.totals },
        });
        await writeVersions(manager, directiveId, planned, {
          effectiveFrom: from,
          ackDeadline: new Date(now.getTime() + plan.ackHours * 3_600_000),
          createdAt: now,
          mode,
        });
        await this.notices.queue(manager, deliveries!, planned, { id: directiveId, number });
        await this.audit.record(manager, actor, [
          {
            action: `directive.${plan.kind}`,
            entityType: 'directive',
            entityId: directiveId,
            before: null,
            after: { number, ...plan, events: undefined, enterpriseFilter: undefined, totals: summary.totals },
          },
        ]);
        const result: DirectiveResult = {
          id: directiveId,
          number,
          kind: plan.kind,
          dryRun,
          level: plan.level,
          counties: plan.counties,
          startsAt: plan.effectiveAt.toISOString(),
          endsAt: plan.endsAt?.toISOString() ?? null,
          summary,
        };
        return result;
      });
      this.logger.log(`${result.number}: ${plan.kind} ${plan.level ?? ''} for ${plan.counties.length} count(ies), ${result.summary.totals.orders} order version(s)`);
      this.notices.committed();
      this.timeline.refreshSoon();
      return result;
    } catch (err) {
      if (err instanceof DryRunRollback) return err.result;
      throw err;
    }
  }

  /** A deactivated enterprise keeps nothing to do: its open order gets a closing version. */
  private async inactiveWithOpenOrders(manager: EntityManager, counties: string[], at: string): Promise<Array<{ enterprise: Enterprise; order: Order }>> {
    const codes = await withOpenOrders(manager, await loadInactiveCodesOf(manager, counties));
    const loaded = await loadEnterpriseEntities(manager, codes);
    return [...loaded.values()].map((entity) => {
      const enterprise = entityToEnterprise(entity);
      const order: Order = {
        enterpriseCode: enterprise.code,
        at,
        level: 'none',
        phase: null,
        lines: enterprise.lines.map((l) => ({ code: l.code, action: 'run' as const, maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [] })),
        stoppedCapacityPercent: 0,
        maxLoadPercent: null,
        notes: ['企业已在登记中停用，此前的生产调控指令终止。'],
      };
      return { enterprise, order };
    });
  }

  private async nextNumber(manager: EntityManager, now: Date): Promise<string> {
    const year = Number(localDateOf(now.getTime(), this.config.city.city.timezone).slice(0, 4));
    return formatDirectiveNumber(this.config.dispatch.directiveNumber.format, year, await this.repo.nextSequence(manager, year));
  }

  /** The latest level directive covering any of these counties: what an adjust or lift replaces (CAP references). */
  private async previousFor(manager: EntityManager, plan: DirectivePlan): Promise<string | null> {
    if (plan.kind !== 'adjust' && plan.kind !== 'lift' && plan.kind !== 'expire') return null;
    return this.repo.latestLevelDirectiveId(manager, plan.counties);
  }
}
