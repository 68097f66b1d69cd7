/**
 * The escalation ladder (issue 13, item 4): what is sent to whom, by which channels, while an
 * order version stays unacknowledged. Pure: given the ladder, the version's times, its ack state,
 * the steps already taken and now, it answers the steps due. The service does the I/O.
 */

/** What a step's time counts from: the notice's delivery, the acknowledgement deadline, or the start of stage 2. */
export const LADDER_ANCHORS = ['delivery', 'deadline', 'stage2'] as const;
export type LadderAnchor = (typeof LADDER_ANCHORS)[number];

export const LADDER_CHANNELS = ['email', 'webhook', 'sms', 'robot'] as const;
export type LadderChannel = (typeof LADDER_CHANNELS)[number];

export const LADDER_RECIPIENTS = ['enterprise', 'county_officers', 'county_robot', 'command_center_robot', 'duty_officer', 'shift_leader'] as const;
export type LadderRecipient = (typeof LADDER_RECIPIENTS)[number];

/** The channels each kind of recipient can be reached by. */
export const RECIPIENT_CHANNELS: Readonly<Record<LadderRecipient, readonly LadderChannel[]>> = {
  enterprise: ['email', 'webhook', 'sms'],
  county_officers: ['email', 'sms'],
  county_robot: ['robot'],
  command_center_robot: ['robot'],
  duty_officer: ['email', 'sms'],
  shift_leader: ['email', 'sms'],
};

/** 0: the enterprise is chased; 1: the county; 2: the command center. */
export type LadderStage = 0 | 1 | 2;

export interface LadderStep {
  stage: LadderStage;
  at: LadderAnchor;
  /** Minutes after the anchor (negative: before it; never before the delivery). */
  afterMinutes: number;
  channels: LadderChannel[];
  to: LadderRecipient;
}

export interface LadderTimes {
  /** When the notice was first delivered (or issued, if nothing has been delivered yet). */
  deliveredAt: Date;
  deadline: Date;
  /** Stage 2 starts this long after the deadline. */
  stage2AfterDeadlineMinutes: number;
}

export interface LadderState extends LadderTimes {
  acknowledged: boolean;
  /** Keys (stepKey) of the steps already taken for this version. */
  done: ReadonlySet<string>;
  now: Date;
}

/** A step's stable name, part of every outbox key it writes: `s1-deadline+0-county_officers`. */
export function stepKey(step: Pick<LadderStep, 'stage' | 'at' | 'afterMinutes' | 'to'>): string {
  const offset = step.afterMinutes >= 0 ? `+${step.afterMinutes}` : String(step.afterMinutes);
  return `s${step.stage}-${step.at}${offset}-${step.to}`;
}

/**
 * The notice itself: stage 0, at delivery, to the enterprise. Its rows are written with the
 * directive (in its transaction, one per channel and address), not by the ladder's rounds; with
 * `sms` among its channels the order goes by SMS at once (when a provider is configured).
 */
export function isNoticeStep(step: LadderStep): boolean {
  return step.stage === 0 && step.at === 'delivery' && step.afterMinutes === 0 && step.to === 'enterprise';
}

export function stepDueAt(step: LadderStep, t: LadderTimes): Date {
  const anchor = step.at === 'delivery' ? t.deliveredAt.getTime() : step.at === 'deadline' ? t.deadline.getTime() : t.deadline.getTime() + t.stage2AfterDeadlineMinutes * 60_000;
  return new Date(anchor + step.afterMinutes * 60_000);
}

/**
 * The steps due now, in the order they fell due (then in ladder order): none once the version is
 * acknowledged; never the notice step; never a step already taken.
 */
export function dueSteps(ladder: readonly LadderStep[], s: LadderState): LadderStep[] {
  if (s.acknowledged) return [];
  const now = s.now.getTime();
  return ladder
    .map((step, i) => ({ step, i, at: stepDueAt(step, s).getTime() }))
    .filter(({ step, at }) => !isNoticeStep(step) && at <= now && !s.done.has(stepKey(step)))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ step }) => step);
}

/** The next moment a step of this version falls due after `now` (null: none left). */
export function nextStepAt(ladder: readonly LadderStep[], s: LadderState): Date | null {
  if (s.acknowledged) return null;
  let next: number | null = null;
  for (const step of ladder) {
    if (isNoticeStep(step) || s.done.has(stepKey(step))) continue;
    const at = stepDueAt(step, s).getTime();
    if (at > s.now.getTime() && (next === null || at < next)) next = at;
  }
  return next === null ? null : new Date(next);
}

/**
 * Checks a ladder's shape; answers the problems as [path, message] (path relative to the list,
 * e.g. `[2].channels[0]`), empty when it is fine.
 */
export function ladderProblems(ladder: readonly LadderStep[]): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const keys = new Map<string, number>();
  let notices = 0;
  ladder.forEach((step, i) => {
    const allowed = RECIPIENT_CHANNELS[step.to];
    step.channels.forEach((c, j) => {
      if (!allowed.includes(c)) problems.push([`[${i}].channels[${j}]`, `must be one of ${allowed.join(', ')} for to: ${step.to} (got ${JSON.stringify(c)})`]);
    });
    if (new Set(step.channels).size !== step.channels.length) problems.push([`[${i}].channels`, 'must not repeat a channel']);
    if (step.at === 'delivery' && step.afterMinutes < 0) problems.push([`[${i}].afterMinutes`, 'must not be negative for at: delivery (nothing is sent before the notice)']);
    if (isNoticeStep(step)) notices++;
    const key = stepKey(step);
    const first = keys.get(key);
    if (first !== undefined) problems.push([`[${i}]`, `repeats step [${first}] (same stage, at, afterMinutes and to; list both channels in one step)`]);
    else keys.set(key, i);
  });
  if (notices === 0) problems.push(['', 'must contain the notice step: stage 0, at: delivery, afterMinutes: 0, to: enterprise']);
  return problems;
}

/** The channels of the notice step (what the directive's own rows go by). */
export function noticeChannels(ladder: readonly LadderStep[]): LadderChannel[] {
  return ladder.find(isNoticeStep)?.channels ?? [];
}
