import { CommonErrorCode } from './common.errors.js';
import { DomainError } from './domain-error.js';

/** One refused time: the field, the value, and the range the door accepts. */
export interface TimeRefusal {
  field: string;
  value: string;
  allowed: { from: string | null; to: string | null };
  message: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface ObservationWindow {
  clockToleranceMinutes: number;
  lookBackDays: number;
}

/** Refusal of an observed time (finding, confirmation, report, reading) outside [now − look-back, now + tolerance]. */
export function checkObservedAt(field: string, at: Date, now: Date, w: ObservationWindow): TimeRefusal | null {
  const from = new Date(now.getTime() - w.lookBackDays * DAY);
  const to = new Date(now.getTime() + w.clockToleranceMinutes * MINUTE);
  if (Number.isNaN(at.getTime())) return { field, value: String(at), allowed: { from: from.toISOString(), to: to.toISOString() }, message: `${field} is not a valid time` };
  if (at > to)
    return {
      field,
      value: at.toISOString(),
      allowed: { from: from.toISOString(), to: to.toISOString() },
      message: `${field} lies in the future (${at.toISOString()}); it may be at most ${w.clockToleranceMinutes} min after now (${to.toISOString()})`,
    };
  if (at < from)
    return {
      field,
      value: at.toISOString(),
      allowed: { from: from.toISOString(), to: to.toISOString() },
      message: `${field} is more than ${w.lookBackDays} days back (${at.toISOString()}); the earliest accepted is ${from.toISOString()}`,
    };
  return null;
}

export interface DirectiveWindow {
  startToleranceMinutes: number;
  horizonDays: number;
}

/** Refusals of a directive's start (within [now − tolerance, now + horizon]) and end (after the start and after now). */
export function checkDirectiveTimes(startsAt: Date, endsAt: Date | null, now: Date, w: DirectiveWindow): TimeRefusal[] {
  const out: TimeRefusal[] = [];
  const from = new Date(now.getTime() - w.startToleranceMinutes * MINUTE);
  const to = new Date(now.getTime() + w.horizonDays * DAY);
  const allowed = { from: from.toISOString(), to: to.toISOString() };
  if (startsAt < from)
    out.push({
      field: 'startsAt',
      value: startsAt.toISOString(),
      allowed,
      message: `startsAt is more than ${w.startToleranceMinutes} min in the past (${startsAt.toISOString()}); start it now or later (from ${from.toISOString()})`,
    });
  else if (startsAt > to)
    out.push({
      field: 'startsAt',
      value: startsAt.toISOString(),
      allowed,
      message: `startsAt is more than ${w.horizonDays} days ahead (${startsAt.toISOString()}); the latest accepted is ${to.toISOString()}`,
    });
  if (endsAt !== null) {
    const earliest = startsAt > now ? startsAt : now;
    if (endsAt <= earliest)
      out.push({
        field: 'endsAt',
        value: endsAt.toISOString(),
        allowed: { from: earliest.toISOString(), to: null },
        message: `endsAt (${endsAt.toISOString()}) must follow the start and now (${earliest.toISOString()})`,
      });
  }
  return out;
}

/** The 422 for refused times: every refusal in the details. */
export function timeRefused(refusals: TimeRefusal[]): DomainError {
  return new DomainError(CommonErrorCode.UNPROCESSABLE, refusals.map((r) => r.message).join('; '), refusals);
}
