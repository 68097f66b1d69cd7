import type { LevelDefinition } from '../levels/level-ladder.js';
import type { SeasonGroup } from '../season/season-config.js';
import type { Reason } from '../reason.js';
import type { PhaseKey } from '../season/season-calendar.js';
import type { OrderConfig } from './order.types.js';

type PhaseRef = { readonly group: string; readonly phase: PhaseKey };

export interface CompiledGroup {
  group: SeasonGroup;
  /** Frozen phase refs: index 0 before, 1..n the phases, n+1 after. */
  refs: readonly PhaseRef[];
}

export interface CompiledMatcher {
  process: string | null | undefined;
  fuel: string | null | undefined;
  airEmitting: boolean | undefined;
  group: CompiledGroup;
}

/** Per-config lookups so the per-enterprise path does no string building or searching. */
export interface CompiledRules {
  config: OrderConfig;
  timezone: string;
  filingDeadline: string;
  byIndustry: Map<string, CompiledMatcher[]>;
  /** 'none' → -1, otherwise the ladder index. */
  levelIndex: Map<string, number>;
  ladder: readonly LevelDefinition[];
  levelStopReason: readonly Reason[];
  levelLimitReason: readonly Reason[];
  exactMax: number;
  livelihoodTakesWarningMeasures: boolean;
  livelihoodReason: Reason;
  provincialReason: Reason;
  dutyNames: Map<string, string>;
}

const cache = new WeakMap<object, WeakMap<object, WeakMap<object, CompiledRules>>>();

function compile(cfg: OrderConfig): CompiledRules {
  const byIndustry = new Map<string, CompiledMatcher[]>();
  for (const group of cfg.season.groups) {
    const refs: PhaseRef[] = [Object.freeze({ group: group.key, phase: 'before' })];
    for (const p of group.phases) refs.push(Object.freeze({ group: group.key, phase: p.key }));
    refs.push(Object.freeze({ group: group.key, phase: 'after' }));
    const compiled: CompiledGroup = { group, refs: Object.freeze(refs) };
    for (const m of group.match) {
      const list = byIndustry.get(m.industry) ?? [];
      list.push({ process: m.process, fuel: m.fuel, airEmitting: m.airEmitting, group: compiled });
      byIndustry.set(m.industry, list);
    }
  }
  const levelIndex = new Map<string, number>([['none', -1]]);
  cfg.levels.forEach((l, i) => levelIndex.set(l.key, i));
  const clause = cfg.rules.orders.levelMeasureClause;
  return {
    config: cfg,
    timezone: cfg.season.timezone,
    filingDeadline: cfg.season.livelihoodFilingDeadline,
    byIndustry,
    levelIndex,
    ladder: cfg.levels,
    levelStopReason: cfg.levels.map((l) => Object.freeze({ rule: `level.${l.key}.stop`, clause, text: `${l.name}：按应急减排清单（一厂一策）停产该生产线` })),
    levelLimitReason: cfg.levels.map((l) => Object.freeze({ rule: `level.${l.key}.limit`, clause, text: `${l.name}：按应急减排清单（一厂一策）限产该生产线` })),
    exactMax: cfg.rules.orders.exactSearchMaxLines,
    livelihoodTakesWarningMeasures: cfg.rules.livelihood.takesWarningMeasures,
    livelihoodReason: cfg.season.exemptions.livelihood,
    provincialReason: cfg.season.exemptions.provincialApproval,
    dutyNames: new Map((cfg.livelihoodDuties ?? []).map((d) => [d.key, d.name])),
  };
}

/** Compiled lookups, cached by the identity of the season, rules and levels objects. */
export function compiledRules(cfg: OrderConfig): CompiledRules {
  let bySeason = cache.get(cfg.season);
  if (!bySeason) cache.set(cfg.season, (bySeason = new WeakMap()));
  let byRules = bySeason.get(cfg.rules);
  if (!byRules) bySeason.set(cfg.rules, (byRules = new WeakMap()));
  let compiled = byRules.get(cfg.levels);
  if (!compiled) byRules.set(cfg.levels, (compiled = compile(cfg)));
  return compiled;
}

export function groupFor(c: CompiledRules, industry: string, process: string | null, fuel: string | null, airEmitting: boolean): CompiledGroup | null {
  const list = c.byIndustry.get(industry);
  if (list === undefined) return null;
  for (let i = 0; i < list.length; i++) {
    const m = list[i]!;
    if ((m.process === undefined || m.process === process) && (m.fuel === undefined || m.fuel === fuel) && (m.airEmitting === undefined || m.airEmitting === airEmitting)) return m.group;
  }
  return null;
}
