import type { AqiCondition, RulesConfig } from '../rules-config.js';
import { LEVEL_KEYS, type LevelKey, type LevelOrNone } from './level-ladder.js';
import { RulesInputError } from '../rules.errors.js';
import { parseInstant } from '../time/local-time.js';

export interface AqiPoint {
  /** ISO 8601 with zone; the point covers [at, at + step). */
  at: string;
  aqi: number;
}

/** One forecast for one county, hourly or daily points; several per county may disagree. */
export interface AqiSeries {
  county: string;
  source?: string;
  /** Inferred from the spacing of the points when absent. */
  resolution?: 'hourly' | 'daily';
  points: AqiPoint[];
}

export interface LevelRecommendation {
  county: string;
  level: LevelOrNone;
  /** The stretch that meets the level's first condition (longest run), when a level is met. */
  from: string | null;
  to: string | null;
  /** Highest rolling-window mean AQI in any forecast. */
  maxWindowMean: number;
  lift: {
    /** The level the lift refers to: the active one if given, else the recommended one. */
    reference: LevelKey | null;
    recommended: boolean;
    /** Start of the first stretch of ≥ belowHours at or below the reference threshold. */
    at: string | null;
  };
}

export interface RecommendOptions {
  /** The level in force per county, for the lift recommendation. */
  active?: Readonly<Record<string, LevelOrNone>>;
  /** The city's ladder, mildest first; defaults to every level key. */
  levels?: readonly LevelKey[];
}

const HOUR = 3_600_000;

interface Hourly {
  startMs: number;
  values: Float64Array;
}

function validate(series: unknown, i: number): { county: string; hourly: Hourly } {
  const where = `series[${i}]`;
  if (typeof series !== 'object' || series === null) throw new RulesInputError(`${where} must be an object { county, points: [{ at, aqi }] }`);
  const s = series as Partial<AqiSeries>;
  if (typeof s.county !== 'string' || s.county.trim() === '') throw new RulesInputError(`${where}.county must name the county`);
  const label = `${where} (county ${s.county})`;
  if (!Array.isArray(s.points) || s.points.length === 0) throw new RulesInputError(`${label}: points must be a non-empty list of { at, aqi }`);
  if (s.resolution !== undefined && s.resolution !== 'hourly' && s.resolution !== 'daily') throw new RulesInputError(`${label}: resolution must be hourly or daily`);
  const times: number[] = [];
  s.points.forEach((p: unknown, j) => {
    const point = p as Partial<AqiPoint> | null;
    const ms = parseInstant(point?.at);
    if (Number.isNaN(ms)) throw new RulesInputError(`${label}: points[${j}].at must be an ISO 8601 time with a zone, e.g. 2026-12-10T08:00:00+08:00 (got ${JSON.stringify(point?.at)})`);
    if (typeof point?.aqi !== 'number' || !Number.isFinite(point.aqi) || point.aqi < 0)
      throw new RulesInputError(`${label}: points[${j}].aqi must be a number ≥ 0 (got ${JSON.stringify(point?.aqi)})`);
    if (j > 0 && ms <= times[j - 1]!) throw new RulesInputError(`${label}: points[${j}] (${String(point.at)}) is not after points[${j - 1}]; sort the points by time and remove duplicates`);
    times.push(ms);
  });
  let stepHours = s.resolution === 'daily' ? 24 : s.resolution === 'hourly' ? 1 : 0;
  if (stepHours === 0) {
    if (times.length < 2) throw new RulesInputError(`${label}: one point alone does not say whether it is hourly or daily; give resolution`);
    stepHours = (times[1]! - times[0]!) / HOUR;
    if (stepHours !== 1 && stepHours !== 24) throw new RulesInputError(`${label}: points must be 1 h or 24 h apart (points[0] to points[1] is ${stepHours} h)`);
  }
  for (let j = 1; j < times.length; j++) {
    if (times[j]! - times[j - 1]! !== stepHours * HOUR) {
      throw new RulesInputError(`${label}: points[${j}] is ${(times[j]! - times[j - 1]!) / HOUR} h after points[${j - 1}]; every step must be ${stepHours} h (fill the gap)`);
    }
  }
  const values = new Float64Array(times.length * stepHours);
  s.points.forEach((p, j) => values.fill(p.aqi, j * stepHours, (j + 1) * stepHours));
  return { county: s.county, hourly: { startMs: times[0]!, values } };
}

function windowMeans(values: Float64Array, w: number): Float64Array {
  const out = new Float64Array(Math.max(0, values.length - w + 1));
  let sum = 0;
  for (let h = 0; h < values.length; h++) {
    sum += values[h]!;
    if (h >= w) sum -= values[h - w]!;
    if (h >= w - 1) out[h - w + 1] = sum / w;
  }
  return out;
}

/** Longest run of hours covered by windows whose mean meets the condition. */
function longestRun(means: Float64Array, w: number, hours: number, c: AqiCondition): { start: number; length: number } {
  const cover = new Int32Array(hours + 1);
  for (let s = 0; s < means.length; s++) {
    const m = means[s]!;
    if (c.comparison === 'above' ? m > c.threshold : m >= c.threshold) {
      cover[s]! += 1;
      cover[s + w]! -= 1;
    }
  }
  let best = { start: -1, length: 0 };
  let depth = 0;
  let runStart = -1;
  for (let h = 0; h <= hours; h++) {
    depth += h < hours ? cover[h]! : 0;
    if (h < hours && depth > 0) {
      if (runStart < 0) runStart = h;
    } else if (runStart >= 0) {
      if (h - runStart > best.length) best = { start: runStart, length: h - runStart };
      runStart = -1;
    }
  }
  return best;
}

interface SeriesResult {
  levelIdx: number;
  fromMs: number | null;
  toMs: number | null;
  max: number;
  hourly: Hourly;
}

function evaluate(hourly: Hourly, rules: RulesConfig, ladder: readonly LevelKey[]): SeriesResult {
  const w = rules.recommendation.windowHours;
  const means = windowMeans(hourly.values, w);
  let max = 0;
  for (const m of means) if (m > max) max = m;
  for (let li = ladder.length - 1; li >= 0; li--) {
    for (const alt of rules.recommendation.levels[ladder[li]!] ?? []) {
      const runs = alt.map((c) => longestRun(means, w, hourly.values.length, c));
      if (runs.every((r, k) => r.length >= alt[k]!.hours)) {
        const r = runs[0]!;
        return { levelIdx: li, fromMs: hourly.startMs + r.start * HOUR, toMs: hourly.startMs + (r.start + r.length) * HOUR, max, hourly };
      }
    }
  }
  return { levelIdx: -1, fromMs: null, toMs: null, max, hourly };
}

/** Start of the first ≥ belowHours stretch at or below threshold, searching from `from`. */
function liftAt(hourly: Hourly, threshold: number, belowHours: number, fromFirstExceedance: boolean): number | null {
  const v = hourly.values;
  let h = 0;
  if (fromFirstExceedance) {
    while (h < v.length && v[h]! <= threshold) h++;
  }
  let runStart = -1;
  for (; h < v.length; h++) {
    if (v[h]! <= threshold) {
      if (runStart < 0) runStart = h;
      if (h - runStart + 1 >= belowHours) return hourly.startMs + runStart * HOUR;
    } else runStart = -1;
  }
  return null;
}

/**
 * Recommends a level per county from forecast AQI (RULES.md §2): rolling-window means
 * against the configured criteria; with several forecasts for a county the higher level
 * wins. Also whether (and from when) a lift is recommended. Throws RulesInputError.
 */
export function recommendLevel(series: readonly AqiSeries[], rules: RulesConfig, options: RecommendOptions = {}): LevelRecommendation[] {
  if (!Array.isArray(series) || series.length === 0) throw new RulesInputError('series must be a non-empty list of { county, points: [{ at, aqi }] }');
  const ladder = options.levels ?? LEVEL_KEYS;
  const w = rules.recommendation.windowHours;
  const byCounty = new Map<string, SeriesResult[]>();
  series.forEach((s, i) => {
    const { county, hourly } = validate(s, i);
    if (hourly.values.length < w) throw new RulesInputError(`series[${i}] (county ${county}): covers ${hourly.values.length} h; at least ${w} h are needed for a ${w}-hour mean`);
    const list = byCounty.get(county) ?? [];
    list.push(evaluate(hourly, rules, ladder));
    byCounty.set(county, list);
  });
  const out: LevelRecommendation[] = [];
  for (const [county, results] of byCounty) {
    let best = results[0]!;
    for (const r of results) if (r.levelIdx > best.levelIdx || (r.levelIdx === best.levelIdx && (r.fromMs ?? Infinity) < (best.fromMs ?? Infinity))) best = r;
    const active = options.active?.[county];
    const reference: LevelKey | null = active !== undefined && active !== 'none' ? active : best.levelIdx >= 0 ? ladder[best.levelIdx]! : null;
    let lift: LevelRecommendation['lift'] = { reference, recommended: false, at: null };
    const threshold = reference === null ? undefined : rules.lift.thresholds[reference];
    if (reference !== null && threshold !== undefined) {
      // Every forecast must agree: the latest lift time wins, none if any forecast never allows it.
      let latest: number | null = -Infinity;
      for (const r of results) {
        const t = liftAt(r.hourly, threshold, rules.lift.belowHours, active === undefined || active === 'none');
        latest = t === null || latest === null ? null : Math.max(latest, t);
      }
      if (latest !== null) lift = { reference, recommended: true, at: new Date(latest).toISOString() };
    }
    out.push({
      county,
      level: best.levelIdx >= 0 ? ladder[best.levelIdx]! : 'none',
      from: best.fromMs === null ? null : new Date(best.fromMs).toISOString(),
      to: best.toMs === null ? null : new Date(best.toMs).toISOString(),
      maxWindowMean: Math.round(Math.max(...results.map((r) => r.max)) * 10) / 10,
      lift,
    });
  }
  return out;
}
