import { assign, setup } from 'xstate';
import type { RulesConfig } from '../rules-config.js';
import type { LevelKey } from './level-ladder.js';
import { parseInstant } from '../time/local-time.js';

/** Bump when states or context change shape; persisted snapshots carry it. */
export const RESPONSE_LEVEL_MACHINE_VERSION = 1;

export interface LevelDirective {
  kind: 'issue' | 'adjust';
  level: LevelKey;
  startsAt: string;
  /** null: until lifted. */
  endsAt: string | null;
  basis: string;
  episodeId: string;
  /** When the command center decided, if the caller says so. */
  decidedAt: string | null;
}

export interface LevelEnding {
  kind: 'lift' | 'expire';
  /** When the level stops applying (a lift may be published ahead of it). */
  at: string;
  basis: string | null;
  episodeId: string;
}

export type LevelHistoryEntry = LevelDirective | LevelEnding;

export interface ResponseLevelContext {
  county: string;
  version: number;
  level: LevelKey | null;
  startsAt: string | null;
  endsAt: string | null;
  basis: string | null;
  episodeId: string | null;
  episodeCount: number;
  /** End of the last finished episode, for merging a close re-issue into it. */
  lastEnd: { episodeId: string; at: string } | null;
  history: LevelHistoryEntry[];
}

export interface DirectiveFields {
  level: LevelKey;
  startsAt: string;
  endsAt: string | null;
  basis: string;
  decidedAt?: string;
}

export type ResponseLevelEvent = ({ type: 'ISSUE' } & DirectiveFields) | ({ type: 'ADJUST' } & DirectiveFields) | { type: 'LIFT'; at: string; basis?: string } | { type: 'EXPIRE'; at: string };

export interface ResponseLevelMachineOptions {
  rules: Pick<RulesConfig, 'episodes'>;
  /** The city's ladder keys (config/city.yaml `levels`). */
  levels: readonly LevelKey[];
}

// Instants must name their zone, so that a snapshot means the same on any server.
const ms = (iso: string | null | undefined): number => parseInstant(iso);

/**
 * One county's response level: none ⇄ active. Guards carry RULES.md §2; end times are
 * data (a scheduler sends EXPIRE), never xstate delays. Callers check `snapshot.can(event)`
 * and answer a refused event with a domain error.
 */
export function createResponseLevelMachine(options: ResponseLevelMachineOptions) {
  const ladder = new Set<string>(options.levels);
  const selfExpiring = new Set<string>(options.rules.episodes.selfExpiringLevels);
  const mergeGapMs = options.rules.episodes.mergeGapHours * 3_600_000;

  const validDirective = (e: DirectiveFields): boolean => {
    const start = ms(e.startsAt);
    if (!ladder.has(e.level) || Number.isNaN(start) || typeof e.basis !== 'string' || e.basis.trim() === '') return false;
    if (e.endsAt === null) return true;
    const end = ms(e.endsAt);
    return !Number.isNaN(end) && end > start;
  };

  return setup({
    types: {
      context: {} as ResponseLevelContext,
      events: {} as ResponseLevelEvent,
      input: {} as { county: string },
    },
    guards: {
      validIssue: ({ event }) => event.type === 'ISSUE' && validDirective(event),
      validAdjust: ({ event }) => event.type === 'ADJUST' && validDirective(event),
      validLift: ({ event }) => event.type === 'LIFT' && !Number.isNaN(ms(event.at)),
      // Only self-expiring levels (blue and below by default) end by themselves, and only once their stated end has come.
      canExpire: ({ context, event }) => event.type === 'EXPIRE' && context.level !== null && selfExpiring.has(context.level) && context.endsAt !== null && ms(event.at) >= ms(context.endsAt),
    },
    actions: {
      issue: assign(({ context, event }) => {
        if (event.type !== 'ISSUE') return {};
        const merge = context.lastEnd !== null && ms(event.startsAt) - ms(context.lastEnd.at) < mergeGapMs;
        const episodeCount = merge ? context.episodeCount : context.episodeCount + 1;
        const episodeId = merge && context.lastEnd ? context.lastEnd.episodeId : `${context.county}#${episodeCount}`;
        const entry: LevelDirective = {
          kind: 'issue',
          level: event.level,
          startsAt: event.startsAt,
          endsAt: event.endsAt,
          basis: event.basis,
          episodeId,
          decidedAt: event.decidedAt ?? null,
        };
        return { level: event.level, startsAt: event.startsAt, endsAt: event.endsAt, basis: event.basis, episodeId, episodeCount, history: [...context.history, entry] };
      }),
      adjust: assign(({ context, event }) => {
        if (event.type !== 'ADJUST' || context.episodeId === null) return {};
        const entry: LevelDirective = {
          kind: 'adjust',
          level: event.level,
          startsAt: event.startsAt,
          endsAt: event.endsAt,
          basis: event.basis,
          episodeId: context.episodeId,
          decidedAt: event.decidedAt ?? null,
        };
        return { level: event.level, startsAt: event.startsAt, endsAt: event.endsAt, basis: event.basis, history: [...context.history, entry] };
      }),
      end: assign(({ context, event }) => {
        if ((event.type !== 'LIFT' && event.type !== 'EXPIRE') || context.episodeId === null) return {};
        // An expiry takes effect at the stated end, however late the scheduler noticed.
        const at = event.type === 'EXPIRE' ? (context.endsAt ?? event.at) : event.at;
        const entry: LevelEnding = {
          kind: event.type === 'LIFT' ? 'lift' : 'expire',
          at,
          basis: event.type === 'LIFT' ? (event.basis ?? null) : null,
          episodeId: context.episodeId,
        };
        return {
          level: null,
          startsAt: null,
          endsAt: null,
          basis: null,
          episodeId: null,
          lastEnd: { episodeId: context.episodeId, at },
          history: [...context.history, entry],
        };
      }),
    },
  }).createMachine({
    id: 'response-level',
    initial: 'none',
    context: ({ input }) => ({
      county: input.county,
      version: RESPONSE_LEVEL_MACHINE_VERSION,
      level: null,
      startsAt: null,
      endsAt: null,
      basis: null,
      episodeId: null,
      episodeCount: 0,
      lastEnd: null,
      history: [],
    }),
    states: {
      none: {
        on: { ISSUE: { guard: 'validIssue', target: 'active', actions: 'issue' } },
      },
      active: {
        on: {
          ADJUST: { guard: 'validAdjust', actions: 'adjust' },
          LIFT: { guard: 'validLift', target: 'none', actions: 'end' },
          EXPIRE: { guard: 'canExpire', target: 'none', actions: 'end' },
        },
      },
    },
  });
}

export type ResponseLevelMachine = ReturnType<typeof createResponseLevelMachine>;
