import type { LevelOrNone } from './level-ladder.js';
import { parseInstant } from '../time/local-time.js';
import type { LevelDirective, ResponseLevelContext } from './response-level.machine.js';

const ms = (iso: string): number => parseInstant(iso);

/**
 * The level in force at an instant, from the machine's history: the latest directive whose
 * start has come, unless its stated end has passed or a later lift/expiry has taken effect.
 * A directive whose start lies ahead leaves the previous state (often none) in force.
 */
export function levelAt(context: Pick<ResponseLevelContext, 'history'>, at: Date | string): LevelOrNone {
  const t = parseInstant(at);
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${String(at)}`);
  let current: LevelDirective | null = null;
  for (const entry of context.history) {
    if ('startsAt' in entry) {
      if (ms(entry.startsAt) <= t) current = entry;
    } else if (current !== null && ms(entry.at) <= t) {
      current = null;
    }
  }
  if (current === null) return 'none';
  if (current.endsAt !== null && ms(current.endsAt) <= t) return 'none';
  return current.level;
}

export interface LevelSegment {
  level: LevelOrNone;
  from: string;
  /** null: until something else is directed. */
  to: string | null;
}

/**
 * What the history directs after an instant: each change of level from then on, with the
 * time it starts and ends (levelAt at every stated time, equal neighbours merged).
 */
export function levelsAhead(context: Pick<ResponseLevelContext, 'history'>, after: Date | string): LevelSegment[] {
  const t0 = parseInstant(after);
  const times = new Set<number>();
  for (const e of context.history) {
    if ('startsAt' in e) {
      times.add(ms(e.startsAt));
      if (e.endsAt !== null) times.add(ms(e.endsAt));
    } else times.add(ms(e.at));
  }
  const sorted = [...times].filter((t) => t > t0).sort((a, b) => a - b);
  let current = levelAt(context, new Date(t0));
  const out: LevelSegment[] = [];
  for (const t of sorted) {
    const level = levelAt(context, new Date(t));
    if (level === current) continue;
    if (out.length > 0) out[out.length - 1].to = new Date(t).toISOString();
    out.push({ level, from: new Date(t).toISOString(), to: null });
    current = level;
  }
  return out;
}
