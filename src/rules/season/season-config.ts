// A season's calendar as the rules see it: groups of enterprises and their phases, each with
// its constraint and reason. config/season-config.ts parses config/seasons/<season>.yaml into it.
import type { Reason } from '../reason.js';

export type PhaseConstraint = { kind: 'full_stop'; noKilnBanking: boolean; provincialApprovalCaps: boolean } | { kind: 'limit'; minStopPercent: number; basis: 'lines' | 'cells' };

export interface SeasonPhase {
  key: string;
  name: string;
  /** Inclusive local dates. */
  from: string;
  to: string;
  /** Local midnight starting `from`, ISO with offset. */
  startsAt: string;
  /** Local midnight after `to` (exclusive end), ISO with offset. */
  endsAt: string;
  startMs: number;
  endMs: number;
  constraint: PhaseConstraint;
  reason: Reason;
}

/** Fields left out match anything; `null` in YAML would mean "must be unset". */
export interface SeasonMatcher {
  industry: string;
  process?: string | null;
  fuel?: string | null;
  airEmitting?: boolean;
}

export interface SeasonGroup {
  key: string;
  name: string;
  match: SeasonMatcher[];
  phases: SeasonPhase[];
}

export interface SeasonConfig {
  season: string;
  firstYear: number;
  timezone: string;
  heatingSeason: { from: string; to: string };
  livelihoodFilingDeadline: string;
  exemptions: { livelihood: Reason; provincialApproval: Reason };
  groups: SeasonGroup[];
}

/** Phase keys the season machine uses for the time around the phases. */
export const RESERVED_PHASE_KEYS: readonly string[] = ['before', 'after'];
