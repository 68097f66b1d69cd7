import type { ObservationWindow } from '../common/time-window.js';
import { Injectable } from '@nestjs/common';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import type { OrderConfig } from '../rules/orders/order.types.js';
import { localDateOf, parseInstant } from '../rules/time/local-time.js';
import type { AppConfig } from './app-config.js';
import type { CityConfig } from './city-config.js';
import type { DispatchConfig } from './dispatch-config.js';
import { shortLinkLength } from './sms-config.js';
import type { DomainConfig } from './domain-config.js';
import type { InspectionConfig } from '../rules/inspection/inspection-config.js';
import type { RulesConfig } from '../rules/rules-config.js';
import type { SeasonConfig } from '../rules/season/season-config.js';
import type { GradingTable } from '../rules/grading/grading-table.js';

/** Typed, already-validated configuration; built once at boot and injected everywhere. */
@Injectable()
export class ConfigService {
  readonly city: CityConfig;
  readonly rules: RulesConfig;
  readonly seasons: readonly SeasonConfig[];
  readonly dispatch: DispatchConfig;
  readonly inspection: InspectionConfig;
  readonly grading: GradingTable;
  private readonly orderConfigs = new Map<string, OrderConfig>();

  constructor(
    readonly app: AppConfig,
    domain: DomainConfig,
  ) {
    this.city = domain.city;
    this.rules = domain.rules;
    this.seasons = domain.seasons;
    this.dispatch = domain.dispatch;
    this.inspection = domain.inspection;
    this.grading = domain.grading;
    const sms = this.dispatch.sms;
    if (sms.provider && shortLinkLength(app.publicBaseUrl) > sms.maxLinkChars) {
      throw new Error(
        `dispatch config: sms.maxLinkChars is ${sms.maxLinkChars}, but PUBLIC_BASE_URL makes short links of ${shortLinkLength(app.publicBaseUrl)} characters (${app.publicBaseUrl}/a/ + 10)`,
      );
    }
  }

  season(key: string): SeasonConfig | null {
    return this.seasons.find((s) => s.season === key) ?? null;
  }

  /**
   * The season whose year an instant belongs to: a season "2026-2027" covers local dates
   * from 2026-07-01 to 2027-06-30, so its phases (Nov–Mar) fall well inside.
   */
  seasonAt(at: string | Date | number): SeasonConfig | null {
    const ms = typeof at === 'number' ? at : parseInstant(at instanceof Date ? at.toISOString() : at);
    if (Number.isNaN(ms)) return null;
    const [y, m] = localDateOf(ms, this.city.city.timezone).split('-').map(Number);
    const firstYear = m >= 7 ? y : y - 1;
    return this.seasons.find((s) => s.firstYear === firstYear) ?? null;
  }

  /** Chinese names for level and phase keys, for e-mails and pages. */
  /** How far observed times (findings, confirmations, readings) may lie from now. */
  observationWindow(): ObservationWindow {
    const t = this.dispatch.timeSanity;
    return { clockToleranceMinutes: t.observationClockToleranceMinutes, lookBackDays: t.observationLookBackDays };
  }

  levelName(key: string | null): string | null {
    if (!key || key === 'none') return null;
    return this.city.levels.find((l) => l.key === key)?.name ?? key;
  }

  phaseName(key: string | null): string | null {
    if (!key || key === 'before' || key === 'after') return null;
    for (const s of this.seasons) for (const g of s.groups) for (const p of g.phases) if (p.key === key) return p.name;
    return key;
  }

  /**
   * The derivation config for a season, or, where no season is configured for the time, an
   * empty one: only the level measures then apply.
   */
  orderConfigFor(season: SeasonConfig | null): OrderConfig {
    if (season) return this.orderConfig(season);
    const base = this.seasons[0];
    if (!base) throw new DomainError(CommonErrorCode.UNPROCESSABLE, 'No season is configured, so no order can be derived.');
    return this.orderConfig({ ...base, season: 'none', groups: [] });
  }

  /** One OrderConfig object per season, so the rules' compiled lookups are reused. */
  orderConfig(season: SeasonConfig): OrderConfig {
    let cfg = this.orderConfigs.get(season.season);
    if (!cfg) {
      cfg = { season, rules: this.rules, levels: this.city.levels, livelihoodDuties: this.city.livelihoodDuties, grading: this.grading };
      this.orderConfigs.set(season.season, cfg);
    }
    return cfg;
  }
}
