import { assign, setup } from 'xstate';
import type { SeasonGroup } from './season-config.js';
import { parseInstant } from '../time/local-time.js';
import type { PhaseKey } from './season-calendar.js';

/** Bump when states or context change shape; persisted snapshots carry it. */
export const SEASON_MACHINE_VERSION = 1;

export interface PhaseChange {
  from: PhaseKey;
  to: PhaseKey;
  /** The calendar boundary (local midnight, ISO with offset) at which the phase began. */
  effectiveAt: string;
  /** The clock reading that revealed the change (may be later after downtime). */
  observedAt: string;
}

export interface SeasonMachineContext {
  group: string;
  version: number;
  phase: PhaseKey;
  clock: string | null;
  clockMs: number | null;
  changes: PhaseChange[];
}

export type SeasonMachineEvent = { type: 'CLOCK'; at: string };

interface Step {
  state: PhaseKey;
  /** When this state ends and `next` begins; null for `after`. */
  endMs: number | null;
  endIso: string | null;
  next: PhaseKey | null;
}

function steps(group: SeasonGroup): Step[] {
  const out: Step[] = [{ state: 'before', endMs: group.phases[0]!.startMs, endIso: group.phases[0]!.startsAt, next: group.phases[0]!.key }];
  group.phases.forEach((p, i) => {
    const next = group.phases[i + 1]?.key ?? 'after';
    out.push({ state: p.key, endMs: p.endMs, endIso: p.endsAt, next });
  });
  out.push({ state: 'after', endMs: null, endIso: null, next: null });
  return out;
}

/**
 * The calendar of one rule group as a chain before → phase… → after. A CLOCK event only
 * records the time; eventless transitions then walk every boundary the clock has passed,
 * so a late CLOCK (after downtime) catches up and records each phase it crossed.
 * Time is data: no `after` delays, which would not survive a persisted snapshot.
 */
export function createSeasonMachine(group: SeasonGroup) {
  const machineSetup = setup({
    types: {
      context: {} as SeasonMachineContext,
      events: {} as SeasonMachineEvent,
    },
    guards: {
      // A clock never runs backwards; an earlier reading is refused (snapshot.can is false).
      forward: ({ context, event }) => {
        const ms = parseInstant(event.at);
        return !Number.isNaN(ms) && (context.clockMs === null || ms >= context.clockMs);
      },
      reached: ({ context }, params: { ms: number }) => context.clockMs !== null && context.clockMs >= params.ms,
    },
    actions: {
      setClock: assign(({ event }) => ({ clock: event.at, clockMs: parseInstant(event.at) })),
      enter: assign(({ context }, params: { from: PhaseKey; to: PhaseKey; effectiveAt: string }) => ({
        phase: params.to,
        changes: [...context.changes, { ...params, observedAt: context.clock ?? params.effectiveAt }],
      })),
    },
  });
  const states: Record<string, object> = {};
  for (const s of steps(group)) {
    states[s.state] =
      s.endMs === null || s.next === null
        ? {}
        : {
            always: {
              guard: { type: 'reached', params: { ms: s.endMs } },
              target: s.next,
              actions: { type: 'enter', params: { from: s.state, to: s.next, effectiveAt: s.endIso } },
            },
          };
  }
  return machineSetup.createMachine({
    id: `season.${group.key}`,
    initial: 'before',
    context: { group: group.key, version: SEASON_MACHINE_VERSION, phase: 'before', clock: null, clockMs: null, changes: [] },
    on: { CLOCK: { guard: 'forward', actions: 'setClock' } },
    states: states as Record<string, Record<string, never>>,
  });
}

export type SeasonMachine = ReturnType<typeof createSeasonMachine>;
