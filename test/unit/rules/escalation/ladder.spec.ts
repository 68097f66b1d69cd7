import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dueSteps, isNoticeStep, ladderProblems, nextStepAt, noticeChannels, stepDueAt, stepKey, type LadderStep } from '../../../../src/rules/escalation/ladder.js';
import { loadDispatchConfig } from '../../../../src/config/dispatch-config.js';

const LADDER: LadderStep[] = loadDispatchConfig().escalation.ladder;
const delivered = new Date('2026-12-10T02:00:00Z'); // 10:00 in Jiaozuo
const deadline = new Date('2026-12-10T04:00:00Z'); // 12:00
const at = (hhmm: string) => new Date(`2026-12-10T${hhmm}:00+08:00`);
const state = (now: string, done: string[] = [], acknowledged = false) => ({ deliveredAt: delivered, deadline, stage2AfterDeadlineMinutes: 120, acknowledged, done: new Set(done), now: at(now) });
const keys = (steps: LadderStep[]) => steps.map(stepKey);

describe('the escalation ladder (pure)', () => {
  it('names steps stably, with the sign of the offset', () => {
    expect(LADDER.map(stepKey)).toEqual([
      's0-delivery+0-enterprise',
      's0-delivery+60-enterprise',
      's0-deadline-30-enterprise',
      's1-deadline+0-county_officers',
      's1-deadline+0-county_robot',
      's2-stage2+0-command_center_robot',
      's2-stage2+0-duty_officer',
      's2-stage2+30-shift_leader',
    ]);
  });

  it('computes each step’s time from its anchor', () => {
    const t = { deliveredAt: delivered, deadline, stage2AfterDeadlineMinutes: 120 };
    expect(LADDER.map((s) => stepDueAt(s, t).toISOString())).toEqual([
      '2026-12-10T02:00:00.000Z',
      '2026-12-10T03:00:00.000Z',
      '2026-12-10T03:30:00.000Z',
      '2026-12-10T04:00:00.000Z',
      '2026-12-10T04:00:00.000Z',
      '2026-12-10T06:00:00.000Z',
      '2026-12-10T06:00:00.000Z',
      '2026-12-10T06:30:00.000Z',
    ]);
  });

  it('never answers the notice step (the directive writes it)', () => {
    expect(isNoticeStep(LADDER[0]!)).toBe(true);
    expect(LADDER.slice(1).some(isNoticeStep)).toBe(false);
    expect(keys(dueSteps(LADDER, state('10:30')))).toEqual([]);
    expect(noticeChannels(LADDER)).toEqual(['email', 'webhook']);
  });

  it('answers the SMS an hour after delivery, exactly at the minute', () => {
    expect(keys(dueSteps(LADDER, state('10:59')))).toEqual([]);
    expect(keys(dueSteps(LADDER, state('11:00')))).toEqual(['s0-delivery+60-enterprise']);
  });

  it('answers, after downtime, every step that fell due meanwhile, in the order they fell due', () => {
    expect(keys(dueSteps(LADDER, state('14:45')))).toEqual([
      's0-delivery+60-enterprise',
      's0-deadline-30-enterprise',
      's1-deadline+0-county_officers',
      's1-deadline+0-county_robot',
      's2-stage2+0-command_center_robot',
      's2-stage2+0-duty_officer',
      's2-stage2+30-shift_leader',
    ]);
  });

  it('leaves out the steps already taken', () => {
    expect(keys(dueSteps(LADDER, state('12:00', ['s0-delivery+60-enterprise', 's0-deadline-30-enterprise', 's1-deadline+0-county_robot'])))).toEqual(['s1-deadline+0-county_officers']);
  });

  it('answers nothing once the version is acknowledged', () => {
    expect(dueSteps(LADDER, state('23:00', [], true))).toEqual([]);
    expect(nextStepAt(LADDER, state('10:00', [], true))).toBeNull();
  });

  it('tells the next moment a step falls due', () => {
    expect(nextStepAt(LADDER, state('10:00'))?.toISOString()).toBe('2026-12-10T03:00:00.000Z');
    expect(nextStepAt(LADDER, state('14:10', ['s2-stage2+0-duty_officer']))?.toISOString()).toBe('2026-12-10T06:30:00.000Z');
    expect(nextStepAt(LADDER, state('14:40'))).toBeNull();
  });

  it('finds the shipped ladder sound and names the problems of a bad one', () => {
    expect(ladderProblems(LADDER)).toEqual([]);
    const notice = LADDER[0]!;
    expect(ladderProblems([notice, { stage: 1, at: 'deadline', afterMinutes: 0, channels: ['robot'], to: 'county_officers' }])).toEqual([
      ['[1].channels[0]', 'must be one of email, sms for to: county_officers (got "robot")'],
    ]);
    expect(ladderProblems([{ ...notice, channels: ['sms', 'sms'] }])).toEqual([['[0].channels', 'must not repeat a channel']]);
    expect(ladderProblems([])).toEqual([['', 'must contain the notice step: stage 0, at: delivery, afterMinutes: 0, to: enterprise']]);
  });

  it('property: a step is due exactly when its time has come, it is not taken and the version is open; each key at most once', () => {
    const step = fc.record({
      stage: fc.constantFrom(0 as const, 1 as const, 2 as const),
      at: fc.constantFrom('delivery' as const, 'deadline' as const, 'stage2' as const),
      afterMinutes: fc.integer({ min: 0, max: 600 }),
      channels: fc.constant<LadderStep['channels']>(['email']),
      to: fc.constantFrom('enterprise' as const, 'county_officers' as const, 'duty_officer' as const),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.integer({ min: -60, max: 1200 }), fc.boolean(), fc.subarray([0, 1, 2, 3, 4, 5, 6, 7]), (steps, minute, acknowledged, doneIdx) => {
        const ladder = [LADDER[0]!, ...steps];
        const done = new Set(doneIdx.filter((i) => i < steps.length).map((i) => stepKey(steps[i]!)));
        const now = new Date(delivered.getTime() + minute * 60_000);
        const s = { deliveredAt: delivered, deadline, stage2AfterDeadlineMinutes: 120, acknowledged, done, now };
        const due = dueSteps(ladder, s);
        const dueKeys = due.map(stepKey);
        for (const d of due) {
          expect(acknowledged).toBe(false);
          expect(stepDueAt(d, s).getTime()).toBeLessThanOrEqual(now.getTime());
          expect(done.has(stepKey(d))).toBe(false);
          expect(isNoticeStep(d)).toBe(false);
        }
        for (const st of steps) {
          const expected = !acknowledged && !isNoticeStep(st) && !done.has(stepKey(st)) && stepDueAt(st, s).getTime() <= now.getTime();
          expect(dueKeys.includes(stepKey(st))).toBe(expected);
        }
        // In order of their times.
        for (let i = 1; i < due.length; i++) expect(stepDueAt(due[i - 1]!, s).getTime()).toBeLessThanOrEqual(stepDueAt(due[i]!, s).getTime());
      }),
    );
  });
});
