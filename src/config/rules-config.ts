import { readYamlConfig } from './config-files.js';
import { LEVEL_KEYS, type LevelKey } from '../rules/levels/level-ladder.js';
import type { AqiCondition, RulesConfig } from '../rules/rules-config.js';

type Obj = Record<string, unknown>;

function fail(field: string, problem: string): never {
  throw new Error(`rules config: ${field} ${problem}`);
}

function obj(value: unknown, field: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be a mapping');
  return value as Obj;
}

function num(value: unknown, field: string, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) fail(field, `must be a number in [${min}, ${max}]`);
  return value;
}

function count(value: unknown, field: string): number {
  const n = num(value, field, 0, 10_000);
  if (!Number.isInteger(n)) fail(field, 'must be an integer');
  return n;
}

function levelKey(value: unknown, field: string): LevelKey {
  if (!LEVEL_KEYS.includes(value as LevelKey)) fail(field, `must be one of ${LEVEL_KEYS.join(', ')}`);
  return value as LevelKey;
}

function levelMap<T>(value: unknown, field: string, each: (v: unknown, f: string) => T): Partial<Record<LevelKey, T>> {
  const o = obj(value, field);
  const out: Partial<Record<LevelKey, T>> = {};
  for (const [k, v] of Object.entries(o)) out[levelKey(k, `${field} key ${k}`)] = each(v, `${field}.${k}`);
  return out;
}

function condition(value: unknown, field: string): AqiCondition {
  const o = obj(value, field);
  const hasAbove = 'above' in o;
  if (hasAbove === 'atLeast' in o) fail(field, 'needs exactly one of above / atLeast');
  return {
    comparison: hasAbove ? 'above' : 'atLeast',
    threshold: num(hasAbove ? o.above : o.atLeast, `${field}.${hasAbove ? 'above' : 'atLeast'}`, 0),
    hours: num(o.hours, `${field}.hours`, 1),
  };
}

function alternatives(value: unknown, field: string): AqiCondition[][] {
  if (!Array.isArray(value) || value.length === 0) fail(field, 'must be a non-empty list of condition lists');
  return value.map((alt: unknown, i) => {
    if (!Array.isArray(alt) || alt.length === 0) fail(`${field}[${i}]`, 'must be a non-empty list of conditions');
    return alt.map((c: unknown, j) => condition(c, `${field}[${i}][${j}]`));
  });
}

/** Validates a parsed rules file; the error names the bad field. */
export function parseRulesConfig(raw: unknown): RulesConfig {
  const o = obj(raw, '(root)');
  const rec = obj(o.recommendation, 'recommendation');
  const lift = obj(o.lift, 'lift');
  const ep = obj(o.episodes, 'episodes');
  const lv = obj(o.livelihood, 'livelihood');
  const rep = obj(o.reporting ?? {}, 'reporting');
  const ord = obj(o.orders, 'orders');
  const em = obj(o.emissions, 'emissions');
  const sim = obj(o.simulation ?? { forecastDays: 5, maxDays: 200 }, 'simulation');
  const forecastDays = count(sim.forecastDays, 'simulation.forecastDays');
  if (forecastDays < 1 || forecastDays > 30) fail('simulation.forecastDays', 'must be an integer in [1, 30]');
  const maxDays = count(sim.maxDays, 'simulation.maxDays');
  if (maxDays < 1 || maxDays > 400) fail('simulation.maxDays', 'must be an integer in [1, 400]');
  const rq = obj(o.registryQuality, 'registryQuality');
  const industries = rq.airEmittingIndustries ?? [];
  if (!Array.isArray(industries) || industries.some((k) => typeof k !== 'string' || k === '')) fail('registryQuality.airEmittingIndustries', 'must be a list of industry keys');
  if (typeof rq.checkEnterpriseTargets !== 'boolean') fail('registryQuality.checkEnterpriseTargets', 'must be true or false');
  const validity = count(rq.gradeValidityMonths, 'registryQuality.gradeValidityMonths');
  if (validity < 1 || validity > 240) fail('registryQuality.gradeValidityMonths', 'must be an integer in [1, 240]');
  const maxAge = count(rq.emissionFiguresMaxAgeYears, 'registryQuality.emissionFiguresMaxAgeYears');
  if (maxAge > 100) fail('registryQuality.emissionFiguresMaxAgeYears', 'must be an integer in [0, 100]');
  if (!Array.isArray(ep.selfExpiringLevels)) fail('episodes.selfExpiringLevels', 'must be a list of level keys');
  if (typeof lv.takesWarningMeasures !== 'boolean') fail('livelihood.takesWarningMeasures', 'must be true or false');
  const deadlines = rep.dailyReportDeadlines ?? [];
  if (!Array.isArray(deadlines) || deadlines.some((d) => typeof d !== 'string' || !/^\d{2}:\d{2}$/.test(d))) {
    fail('reporting.dailyReportDeadlines', 'must be a list of HH:MM times');
  }
  const exact = num(ord.exactSearchMaxLines, 'orders.exactSearchMaxLines', 0, 24);
  if (!Number.isInteger(exact)) fail('orders.exactSearchMaxLines', 'must be an integer');
  const levels = levelMap(rec.levels, 'recommendation.levels', alternatives);
  return {
    recommendation: { windowHours: num(rec.windowHours, 'recommendation.windowHours', 1, 24 * 14), levels },
    lift: {
      belowHours: num(lift.belowHours, 'lift.belowHours', 1),
      thresholds: levelMap(lift.thresholds, 'lift.thresholds', (v, f) => num(v, f, 0)),
    },
    episodes: {
      mergeGapHours: num(ep.mergeGapHours, 'episodes.mergeGapHours', 0),
      selfExpiringLevels: ep.selfExpiringLevels.map((k: unknown, i) => levelKey(k, `episodes.selfExpiringLevels[${i}]`)),
    },
    livelihood: { takesWarningMeasures: lv.takesWarningMeasures },
    emissionTargets: levelMap(o.emissionTargets ?? {}, 'emissionTargets', (v, f) => num(v, f, 0, 100)),
    emissions: {
      hoursPerDay: num(em.hoursPerDay, 'emissions.hoursPerDay', 1, 24),
      shortfallCandidates: count(em.shortfallCandidates, 'emissions.shortfallCandidates'),
      listedUnknownLines: count(em.listedUnknownLines, 'emissions.listedUnknownLines'),
    },
    registryQuality: {
      airEmittingIndustries: industries as string[],
      checkEnterpriseTargets: rq.checkEnterpriseTargets,
      gradeValidityMonths: validity,
      emissionFiguresMaxAgeYears: maxAge,
    },
    reporting: {
      dailyReportDeadlines: deadlines as string[],
      summaryDaysAfterLift: num(rep.summaryDaysAfterLift ?? 2, 'reporting.summaryDaysAfterLift', 0),
    },
    orders: {
      exactSearchMaxLines: exact,
      levelMeasureClause: String(ord.levelMeasureClause ?? '41'),
    },
    simulation: { forecastDays, maxDays },
  };
}

/** The industries `registryQuality.airEmittingIndustries` names must be the city's (city.yaml `industries`). */
export function checkRulesAgainstCity(rules: RulesConfig, industries: ReadonlyArray<{ key: string }>): void {
  const known = new Set(industries.map((i) => i.key));
  rules.registryQuality.airEmittingIndustries.forEach((k, i) => {
    if (!known.has(k)) fail(`registryQuality.airEmittingIndustries[${i}]`, `names industry ${JSON.stringify(k)}, which city.yaml does not list`);
  });
}

/**
 * A what-if over the rules (the season simulator's overlay): `recommendation.windowHours`,
 * `recommendation.levels` (per level, replacing that level's alternatives), `lift.belowHours`,
 * `lift.thresholds` (per level) and `simulation.forecastDays`, validated like the file; the
 * error names the field. What is not given is the base's.
 */
export function overlayRules(base: RulesConfig, raw: unknown): RulesConfig {
  const o = obj(raw ?? {}, '(overlay)');
  for (const k of Object.keys(o)) if (!['recommendation', 'lift', 'simulation'].includes(k)) fail(k, 'cannot be changed here (recommendation, lift, simulation)');
  const rec = obj(o.recommendation ?? {}, 'recommendation');
  const lift = obj(o.lift ?? {}, 'lift');
  const sim = obj(o.simulation ?? {}, 'simulation');
  const forecastDays = sim.forecastDays === undefined ? base.simulation.forecastDays : count(sim.forecastDays, 'simulation.forecastDays');
  if (forecastDays < 1 || forecastDays > 30) fail('simulation.forecastDays', 'must be an integer in [1, 30]');
  return {
    ...base,
    recommendation: {
      windowHours: rec.windowHours === undefined ? base.recommendation.windowHours : num(rec.windowHours, 'recommendation.windowHours', 1, 24 * 14),
      levels: { ...base.recommendation.levels, ...(rec.levels === undefined ? {} : levelMap(rec.levels, 'recommendation.levels', alternatives)) },
    },
    lift: {
      belowHours: lift.belowHours === undefined ? base.lift.belowHours : num(lift.belowHours, 'lift.belowHours', 1),
      thresholds: { ...base.lift.thresholds, ...(lift.thresholds === undefined ? {} : levelMap(lift.thresholds, 'lift.thresholds', (v, f) => num(v, f, 0))) },
    },
    simulation: { ...base.simulation, forecastDays },
  };
}

export function loadRulesConfig(file = process.env.HAZEOPS_RULES_FILE ?? 'rules.yaml'): RulesConfig {
  return parseRulesConfig(readYamlConfig(file));
}
