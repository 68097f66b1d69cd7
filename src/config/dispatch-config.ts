import { readYamlConfig } from './config-files.js';
import { validateDirectiveNumberFormat } from '../rules/directive-number.js';
import { parseRobotsConfig, type RobotEndpoint, type RobotsConfig } from './robot-config.js';
import { LADDER_ANCHORS, LADDER_CHANNELS, LADDER_RECIPIENTS, ladderProblems, type LadderStage, type LadderStep } from '../rules/escalation/ladder.js';
import { parseSmsConfig, type SmsConfig } from './sms-config.js';

export interface CountyEscalation {
  officerEmails: string[];
}

export interface DispatchConfig {
  directiveNumber: { format: string };
  ackDeadlineHours: { level: number; season: number };
  seasonDirectiveLeadDays: number;
  escalation: {
    stage2AfterDeadlineHours: number;
    /** How often the ladder is checked (one round per period across instances). */
    checkEverySeconds: number;
    /** What goes to whom while a version stays unacknowledged (src/rules/escalation/ladder.ts). */
    ladder: LadderStep[];
    commandCenterEmails: string[];
    /** Keyed by county code. */
    counties: Record<string, CountyEscalation>;
  };
  /** Local "HH:MM", ascending. */
  statusReportTimes: string[];
  retry: { maxAttempts: number; baseDelaySeconds: number; maxDelaySeconds: number };
  linkValidityDays: number;
  /** Work-chat group robots per county and for the command center (credentials resolved from the environment). */
  robots: RobotsConfig;
  /** SMS through Alibaba Cloud or Tencent Cloud (credentials resolved from the environment); provider null: none. */
  sms: SmsConfig;
  worker: { batchSize: number; concurrency: number; leaseSeconds: number };
  /** What times the door accepts (RULES.md: "immediately" stays possible, nothing far off). */
  timeSanity: {
    directiveStartToleranceMinutes: number;
    directiveHorizonDays: number;
    observationClockToleranceMinutes: number;
    observationLookBackDays: number;
  };
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function fail(field: string, why: string): never {
  throw new Error(`dispatch config: ${field} ${why}`);
}

function obj(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be a mapping');
  return value as Record<string, unknown>;
}

function num(value: unknown, field: string, min: number, max: number, integer = true): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    fail(field, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}

function emails(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(field, 'must be a list of email addresses');
  return value.map((v: unknown, i) => {
    if (typeof v !== 'string' || !EMAIL.test(v)) fail(`${field}[${i}]`, `must be an email address (got ${JSON.stringify(v)})`);
    return v;
  });
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) fail(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value as T;
}

/** escalation.ladder: a non-empty list of steps, each typed, then checked as a whole (rules/escalation/ladder.ts). */
function ladder(value: unknown, field: string): LadderStep[] {
  if (!Array.isArray(value) || value.length === 0) fail(field, 'must be a non-empty list of steps (stage, at, afterMinutes, channels, to)');
  const steps = value.map((raw: unknown, i): LadderStep => {
    const f = `${field}[${i}]`;
    const s = obj(raw, f);
    for (const k of Object.keys(s)) if (!['stage', 'at', 'afterMinutes', 'channels', 'to'].includes(k)) fail(`${f}.${k}`, 'is not a step key (stage, at, afterMinutes, channels, to)');
    const channels = s.channels;
    if (!Array.isArray(channels) || channels.length === 0) fail(`${f}.channels`, `must be a non-empty list of ${LADDER_CHANNELS.join(', ')}`);
    return {
      stage: num(s.stage, `${f}.stage`, 0, 2) as LadderStage,
      at: oneOf(s.at, `${f}.at`, LADDER_ANCHORS),
      afterMinutes: s.afterMinutes === undefined ? 0 : num(s.afterMinutes, `${f}.afterMinutes`, -7 * 24 * 60, 7 * 24 * 60),
      channels: channels.map((c: unknown, j) => oneOf(c, `${f}.channels[${j}]`, LADDER_CHANNELS)),
      to: oneOf(s.to, `${f}.to`, LADDER_RECIPIENTS),
    };
  });
  const [problem] = ladderProblems(steps);
  if (problem) fail(`${field}${problem[0]}`, problem[1]);
  return steps;
}

/** Validates a parsed dispatch.yaml; the error names the offending field so an operator can fix it at boot. */
export function parseDispatchConfig(raw: unknown, env: Record<string, string | undefined> = process.env): DispatchConfig {
  const o = obj(raw, '(root)');
  const format = obj(o.directiveNumber, 'directiveNumber').format;
  if (typeof format !== 'string') fail('directiveNumber.format', 'must be a string');
  try {
    validateDirectiveNumberFormat(format);
  } catch (err) {
    fail('directiveNumber.format', `is invalid: ${(err as Error).message}`);
  }
  const ack = obj(o.ackDeadlineHours, 'ackDeadlineHours');
  const esc = obj(o.escalation, 'escalation');
  const countiesRaw = esc.counties === undefined || esc.counties === null ? {} : obj(esc.counties, 'escalation.counties');
  const counties: Record<string, CountyEscalation> = {};
  for (const [code, value] of Object.entries(countiesRaw)) {
    const c = obj(value, `escalation.counties.${code}`);
    counties[code] = {
      officerEmails: emails(c.officerEmails, `escalation.counties.${code}.officerEmails`),
    };
  }
  const times = o.statusReportTimes;
  if (!Array.isArray(times) || times.length === 0) fail('statusReportTimes', 'must be a non-empty list of "HH:MM"');
  const parsedTimes = times.map((t: unknown, i) => {
    if (typeof t !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(t)) fail(`statusReportTimes[${i}]`, `must be "HH:MM" (got ${JSON.stringify(t)})`);
    return t;
  });
  for (let i = 1; i < parsedTimes.length; i++) {
    if (parsedTimes[i]! <= parsedTimes[i - 1]!) fail('statusReportTimes', 'must be ascending without repeats');
  }
  const retry = obj(o.retry, 'retry');
  const baseDelaySeconds = num(retry.baseDelaySeconds, 'retry.baseDelaySeconds', 1, 86_400);
  const maxDelaySeconds = num(retry.maxDelaySeconds, 'retry.maxDelaySeconds', 1, 7 * 86_400);
  if (maxDelaySeconds < baseDelaySeconds) fail('retry.maxDelaySeconds', 'must not be below retry.baseDelaySeconds');
  const worker = obj(o.worker, 'worker');
  const sanity = obj(o.timeSanity, 'timeSanity');
  return {
    directiveNumber: { format },
    ackDeadlineHours: {
      level: num(ack.level, 'ackDeadlineHours.level', 0.25, 720, false),
      season: num(ack.season, 'ackDeadlineHours.season', 0.25, 720, false),
    },
    seasonDirectiveLeadDays: num(o.seasonDirectiveLeadDays, 'seasonDirectiveLeadDays', 0, 90),
    escalation: {
      stage2AfterDeadlineHours: num(esc.stage2AfterDeadlineHours, 'escalation.stage2AfterDeadlineHours', 0, 720, false),
      checkEverySeconds: num(esc.checkEverySeconds, 'escalation.checkEverySeconds', 1, 60),
      ladder: ladder(esc.ladder, 'escalation.ladder'),
      commandCenterEmails: emails(esc.commandCenterEmails, 'escalation.commandCenterEmails'),
      counties,
    },
    statusReportTimes: parsedTimes,
    retry: { maxAttempts: num(retry.maxAttempts, 'retry.maxAttempts', 1, 100), baseDelaySeconds, maxDelaySeconds },
    linkValidityDays: num(o.linkValidityDays, 'linkValidityDays', 1, 365),
    robots: parseRobotsConfig(o.robots, env),
    sms: parseSmsConfig(o.sms, env),
    worker: {
      batchSize: num(worker.batchSize, 'worker.batchSize', 1, 10_000),
      concurrency: num(worker.concurrency, 'worker.concurrency', 1, 256),
      leaseSeconds: num(worker.leaseSeconds, 'worker.leaseSeconds', 5, 86_400),
    },
    timeSanity: {
      directiveStartToleranceMinutes: num(sanity.directiveStartToleranceMinutes, 'timeSanity.directiveStartToleranceMinutes', 0, 24 * 60, false),
      directiveHorizonDays: num(sanity.directiveHorizonDays, 'timeSanity.directiveHorizonDays', 1, 366, false),
      observationClockToleranceMinutes: num(sanity.observationClockToleranceMinutes, 'timeSanity.observationClockToleranceMinutes', 0, 60, false),
      observationLookBackDays: num(sanity.observationLookBackDays, 'timeSanity.observationLookBackDays', 1, 366, false),
    },
  };
}

export function loadDispatchConfig(file = 'dispatch.yaml'): DispatchConfig {
  return parseDispatchConfig(readYamlConfig(file));
}

/** The officer e-mails configured for a county (none when the county is not listed). */
export function escalationFor(config: DispatchConfig, countyCode: string): { officerEmails: string[] } {
  const c = config.escalation.counties[countyCode];
  return { officerEmails: c?.officerEmails ?? [] };
}

/** Where a robot notice goes: a county's group (by county code) or the command center's. */
export type RobotTarget = { county: string } | 'command_center';

/** The outbox recipient naming a configured robot, or null when that group has none. */
export function robotRecipient(config: DispatchConfig, target: RobotTarget): string | null {
  if (target === 'command_center') return config.robots.commandCenter ? 'robot:command_center' : null;
  return config.robots.counties[target.county] ? `robot:county:${target.county}` : null;
}

/** The robot an outbox recipient names (null when it is no longer configured). */
export function robotEndpoint(config: DispatchConfig, recipient: string): RobotEndpoint | null {
  if (recipient === 'robot:command_center') return config.robots.commandCenter;
  const m = /^robot:county:(.+)$/.exec(recipient);
  return m ? (config.robots.counties[m[1]!] ?? null) : null;
}

/** Delay before retry number `attempt` (1 = first retry): base·2^(attempt−1), capped. Jitter is the caller's choice. */
export function retryDelaySeconds(config: DispatchConfig, attempt: number): number {
  const { baseDelaySeconds, maxDelaySeconds } = config.retry;
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(maxDelaySeconds, baseDelaySeconds * 2 ** Math.min(n - 1, 30));
}
