// "Double random" (双随机, seed item 11(2)): both the enterprises inspected and the teams
// inspecting them are drawn at random. The draw is published with its seed, so anyone can
// recompute it: everything here is a pure function of (seed, the candidate SET, the team SET,
// weights, options). Inputs are sorted (candidates by code, teams by key) before any random
// number is drawn, so the order in which a caller lists them never changes the result.

import type { DrawWeights } from './inspection-config.js';
import { mulberry32, type Rng } from '../prng.js';
import { RulesInputError } from '../rules.errors.js';

export interface DrawRisk {
  /** The enterprise's order was not acknowledged by its deadline. */
  overdueAck?: boolean;
  /** A line ordered to stop drew power above the anomaly threshold. */
  powerAnomaly?: boolean;
  /** Past confirmed violations (non-negative integer). */
  pastViolations?: number;
}

export interface DrawCandidate {
  code: string;
  county: string;
  risk?: DrawRisk;
}

export interface DrawTeam {
  key: string;
  /** County the team belongs to; null for a city-level team (eligible everywhere). */
  homeCounty: string | null;
}

export interface DrawInput {
  /** Recorded and published with the draw; a number is used as its decimal string (42 ≡ "42"). */
  seed: string | number;
  size: number;
  candidates: readonly DrawCandidate[];
  teams: readonly DrawTeam[];
  /** Risk weights (config `draw.weights`); absent: every candidate weighs the same. */
  weights?: DrawWeights;
  /** Default false: a team never inspects its own county. */
  allowHomeCounty?: boolean;
  /** Default true: allocate the sample across counties in proportion to their candidates. */
  stratify?: boolean;
}

export interface DrawPick {
  code: string;
  county: string;
  team: string;
  weight: number;
  /** 1-based position in the published list. */
  order: number;
}

export interface DrawUnassigned {
  code: string;
  county: string;
  reason: string;
}

export interface DrawResult {
  seed: string;
  /** By county name, then by draw rank within the county. */
  picks: DrawPick[];
  /** Drawn enterprises no team may inspect (e.g. every team is from their county). */
  unassigned: DrawUnassigned[];
  /** Enterprises drawn per county (assigned or not). */
  allocation: Record<string, number>;
}

/** 32-bit hash of a string (FNV-1a, then murmur3's finaliser so similar seeds spread apart). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Separate streams per purpose and per county: a county's sample depends only on its own
// candidates, and changing the team list never changes which enterprises are drawn.
function stream(seed: string, purpose: string): Rng {
  return mulberry32(hashSeed(`${seed}\u0000${purpose}`));
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Multiplicative risk weight of one candidate; 1 for everyone when no weights are given. */
export function drawWeight(risk: DrawRisk | undefined, weights: DrawWeights | undefined): number {
  if (!weights) return 1;
  let w = weights.base;
  if (risk?.overdueAck) w *= weights.overdueAck;
  if (risk?.powerAnomaly) w *= weights.powerAnomaly;
  const n = Math.min(risk?.pastViolations ?? 0, weights.pastViolationsCap);
  if (n > 0) w *= weights.pastViolationFactor ** n;
  return w;
}

/**
 * Largest-remainder (Hamilton) allocation of `size` across counties by candidate count.
 * Exact integer arithmetic; equal remainders go to the county whose name sorts first.
 */
export function allocateByCounty(counts: ReadonlyMap<string, number>, size: number): Map<string, number> {
  let total = 0;
  for (const c of counts.values()) total += c;
  const counties = [...counts.keys()].sort(byString);
  const out = new Map<string, number>();
  const rems: Array<{ county: string; rem: number }> = [];
  let given = 0;
  for (const county of counties) {
    const prod = size * counts.get(county)!;
    const q = Math.floor(prod / total);
    out.set(county, q);
    given += q;
    rems.push({ county, rem: prod - q * total });
  }
  rems.sort((a, b) => b.rem - a.rem || byString(a.county, b.county));
  for (let i = 0; i < size - given; i++) {
    const county = rems[i]!.county;
    out.set(county, out.get(county)! + 1);
  }
  return out;
}

function validate(input: DrawInput): void {
  const { seed, size, candidates, teams, weights } = input;
  if (typeof seed === 'number' ? !Number.isFinite(seed) : typeof seed !== 'string' || seed === '') {
    throw new RulesInputError('seed must be a non-empty string or a finite number', { seed });
  }
  if (!Number.isInteger(size) || size < 1) throw new RulesInputError('size must be an integer of at least 1', { size });
  if (size > candidates.length) {
    throw new RulesInputError(`size (${size}) exceeds the number of candidates (${candidates.length})`, { size, candidates: candidates.length });
  }
  const codes = new Set<string>();
  for (const c of candidates) {
    if (typeof c.code !== 'string' || c.code === '') throw new RulesInputError('every candidate needs a code', { candidate: c });
    if (typeof c.county !== 'string' || c.county === '') throw new RulesInputError(`candidate ${c.code} needs a county`, { code: c.code });
    if (codes.has(c.code)) throw new RulesInputError(`candidate code ${c.code} appears more than once`, { code: c.code });
    codes.add(c.code);
    const pv = c.risk?.pastViolations;
    if (pv !== undefined && (!Number.isInteger(pv) || pv < 0)) {
      throw new RulesInputError(`candidate ${c.code}: pastViolations must be a non-negative integer`, { code: c.code, pastViolations: pv });
    }
  }
  const keys = new Set<string>();
  for (const t of teams) {
    if (typeof t.key !== 'string' || t.key === '') throw new RulesInputError('every team needs a key', { team: t });
    if (keys.has(t.key)) throw new RulesInputError(`team key ${t.key} appears more than once`, { key: t.key });
    keys.add(t.key);
  }
  if (weights) {
    for (const [k, v] of Object.entries(weights)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (k === 'base' && v === 0)) {
        throw new RulesInputError(`weights.${k} must be a finite number, positive for base`, { [k]: v });
      }
    }
  }
}

interface Keyed {
  code: string;
  county: string;
  weight: number;
  key: number;
}

/**
 * Weighted sampling without replacement (Efraimidis–Spirakis): key = u^(1/w), keep the `k`
 * largest. Compared as ln(u)/w, which orders the same and does not underflow for large w.
 * `group` is sorted by code, so the i-th random number always belongs to the same candidate.
 */
function sampleGroup(group: readonly DrawCandidate[], k: number, rng: Rng, weights: DrawWeights | undefined): Keyed[] {
  const keyed: Keyed[] = new Array<Keyed>(group.length);
  for (let i = 0; i < group.length; i++) {
    const c = group[i]!;
    const weight = drawWeight(c.risk, weights);
    const u = 1 - rng.next(); // (0, 1]: ln never sees 0
    keyed[i] = { code: c.code, county: c.county, weight, key: Math.log(u) / weight };
  }
  keyed.sort((a, b) => b.key - a.key || byString(a.code, b.code));
  return keyed.slice(0, k);
}

/** Draws `size` enterprises and assigns each a team; see the file comment for reproducibility. */
export function drawInspections(input: DrawInput): DrawResult {
  validate(input);
  const seed = String(input.seed);
  const stratify = input.stratify ?? true;
  const allowHomeCounty = input.allowHomeCounty ?? false;
  const candidates = [...input.candidates].sort((a, b) => byString(a.code, b.code));
  const teams = [...input.teams].sort((a, b) => byString(a.key, b.key));

  // 1. Which enterprises.
  let drawn: Keyed[] = [];
  if (stratify) {
    const groups = new Map<string, DrawCandidate[]>();
    for (const c of candidates) {
      const g = groups.get(c.county);
      if (g) g.push(c);
      else groups.set(c.county, [c]);
    }
    const counts = new Map<string, number>();
    for (const [county, g] of groups) counts.set(county, g.length);
    const alloc = allocateByCounty(counts, input.size);
    for (const county of [...groups.keys()].sort(byString)) {
      const k = alloc.get(county)!;
      if (k > 0) drawn = drawn.concat(sampleGroup(groups.get(county)!, k, stream(seed, `county:${county}`), input.weights));
    }
  } else {
    drawn = sampleGroup(candidates, input.size, stream(seed, 'all'), input.weights);
    // Stable sort keeps the draw rank within each county.
    drawn.sort((a, b) => byString(a.county, b.county));
  }
  const allocation: Record<string, number> = {};
  for (const d of drawn) allocation[d.county] = (allocation[d.county] ?? 0) + 1;

  // 2. Which teams: shuffle once, then each enterprise goes to the eligible team with the
  // fewest tasks so far, ties by shuffled position. Enterprises with fewer eligible teams go
  // first so the flexible ones fill in around them, and counties take turns so no county's
  // block lands on the same few teams; a final pass then moves single tasks off the busiest
  // teams while that narrows the spread.
  const rng = stream(seed, 'teams');
  const shuffled = [...teams];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const eligibleByCounty = new Map<string, number[]>();
  for (const d of drawn) {
    if (eligibleByCounty.has(d.county)) continue;
    const out: number[] = [];
    for (let t = 0; t < shuffled.length; t++) if (allowHomeCounty || shuffled[t]!.homeCounty !== d.county) out.push(t);
    eligibleByCounty.set(d.county, out);
  }
  const rankInCounty = new Array<number>(drawn.length);
  for (let i = 0; i < drawn.length; i++) {
    const prev = drawn[i - 1];
    rankInCounty[i] = prev && prev.county === drawn[i]!.county ? rankInCounty[i - 1]! + 1 : 0;
  }
  const queue = drawn.map((d, i) => ({ d, i, n: eligibleByCounty.get(d.county)!.length, r: rankInCounty[i]! }));
  queue.sort((a, b) => a.n - b.n || a.r - b.r || a.i - b.i);

  const load = new Array<number>(shuffled.length).fill(0);
  const leastLoaded = (eligible: readonly number[]): number => {
    let best = eligible[0]!;
    for (const t of eligible) if (load[t]! < load[best]!) best = t;
    return best;
  };
  const teamOf = new Array<number>(drawn.length).fill(-1);
  const assigned: number[] = [];
  const unassigned: DrawUnassigned[] = [];
  for (const { d, i } of queue) {
    const eligible = eligibleByCounty.get(d.county)!;
    if (eligible.length === 0) {
      unassigned.push({
        code: d.code,
        county: d.county,
        reason: teams.length === 0 ? '没有可派出的检查组。' : `没有非${d.county}本地的检查组可派（不得检查本县区企业，交叉检查）。`,
      });
      continue;
    }
    const t = leastLoaded(eligible);
    load[t]!++;
    teamOf[i] = t;
    assigned.push(i);
  }
  // Each move lowers the sum of squared loads, so this ends.
  for (let moved = true; moved;) {
    moved = false;
    for (let k = assigned.length - 1; k >= 0; k--) {
      const i = assigned[k]!;
      const from = teamOf[i]!;
      const to = leastLoaded(eligibleByCounty.get(drawn[i]!.county)!);
      if (load[to]! <= load[from]! - 2) {
        load[from]!--;
        load[to]!++;
        teamOf[i] = to;
        moved = true;
      }
    }
  }

  const picks: DrawPick[] = [];
  drawn.forEach((d, i) => {
    const t = teamOf[i]!;
    if (t >= 0) picks.push({ code: d.code, county: d.county, team: shuffled[t]!.key, weight: d.weight, order: picks.length + 1 });
  });
  unassigned.sort((a, b) => byString(a.county, b.county) || byString(a.code, b.code));
  return { seed, picks, unassigned, allocation };
}
