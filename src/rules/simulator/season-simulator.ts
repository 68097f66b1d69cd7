// The season simulator (issue 12, item 6): replay a season's AQI through the recommendation
// rules, derive the orders the levels and the season calendar would have produced, and count
// what they cost and avoided. Pure. Fast because the orders depend on the day only through
// the county's situation — its level, the season phase of every rule group and which
// provincial approvals are already dated — so each distinct situation is derived once.
import { POLLUTANTS, type Enterprise } from '../enterprise.js';
import { removedShare } from '../emissions/line-reduction.js';
import type { LevelOrNone } from '../levels/level-ladder.js';
import { derive } from '../orders/order-derivation.js';
import type { Order } from '../orders/order.types.js';
import { RulesInputError } from '../rules.errors.js';
import { phaseObjectAt } from '../season/season-calendar.js';
import { localMidnightMs, nextDate } from '../time/local-time.js';
import { checkCountyAqi, datesOf, replayLevels } from './level-replay.js';
import type {
  CountySimulation,
  DayCounty,
  IndustrySimulation,
  PollutantTonnes,
  SeasonSimulationConfig,
  SeasonSimulationInput,
  SeasonSimulationResult,
  SimulationDay,
  SimulationEffect,
} from './season-simulation.types.js';

export interface SimulateOptions {
  /**
   * true (default): one derivation per distinct situation. false: derive every enterprise
   * every day (the benchmark's baseline; the same answer, slower).
   */
  groupSituations?: boolean;
}

const HOUR = 3_600_000;
const zeroTonnes = (): PollutantTonnes => ({ so2: 0, nox: 0, pm: 0, vocs: 0 });
const zeroEffect = (): SimulationEffect => ({ enterpriseDaysRestricted: 0, enterpriseDaysStopped: 0, capacityDaysLost: 0, tonnesAvoided: zeroTonnes(), ordersIssued: 0 });

function add(into: SimulationEffect, e: SimulationEffect): void {
  into.enterpriseDaysRestricted += e.enterpriseDaysRestricted;
  into.enterpriseDaysStopped += e.enterpriseDaysStopped;
  into.capacityDaysLost += e.capacityDaysLost;
  into.ordersIssued += e.ordersIssued;
  for (const p of POLLUTANTS) into.tonnesAvoided[p] += e.tonnesAvoided[p];
}

/** One day of one situation: the county's effect, each industry's, and a fingerprint of each enterprise's order. */
interface SituationEffect {
  county: SimulationEffect;
  /** Parallel to the county's industry list. */
  industries: SimulationEffect[];
  /** Per enterprise of the county, a hash of its requirement (0: nothing restricted). */
  fingerprints: Int32Array;
}

interface CountyRegistry {
  county: string;
  enterprises: Enterprise[];
  /** Per enterprise, its index in `industryKeys`. */
  industryOf: Int32Array;
  industryKeys: string[];
  /** Sorted distinct local dates of provincial approvals: the derivation compares them with the day. */
  approvalDates: string[];
}

function fingerprint(order: Order): number {
  let h = 0;
  let restricted = false;
  const lines = order.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.action === 'run') continue;
    restricted = true;
    const a = l.action === 'stop' ? 1 : 2;
    h = (Math.imul(h ^ (i + 1), 0x9e3779b1) + a * 131 + (l.maxLoadPercent === null ? 7919 : Math.round(l.maxLoadPercent * 100)) * 17 + (l.stoppedCells ?? 0) * 3) | 0;
  }
  return restricted ? h | 1 : 0;
}

/** The effect of one order on one day, added to the county's and the industry's totals. */
function addOrder(e: Enterprise, order: Order, tonnesPerKgHour: number, county: SimulationEffect, industry: SimulationEffect): void {
  const lines = e.lines;
  let total = 0;
  let lost = 0;
  let stopped = 0;
  let restricted = false;
  let so2 = 0;
  let nox = 0;
  let pm = 0;
  let vocs = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const req = order.lines[i];
    total += line.capacity;
    if (req === undefined || req.action === 'run') continue;
    restricted = true;
    if (req.action === 'stop') stopped++;
    const share = removedShare(line, req);
    lost += share * line.capacity;
    const em = line.emissions;
    if (em === null || em === undefined || share === 0) continue;
    const k = em.kgPerHour;
    so2 += share * k.so2;
    nox += share * k.nox;
    pm += share * k.pm;
    vocs += share * k.vocs;
  }
  if (!restricted) return;
  const capacity = total > 0 ? lost / total : 0;
  const whole = stopped === lines.length && lines.length > 0 ? 1 : 0;
  bump(county, whole, capacity, so2 * tonnesPerKgHour, nox * tonnesPerKgHour, pm * tonnesPerKgHour, vocs * tonnesPerKgHour);
  bump(industry, whole, capacity, so2 * tonnesPerKgHour, nox * tonnesPerKgHour, pm * tonnesPerKgHour, vocs * tonnesPerKgHour);
}

function bump(x: SimulationEffect, whole: number, capacity: number, so2: number, nox: number, pm: number, vocs: number): void {
  x.enterpriseDaysRestricted++;
  x.enterpriseDaysStopped += whole;
  x.capacityDaysLost += capacity;
  const t = x.tonnesAvoided;
  t.so2 += so2;
  t.nox += nox;
  t.pm += pm;
  t.vocs += vocs;
}

function registries(input: SeasonSimulationInput, counties: ReadonlySet<string>): Map<string, CountyRegistry> {
  const out = new Map<string, CountyRegistry>();
  for (const c of counties) out.set(c, { county: c, enterprises: [], industryOf: new Int32Array(0), industryKeys: [], approvalDates: [] });
  const industryIdx = new Map<string, Map<string, number>>();
  const idx: Map<string, number[]> = new Map();
  for (const e of input.enterprises) {
    const r = out.get(e.county);
    if (r === undefined) continue;
    let m = industryIdx.get(e.county);
    if (m === undefined) industryIdx.set(e.county, (m = new Map()));
    let k = m.get(e.industry);
    if (k === undefined) {
      m.set(e.industry, (k = r.industryKeys.length));
      r.industryKeys.push(e.industry);
    }
    r.enterprises.push(e);
    (idx.get(e.county) ?? idx.set(e.county, []).get(e.county)!).push(k);
    const pa = e.provincialApproval;
    if (pa !== null && pa !== undefined) r.approvalDates.push(pa.approvedOn);
  }
  for (const r of out.values()) {
    r.industryOf = Int32Array.from(idx.get(r.county) ?? []);
    r.approvalDates = [...new Set(r.approvalDates)].sort();
  }
  return out;
}

/** How many of the sorted dates are ≤ the day (the provincial approvals already in force). */
function approvalsBy(dates: readonly string[], day: string): number {
  let n = 0;
  while (n < dates.length && dates[n]! <= day) n++;
  return n;
}

/**
 * Replays the season: per county and day the level (level-replay.ts), the orders (the same
 * derivation as directives and dry runs, at the day's local noon), and their totals per
 * county, industry and city, and day by day. Throws RulesInputError for unusable input.
 */
export function simulateSeason(input: SeasonSimulationInput, cfg: SeasonSimulationConfig, options: SimulateOptions = {}): SeasonSimulationResult {
  const group = options.groupSituations !== false;
  const oc = cfg.orders;
  const tz = oc.season.timezone;
  if (input.aqi.length === 0) throw new RulesInputError('the AQI lists no county');
  if (!Number.isInteger(cfg.forecastDays) || cfg.forecastDays < 1) throw new RulesInputError('forecastDays must be an integer ≥ 1');
  const seen = new Set<string>();
  for (const a of input.aqi) {
    if (seen.has(a.county)) throw new RulesInputError(`${a.county}: more than one AQI series`);
    seen.add(a.county);
    checkCountyAqi(a);
  }
  const tonnesPerKgHour = oc.rules.emissions.hoursPerDay / 1000;
  const replay = { rules: oc.rules, levels: oc.levels, timezone: tz, forecastDays: cfg.forecastDays };

  // The calendar of the whole span: dates, and per date the phase of every rule group.
  const datesByCounty = input.aqi.map((a) => datesOf(a));
  let firstDate = datesByCounty[0]![0]!;
  let lastDate = firstDate;
  for (const ds of datesByCounty) {
    if (ds[0]! < firstDate) firstDate = ds[0]!;
    if (ds[ds.length - 1]! > lastDate) lastDate = ds[ds.length - 1]!;
  }
  const allDates: string[] = [];
  for (let d = firstDate; d <= lastDate; d = nextDate(d)) allDates.push(d);
  const dateIndex = new Map(allDates.map((d, i) => [d, i]));
  const noonIso: string[] = [];
  const phaseKey: string[] = [];
  for (const d of allDates) {
    const noon = localMidnightMs(d, tz) + 12 * HOUR;
    noonIso.push(new Date(noon).toISOString());
    phaseKey.push(oc.season.groups.map((g) => String(g.phases.indexOf(phaseObjectAt(g, noon)!))).join(','));
  }

  const regs = registries(input, seen);
  const industryNames: string[] = [];
  const industryAt = new Map<string, number>();
  for (const e of input.enterprises) {
    if (!seen.has(e.county) || industryAt.has(e.industry)) continue;
    industryAt.set(e.industry, industryNames.length);
    industryNames.push(e.industry);
  }
  const industries: IndustrySimulation[] = industryNames.map((industry) => ({ industry, enterprises: 0, ...zeroEffect() }));
  let unknownLines = 0;
  for (const r of regs.values())
    for (let i = 0; i < r.enterprises.length; i++) {
      const e = r.enterprises[i]!;
      industries[industryAt.get(e.industry)!]!.enterprises++;
      for (const l of e.lines) if (l.emissions === null || l.emissions === undefined) unknownLines++;
    }

  const series: SimulationDay[] = allDates.map((date) => ({ date, counties: [], city: zeroEffect() }));
  const counties: CountySimulation[] = [];
  let situations = 0;
  let derivations = 0;

  const situationEffect = (r: CountyRegistry, dayIdx: number, level: LevelOrNone): SituationEffect => {
    const county = zeroEffect();
    const inds = r.industryKeys.map(() => zeroEffect());
    const fp = new Int32Array(r.enterprises.length);
    const at = noonIso[dayIdx]!;
    for (let i = 0; i < r.enterprises.length; i++) {
      const e = r.enterprises[i]!;
      const order = derive(e, at, level, oc, null);
      fp[i] = fingerprint(order);
      addOrder(e, order, tonnesPerKgHour, county, inds[r.industryOf[i]!]!);
    }
    derivations += r.enterprises.length;
    situations++;
    return { county, industries: inds, fingerprints: fp };
  };

  input.aqi.forEach((a, ci) => {
    const r = regs.get(a.county)!;
    const levels = replayLevels(a, replay);
    const dates = datesByCounty[ci]!;
    const cs: CountySimulation = { county: a.county, enterprises: r.enterprises.length, days: dates.length, levelDays: {}, ...zeroEffect() };
    const cache = new Map<string, SituationEffect>();
    const changes = new Map<string, Int32Array>();
    let prev: SituationEffect | null = null;
    let prevKey = '';
    for (let d = 0; d < dates.length; d++) {
      const dayIdx = dateIndex.get(dates[d]!)!;
      const level = levels[d]!;
      cs.levelDays[level] = (cs.levelDays[level] ?? 0) + 1;
      const key = `${level}|${phaseKey[dayIdx]}|${approvalsBy(r.approvalDates, dates[d]!)}`;
      let sit = group ? cache.get(key) : undefined;
      if (sit === undefined) {
        sit = situationEffect(r, dayIdx, level);
        if (group) cache.set(key, sit);
      }
      // Orders issued: enterprises whose requirement differs from the day before (per industry of the county).
      const pair = `${prevKey}>${key}`;
      let issued = group && prev !== null ? changes.get(pair) : undefined;
      if (issued === undefined) {
        issued = new Int32Array(r.industryKeys.length);
        const f = sit.fingerprints;
        const g = prev === null ? null : prev.fingerprints;
        for (let i = 0; i < f.length; i++) if (f[i] !== (g === null ? 0 : g[i])) issued[r.industryOf[i]!]!++;
        if (group && prev !== null) changes.set(pair, issued);
      }
      let issuedTotal = 0;
      for (let k = 0; k < issued.length; k++) issuedTotal += issued[k]!;
      const day: DayCounty = { county: a.county, level, ...zeroEffect() };
      add(day, sit.county);
      day.ordersIssued = issuedTotal;
      series[dayIdx]!.counties.push(day);
      add(series[dayIdx]!.city, day);
      add(cs, day);
      for (let k = 0; k < r.industryKeys.length; k++) {
        const ind = industries[industryAt.get(r.industryKeys[k]!)!]!;
        add(ind, sit.industries[k]!);
        ind.ordersIssued += issued[k]!;
      }
      prev = sit;
      prevKey = key;
    }
    counties.push(cs);
  });
  const city = { enterprises: counties.reduce((n, c) => n + c.enterprises, 0), ...zeroEffect() };
  for (const c of counties) add(city, c);
  return { firstDate, lastDate, days: allDates.length, counties, industries, city, series, situations, derivations, unknownLines };
}
