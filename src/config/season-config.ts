import { readYamlConfig } from './config-files.js';
import type { Reason } from '../rules/reason.js';
import { RESERVED_PHASE_KEYS, type PhaseConstraint, type SeasonConfig, type SeasonGroup, type SeasonMatcher, type SeasonPhase } from '../rules/season/season-config.js';
import { isLocalDate, localMidnightMs, nextDate, toLocalIso } from '../rules/time/local-time.js';

type Obj = Record<string, unknown>;

function fail(field: string, problem: string): never {
  throw new Error(`season config: ${field} ${problem}`);
}

function obj(value: unknown, field: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be a mapping');
  return value as Obj;
}

function str(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(field, 'must be a non-empty string');
  return value;
}

function date(value: unknown, field: string): string {
  // YAML reads an unquoted 2026-11-01 as a string with the default schema, but accept Date too.
  const v = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (!isLocalDate(v)) fail(field, `must be a date YYYY-MM-DD (got ${JSON.stringify(value)})`);
  return v;
}

function percent(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100) fail(field, 'must be a number in (0, 100]');
  return value;
}

function reason(value: unknown, field: string): Reason {
  const o = obj(value, field);
  return Object.freeze({ rule: str(o.rule, `${field}.rule`), clause: str(o.clause === undefined ? undefined : String(o.clause), `${field}.clause`), text: str(o.text, `${field}.text`) });
}

function constraint(value: unknown, field: string): PhaseConstraint {
  const o = obj(value, field);
  if (o.kind === 'full_stop') {
    return { kind: 'full_stop', noKilnBanking: o.noKilnBanking === true, provincialApprovalCaps: o.provincialApprovalCaps === true };
  }
  if (o.kind === 'limit') {
    const basis = o.basis ?? 'lines';
    if (basis !== 'lines' && basis !== 'cells') fail(`${field}.basis`, 'must be lines or cells');
    return { kind: 'limit', minStopPercent: percent(o.minStopPercent, `${field}.minStopPercent`), basis };
  }
  return fail(`${field}.kind`, 'must be full_stop or limit');
}

function matcher(value: unknown, field: string): SeasonMatcher {
  const o = obj(value, field);
  const m: SeasonMatcher = { industry: str(o.industry, `${field}.industry`) };
  for (const key of ['process', 'fuel'] as const) {
    if (key in o) {
      if (o[key] !== null && typeof o[key] !== 'string') fail(`${field}.${key}`, 'must be a string or null');
      m[key] = o[key] as string | null;
    }
  }
  if ('airEmitting' in o) {
    if (typeof o.airEmitting !== 'boolean') fail(`${field}.airEmitting`, 'must be true or false');
    m.airEmitting = o.airEmitting;
  }
  return m;
}

/** Validates a parsed season file and precomputes every boundary as epoch ms. */
export function parseSeasonConfig(raw: unknown): SeasonConfig {
  const o = obj(raw, '(root)');
  const season = str(String(o.season ?? ''), 'season');
  if (!/^\d{4}-\d{4}$/.test(season)) fail('season', 'must look like 2026-2027');
  const firstYear = Number(o.firstYear ?? season.slice(0, 4));
  if (!Number.isInteger(firstYear) || String(firstYear) !== season.slice(0, 4)) fail('firstYear', `must be the first year of ${season}`);
  const timezone = str(o.timezone ?? 'Asia/Shanghai', 'timezone');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    fail('timezone', `is not an IANA time zone: ${timezone}`);
  }
  const hs = obj(o.heatingSeason, 'heatingSeason');
  const heatingSeason = { from: date(hs.from, 'heatingSeason.from'), to: date(hs.to, 'heatingSeason.to') };
  if (heatingSeason.to < heatingSeason.from) fail('heatingSeason.to', 'is before heatingSeason.from');
  const livelihoodFilingDeadline = date(o.livelihoodFilingDeadline, 'livelihoodFilingDeadline');
  const ex = obj(o.exemptions, 'exemptions');
  const exemptions = {
    livelihood: reason(ex.livelihood, 'exemptions.livelihood'),
    provincialApproval: reason(ex.provincialApproval, 'exemptions.provincialApproval'),
  };
  if (!Array.isArray(o.groups) || o.groups.length === 0) fail('groups', 'must be a non-empty list');
  const seen = new Set<string>();
  const groups = o.groups.map((g: unknown, gi): SeasonGroup => {
    const gf = `groups[${gi}]`;
    const go = obj(g, gf);
    const key = str(go.key, `${gf}.key`);
    if (seen.has(key)) fail(`${gf}.key`, `duplicates ${key}`);
    seen.add(key);
    if (!Array.isArray(go.match) || go.match.length === 0) fail(`${gf}.match`, 'must be a non-empty list');
    if (!Array.isArray(go.phases) || go.phases.length === 0) fail(`${gf}.phases`, 'must be a non-empty list');
    const phaseKeys = new Set<string>();
    let previousTo: string | null = null;
    const phases = go.phases.map((p: unknown, pi): SeasonPhase => {
      const pf = `${gf}.phases[${pi}]`;
      const po = obj(p, pf);
      const pkey = str(po.key, `${pf}.key`);
      if (RESERVED_PHASE_KEYS.includes(pkey) || phaseKeys.has(pkey)) fail(`${pf}.key`, `must be unique and not ${RESERVED_PHASE_KEYS.join('/')}`);
      phaseKeys.add(pkey);
      const from = date(po.from, `${pf}.from`);
      const to = date(po.to, `${pf}.to`);
      if (to < from) fail(`${pf}.to`, `(${to}) is before from (${from})`);
      // Contiguous phases keep the calendar machine a simple chain.
      if (previousTo !== null && from !== nextDate(previousTo)) fail(`${pf}.from`, `must be the day after the previous phase ends (${nextDate(previousTo)})`);
      previousTo = to;
      const startMs = localMidnightMs(from, timezone);
      const endMs = localMidnightMs(nextDate(to), timezone);
      return {
        key: pkey,
        name: str(po.name ?? pkey, `${pf}.name`),
        from,
        to,
        startsAt: toLocalIso(startMs, timezone),
        endsAt: toLocalIso(endMs, timezone),
        startMs,
        endMs,
        constraint: constraint(po.constraint, `${pf}.constraint`),
        reason: reason(po.reason, `${pf}.reason`),
      };
    });
    return {
      key,
      name: str(go.name ?? key, `${gf}.name`),
      match: go.match.map((m: unknown, mi) => matcher(m, `${gf}.match[${mi}]`)),
      phases,
    };
  });
  return { season, firstYear, timezone, heatingSeason, livelihoodFilingDeadline, exemptions, groups };
}

/** Loads config/seasons/<season>.yaml. */
export function loadSeasonConfig(season = process.env.HAZEOPS_SEASON ?? '2026-2027'): SeasonConfig {
  if (!/^\d{4}-\d{4}$/.test(season)) throw new Error(`season config: season must look like 2026-2027 (got ${season})`);
  const parsed = parseSeasonConfig(readYamlConfig(`seasons/${season}.yaml`));
  if (parsed.season !== season) throw new Error(`season config: seasons/${season}.yaml declares season ${parsed.season}`);
  return parsed;
}
