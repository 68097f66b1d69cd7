import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DomainError } from '../common/domain-error.js';
import { withRules } from '../common/rules-error.js';
import { ConfigService } from '../config/config.service.js';
import { overlayGrading } from '../config/grading-config.js';
import { overlayRules } from '../config/rules-config.js';
import { EnterpriseRepository } from '../registry/enterprise.repository.js';
import { LEVEL_OR_NONE } from '../rules/levels/level-ladder.js';
import type { OrderConfig } from '../rules/orders/order.types.js';
import type { SimulationEffect } from '../rules/simulator/season-simulation.types.js';
import { simulateSeason } from '../rules/simulator/season-simulator.js';
import { localMidnightMs } from '../rules/time/local-time.js';
import { seasonSimulationCsv, type SimulationTotalsRow } from '../web/export/season-simulation-csv.js';
import type { SeasonSimulationResponse, SimulationEffectResponse } from './dto/season-simulation.dto.js';
import { parseSeasonAqiCsv } from './season-aqi-csv.js';
import { SimulationErrorCode } from './simulations.errors.js';

const TONNES = 10_000;
const SHARE = 1_000;
const round = (x: number, f: number): number => Math.round(x * f) / f;

function effect(e: SimulationEffect): SimulationEffectResponse {
  const t = e.tonnesAvoided;
  return {
    enterpriseDaysRestricted: e.enterpriseDaysRestricted,
    enterpriseDaysStopped: e.enterpriseDaysStopped,
    capacityDaysLost: round(e.capacityDaysLost, SHARE),
    tonnesAvoided: { so2: round(t.so2, TONNES), nox: round(t.nox, TONNES), pm: round(t.pm, TONNES), vocs: round(t.vocs, TONNES) },
    ordersIssued: e.ordersIssued,
  };
}

/** The season simulator: the AQI CSV and the active registry through the pure replay (src/rules/simulator). */
@Injectable()
export class SeasonSimulationService {
  constructor(
    private readonly config: ConfigService,
    private readonly enterprises: EnterpriseRepository,
  ) {}

  /** `body`: the raw text/csv body, or JSON { csv, overlay? }. */
  async simulate(body: unknown): Promise<SeasonSimulationResponse> {
    const { csv, overlay } = this.input(body);
    const tz = this.config.city.city.timezone;
    const parsed = parseSeasonAqiCsv(csv, { counties: this.config.city.counties, timezone: tz, maxDays: this.config.rules.simulation.maxDays });
    if (parsed.problems.length > 0) {
      const problems = [...parsed.problems].sort((a, b) => a.row - b.row);
      const first = problems
        .slice(0, 5)
        .map((p) => `row ${p.row}${p.column ? ` (${p.column})` : ''}: ${p.message}`)
        .join('; ');
      throw new DomainError(SimulationErrorCode.SIMULATION_CSV_INVALID, `The AQI CSV has ${problems.length} problem(s); fix them and send it again: ${first}`, problems);
    }
    const firstDate = parsed.aqi.reduce((d, a) => (a.firstDate < d ? a.firstDate : d), parsed.aqi[0]!.firstDate);
    const season = this.config.seasonAt(localMidnightMs(firstDate, tz) + 12 * 3_600_000);
    const { orders, forecastDays } = this.configuration(this.config.orderConfigFor(season), overlay);
    const enterprises = await this.enterprises.activeOf(parsed.aqi.map((a) => a.county));
    const t0 = performance.now();
    const r = withRules(() => simulateSeason({ aqi: parsed.aqi, enterprises }, { orders, forecastDays }));
    const elapsedMs = Math.round(performance.now() - t0);
    const codes = new Map(this.config.city.counties.map((c) => [c.name, c.code]));
    const industryOrder = new Map(this.config.city.industries.map((i, k) => [i.key, k]));
    const industryName = new Map(this.config.city.industries.map((i) => [i.key, i.name]));
    return {
      firstDate: r.firstDate,
      lastDate: r.lastDate,
      days: r.days,
      season: orders.season.season,
      forecastDays,
      hoursPerDay: orders.rules.emissions.hoursPerDay,
      overlay: overlay !== undefined,
      city: { enterprises: r.city.enterprises, ...effect(r.city) },
      counties: r.counties.map((c) => ({
        county: c.county,
        code: codes.get(c.county) ?? '',
        enterprises: c.enterprises,
        days: c.days,
        levelDays: LEVEL_OR_NONE.filter((l) => (c.levelDays[l] ?? 0) > 0).map((l) => ({ level: l, levelName: this.config.levelName(l) ?? '无', days: c.levelDays[l]! })),
        ...effect(c),
      })),
      industries: [...r.industries]
        .sort((a, b) => (industryOrder.get(a.industry) ?? 1e9) - (industryOrder.get(b.industry) ?? 1e9))
        .map((i) => ({ industry: i.industry, industryName: industryName.get(i.industry) ?? i.industry, enterprises: i.enterprises, ...effect(i) })),
      series: r.series.map((d) => ({ date: d.date, counties: d.counties.map((c) => ({ county: c.county, level: c.level, ...effect(c) })), city: effect(d.city) })),
      situations: r.situations,
      derivations: r.derivations,
      unknownLines: r.unknownLines,
      elapsedMs,
    };
  }

  /** The totals per county, industry and city as CSV (Chinese headers). */
  csv(r: SeasonSimulationResponse): string {
    const rows: SimulationTotalsRow[] = [
      ...r.counties.map((c) => ({ scope: '区县', name: c.county, ...c, levelDays: c.levelDays.map((l) => `${l.levelName} ${l.days}天`).join('；') })),
      ...r.industries.map((i) => ({ scope: '行业', name: i.industryName, ...i, levelDays: null })),
      { scope: '全市', name: this.config.city.city.name, ...r.city, levelDays: null },
    ];
    return seasonSimulationCsv(r.firstDate, r.lastDate, rows);
  }

  private input(body: unknown): { csv: string; overlay: unknown } {
    if (Buffer.isBuffer(body)) return { csv: body.toString('utf8'), overlay: undefined };
    const b = body as { csv?: unknown; overlay?: unknown } | null;
    if (typeof b !== 'object' || b === null || typeof b.csv !== 'string' || b.csv.trim() === '') {
      throw new DomainError(SimulationErrorCode.SIMULATION_CSV_MISSING, 'Send the season AQI as a text/csv body, or JSON { "csv": "date,county,aqi\\n…", "overlay"?: {…} }.', [
        { field: 'csv', message: 'required: the CSV text' },
      ]);
    }
    return { csv: b.csv, overlay: b.overlay ?? undefined };
  }

  /** The configuration in force, with the overlay's changes (each refused field listed). */
  private configuration(base: OrderConfig, overlay: unknown): { orders: OrderConfig; forecastDays: number } {
    if (overlay === undefined) return { orders: base, forecastDays: base.rules.simulation.forecastDays };
    const problems: Array<{ field: string; message: string }> = [];
    const o = overlay as Record<string, unknown>;
    if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay)) problems.push({ field: 'overlay', message: 'must be an object { rules?, grading? }' });
    else for (const k of Object.keys(o)) if (k !== 'rules' && k !== 'grading') problems.push({ field: `overlay.${k}`, message: 'unknown: use rules or grading' });
    let rules = base.rules;
    let grading = base.grading ?? this.config.grading;
    const attempt = (prefix: string, fn: () => void): void => {
      try {
        fn();
      } catch (e) {
        // The config parsers say "<file> config: <field> <what is wrong>".
        const m = /^[a-z]+ config: (\S+) (.*)$/s.exec((e as Error).message);
        problems.push({ field: `overlay.${prefix}.${m?.[1] ?? ''}`.replace(/\.$/, ''), message: m?.[2] ?? (e as Error).message });
      }
    };
    if (problems.length === 0) {
      if (o.rules !== undefined) attempt('rules', () => (rules = overlayRules(base.rules, o.rules)));
      if (o.grading !== undefined) attempt('grading', () => (grading = overlayGrading(grading, o.grading, this.config.city.grades, this.config.city.levels)));
    }
    if (problems.length > 0)
      throw new DomainError(SimulationErrorCode.SIMULATION_OVERLAY_INVALID, `The overlay cannot be applied: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
    return { orders: { ...base, rules, grading }, forecastDays: rules.simulation.forecastDays };
  }
}
