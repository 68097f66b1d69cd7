import type { PhaseConstraint, SeasonConfig, SeasonGroup, SeasonMatcher, SeasonPhase } from './season-config.js';
import type { Reason } from '../reason.js';
import { parseInstant } from '../time/local-time.js';

/** `before` and `after` bracket a group's configured phases. */
export type PhaseKey = 'before' | 'after' | (string & {});

export interface MatchableEnterprise {
  industry: string;
  process: string | null;
  fuel: string | null;
  airEmitting: boolean;
}

export function matches(m: SeasonMatcher, e: MatchableEnterprise): boolean {
  return (
    m.industry === e.industry && (m.process === undefined || m.process === e.process) && (m.fuel === undefined || m.fuel === e.fuel) && (m.airEmitting === undefined || m.airEmitting === e.airEmitting)
  );
}

/** The first group (in file order) whose matcher fits the enterprise, or null. */
export function matchGroup(season: SeasonConfig, e: MatchableEnterprise): SeasonGroup | null {
  for (const g of season.groups) for (const m of g.match) if (matches(m, e)) return g;
  return null;
}

function toMs(at: Date | string | number): number {
  const ms = typeof at === 'number' ? at : parseInstant(at);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant with a zone: ${String(at)}`);
  return ms;
}

/** The phase of a group in force at an instant (phases are half-open [start, end)). */
export function phaseAt(group: SeasonGroup, at: Date | string | number): PhaseKey {
  const ms = toMs(at);
  return phaseObjectAt(group, ms)?.key ?? (ms < group.phases[0]!.startMs ? 'before' : 'after');
}

/** The configured phase in force, or null before/after; the hot-path variant. */
export function phaseObjectAt(group: SeasonGroup, ms: number): SeasonPhase | null {
  const phases = group.phases;
  for (let i = 0; i < phases.length; i++) {
    const p = phases[i]!;
    if (ms < p.startMs) return null;
    if (ms < p.endMs) return p;
  }
  return null;
}

export interface CalendarPhase {
  key: string;
  name: string;
  from: string;
  to: string;
  startsAt: string;
  endsAt: string;
  constraint: PhaseConstraint;
  reason: Reason;
}

export interface SeasonCalendar {
  season: string;
  timezone: string;
  heatingSeason: { from: string; to: string };
  livelihoodFilingDeadline: string;
  groups: { key: string; name: string; match: SeasonMatcher[]; phases: CalendarPhase[] }[];
}

/** The season as a calendar (for GET /api/v1/seasons/:season/calendar): plain JSON. */
export function seasonCalendar(season: SeasonConfig): SeasonCalendar {
  return {
    season: season.season,
    timezone: season.timezone,
    heatingSeason: { ...season.heatingSeason },
    livelihoodFilingDeadline: season.livelihoodFilingDeadline,
    groups: season.groups.map((g) => ({
      key: g.key,
      name: g.name,
      match: g.match.map((m) => ({ ...m })),
      phases: g.phases.map((p) => ({
        key: p.key,
        name: p.name,
        from: p.from,
        to: p.to,
        startsAt: p.startsAt,
        endsAt: p.endsAt,
        constraint: { ...p.constraint },
        reason: { ...p.reason },
      })),
    })),
  };
}
