import { initialTransition, transition, type Snapshot, type SnapshotFrom } from 'xstate';
import { parseInstant } from '../time/local-time.js';
import { SEASON_MACHINE_VERSION, type PhaseChange, type SeasonMachine, type SeasonMachineContext } from './season.machine.js';

export type SeasonSnapshot = SnapshotFrom<SeasonMachine>;

/** A change the machine will make but has not made yet: no clock has observed it. */
export type UpcomingPhaseChange = Omit<PhaseChange, 'observedAt'>;

/** What a persisted season machine looks like in storage (JSON of getPersistedSnapshot, plus its version). */
export interface StoredSeasonMachine {
  machineVersion: number;
  snapshot: unknown;
}

export interface SeasonStep {
  snapshot: SeasonSnapshot;
  /** getPersistedSnapshot of `snapshot`, to store when `moved`. */
  persisted: Snapshot<unknown>;
  /** Whether storage must change: nothing stored yet (or an older version, replayed), or a phase was entered. */
  moved: boolean;
  /** Phases entered by this clock reading (several after downtime), each with its calendar boundary. */
  entered: PhaseChange[];
  /** The changes the machine will make from here until `now + leadMs`, in order. */
  ahead: UpcomingPhaseChange[];
}

function restore(machine: SeasonMachine, stored: StoredSeasonMachine | null): SeasonSnapshot | null {
  if (!stored || stored.machineVersion !== SEASON_MACHINE_VERSION) return null;
  const { value, context } = stored.snapshot as { value: string; context: SeasonMachineContext };
  return machine.resolveState({ value, context });
}

/**
 * One clock reading for one rule group, without I/O: the stored machine (an older version is
 * replayed from the start) takes CLOCK `now`, and a copy of the result is run on to
 * `now + leadMs` to see what the machine itself will do within the lead. Both come from the
 * same transitions, so "which phase, from when" has one source.
 */
export function stepSeason(machine: SeasonMachine, stored: StoredSeasonMachine | null, now: string, leadMs: number): SeasonStep {
  const restored = restore(machine, stored);
  const start = restored ?? initialTransition(machine)[0];
  const clock = { type: 'CLOCK' as const, at: now };
  const snapshot = start.can(clock) ? transition(machine, start, clock)[0] : start;
  const entered = snapshot.context.changes.slice(start.context.changes.length);
  const nowMs = parseInstant(now);
  // An unreadable `now` is refused by the machine's guard; its horizon is refused with it.
  const horizon = { type: 'CLOCK' as const, at: Number.isNaN(nowMs) ? now : new Date(nowMs + leadMs).toISOString() };
  const projected = snapshot.can(horizon) ? transition(machine, snapshot, horizon)[0] : snapshot;
  const ahead = projected.context.changes.slice(snapshot.context.changes.length).map(({ from, to, effectiveAt }) => ({ from, to, effectiveAt }));
  return { snapshot, persisted: machine.getPersistedSnapshot(snapshot), moved: restored === null || entered.length > 0, entered, ahead };
}
