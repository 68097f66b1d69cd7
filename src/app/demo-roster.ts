// Demo tooling: the people the demo escalation reaches and a rolling two-week duty roster.
import { localDateOf, localDateTimeMs, nextDate } from '../rules/time/local-time.js';

/** Days of roster the demo keeps ahead of today (topped up at every demo boot). */
export const DEMO_ROSTER_DAYS = 14;
/** Local start times of the demo's day and night shifts (24-hour rotating duty, RULES.md item 40). */
const DAY_START = '08:00';
const NIGHT_START = '20:00';

export interface DemoShiftSlot {
  startsAt: string;
  endsAt: string;
  /** Index of the slot from the first one: the demo rotates its people by it. */
  index: number;
}

/** Day (08:00–20:00) and night (20:00–08:00) shifts from today's 08:00 local for `days` days. */
export function demoRosterSlots(now: Date, timeZone: string, days = DEMO_ROSTER_DAYS): DemoShiftSlot[] {
  const slots: DemoShiftSlot[] = [];
  let date = localDateOf(now.getTime(), timeZone);
  // Start with yesterday's night shift, so that the early hours of today are covered too.
  const yesterday = localDateOf(now.getTime() - 86_400_000, timeZone);
  const at = (d: string, hm: string) => new Date(localDateTimeMs(`${d}T${hm}`, timeZone)).toISOString();
  slots.push({ startsAt: at(yesterday, NIGHT_START), endsAt: at(date, DAY_START), index: 0 });
  for (let i = 0; i < days; i++) {
    const next = nextDate(date);
    slots.push({ startsAt: at(date, DAY_START), endsAt: at(date, NIGHT_START), index: slots.length });
    slots.push({ startsAt: at(date, NIGHT_START), endsAt: at(next, DAY_START), index: slots.length });
    date = next;
  }
  return slots;
}
