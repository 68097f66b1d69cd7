import type { LevelOrNone } from '../enterprise.js';
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
