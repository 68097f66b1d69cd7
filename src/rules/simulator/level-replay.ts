// The levels a duty officer following the recommendation rules would have had in force each
// day (a simplified replay of the response-level machine, README "Season simulator").
import type { LevelDefinition, LevelOrNone } from '../levels/level-ladder.js';
import { recommendLevel, type AqiPoint } from '../levels/level-recommendation.js';
import type { RulesConfig } from '../rules-config.js';
import { RulesInputError } from '../rules.errors.js';
import { localMidnightMs, nextDate, parseInstant, toLocalIso } from '../time/local-time.js';
import type { CountyAqi } from './season-simulation.types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOON = 12 * HOUR;

export interface ReplayConfig {
  rules: RulesConfig;
  levels: readonly LevelDefinition[];
  timezone: string;
  forecastDays: number;
}

/** The local dates a county's values cover, in order. */
export function datesOf(a: CountyAqi): string[] {
  const perDay = a.resolution === 'daily' ? 1 : 24;
  const n = Math.ceil(a.values.length / perDay);
  const out: string[] = [];
  let d = a.firstDate;
  for (let i = 0; i < n; i++) {
    out.push(d);
    d = nextDate(d);
  }
  return out;
}

/**
 * Each morning (local midnight) the rules read the next `forecastDays` of the county's own
 * AQI as the forecast (a perfect forecast) and:
 * - the candidate is the highest level whose qualifying stretch (of rolling-window means, as
 *   the recommendation computes it) has begun by noon; a stronger episode starting later is
 *   issued on its own day, and the forecast before it is read again for a milder level;
 * - nothing in force: the candidate is issued (it may be none);
 * - a stronger candidate adjusts the level up;
 * - a self-expiring level (episodes.selfExpiringLevels) is replaced by the candidate;
 * - otherwise the level holds until the lift rule (≥ lift.belowHours at or below the level's
 *   threshold, starting that midnight) lifts it to the candidate.
 * Not modelled: the merging of episodes closer than episodes.mergeGapHours, levels starting
 * at other times of day, forecast error.
 */
export function replayLevels(a: CountyAqi, cfg: ReplayConfig): LevelOrNone[] {
  const ladder = cfg.levels.map((l) => l.key);
  const rankOf = new Map<LevelOrNone, number>([['none', -1]]);
  ladder.forEach((k, i) => rankOf.set(k, i));
  const selfExpiring = new Set<string>(cfg.rules.episodes.selfExpiringLevels);
  const perDay = a.resolution === 'daily' ? 1 : 24;
  const step = a.resolution === 'daily' ? DAY : HOUR;
  const dates = datesOf(a);
  const startMs = localMidnightMs(a.firstDate, cfg.timezone);
  const atOf: string[] = a.values.map((_, i) => toLocalIso(startMs + i * step, cfg.timezone));
  const w = cfg.rules.recommendation.windowHours;
  const out: LevelOrNone[] = [];
  let active: LevelOrNone = 'none';
  for (let d = 0; d < dates.length; d++) {
    const from = d * perDay;
    const to = Math.min(a.values.length, from + cfg.forecastDays * perDay);
    const s = startMs + d * DAY;
    const minEnd = from + Math.ceil((w * HOUR) / step);
    if (to < minEnd) {
      // Fewer hours left than one window (the season's last hours): the level in force holds.
      out.push(active);
      continue;
    }
    let end = to;
    let candidate: LevelOrNone = 'none';
    let liftNow = false;
    let first = true;
    // The highest level whose stretch has begun by noon; a later, stronger one shortens the window.
    for (;;) {
      const points: AqiPoint[] = [];
      for (let i = from; i < end; i++) points.push({ at: atOf[i]!, aqi: a.values[i]! });
      const [rec] = recommendLevel([{ county: a.county, resolution: a.resolution, points }], cfg.rules, { active: { [a.county]: active }, levels: ladder });
      if (rec === undefined) break;
      if (first) {
        liftNow = rec.lift.recommended && rec.lift.at !== null && parseInstant(rec.lift.at) <= s;
        first = false;
      }
      if (rec.level === 'none' || rec.from === null) break;
      const startsAt = parseInstant(rec.from);
      if (startsAt <= s + NOON) {
        candidate = rec.level;
        break;
      }
      const cut = Math.max(minEnd, from + Math.floor((startsAt - s) / step));
      if (cut >= end) break;
      end = cut;
    }
    const rank = rankOf.get(candidate)!;
    const activeRank = rankOf.get(active)!;
    if (active === 'none' || rank > activeRank || selfExpiring.has(active) || liftNow) active = candidate;
    out.push(active);
  }
  return out;
}

/** Checks what the replay needs of a county's series (the CSV parser reports these per row first). */
export function checkCountyAqi(a: CountyAqi): void {
  if (a.values.length === 0) throw new RulesInputError(`${a.county}: no AQI values`);
  for (let i = 0; i < a.values.length; i++) {
    const v = a.values[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RulesInputError(`${a.county}: value ${i + 1} must be an AQI ≥ 0 (got ${String(v)})`);
  }
}
