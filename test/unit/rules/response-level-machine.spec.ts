import { createActor, initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { levelAt } from '../../../src/rules/levels/level-at.js';
import { createResponseLevelMachine, RESPONSE_LEVEL_MACHINE_VERSION, type ResponseLevelEvent } from '../../../src/rules/levels/response-level.machine.js';
import { city, rules } from './rules-fixtures.js';

const machine = createResponseLevelMachine({ rules, levels: city.levels.map((l) => l.key) });
const start = () => initialTransition(machine, { county: '修武县' })[0];
type Snap = ReturnType<typeof start>;
const run = (events: ResponseLevelEvent[], s: Snap = start()): Snap => {
  for (const e of events) {
    expect(s.can(e), `${e.type} should be accepted`).toBe(true);
    [s] = transition(machine, s, e);
  }
  return s;
};

const issueOrange: ResponseLevelEvent = { type: 'ISSUE', level: 'orange', startsAt: '2026-12-10T00:00:00+08:00', endsAt: null, basis: '会商纪要 2026-12-08' };

describe('response-level machine', () => {
  it('starts with no level', () => {
    const s = start();
    expect(s.value).toBe('none');
    expect(s.context).toMatchObject({ county: '修武县', level: null, history: [], version: RESPONSE_LEVEL_MACHINE_VERSION });
  });

  it('issues a level whose start lies ahead; levelAt is none until it starts', () => {
    const s = run([issueOrange]);
    expect(s.value).toBe('active');
    expect(s.context).toMatchObject({ level: 'orange', startsAt: issueOrange.type === 'ISSUE' ? issueOrange.startsAt : '', endsAt: null, episodeId: '修武县#1' });
    expect(levelAt(s.context, '2026-12-09T23:59:59+08:00')).toBe('none');
    expect(levelAt(s.context, '2026-12-10T00:00:00+08:00')).toBe('orange');
    expect(levelAt(s.context, '2027-01-10T00:00:00+08:00')).toBe('orange'); // until lifted
  });

  it('refuses LIFT, EXPIRE and ADJUST when no level is active, and ISSUE when one is', () => {
    const s = start();
    expect(s.can({ type: 'LIFT', at: '2026-12-10T00:00:00+08:00' })).toBe(false);
    expect(s.can({ type: 'EXPIRE', at: '2026-12-10T00:00:00+08:00' })).toBe(false);
    expect(s.can({ type: 'ADJUST', level: 'red', startsAt: '2026-12-10T00:00:00+08:00', endsAt: null, basis: 'x' })).toBe(false);
    expect(run([issueOrange]).can(issueOrange)).toBe(false);
  });

  it('refuses malformed directives', () => {
    const s = start();
    expect(s.can({ ...issueOrange, endsAt: '2026-12-09T00:00:00+08:00' } as ResponseLevelEvent)).toBe(false);
    expect(s.can({ ...issueOrange, basis: ' ' } as ResponseLevelEvent)).toBe(false);
    expect(s.can({ ...issueOrange, level: 'purple' } as unknown as ResponseLevelEvent)).toBe(false);
    expect(s.can({ ...issueOrange, startsAt: 'tomorrow' } as ResponseLevelEvent)).toBe(false);
  });

  it('blue expires by itself at its end time, not before', () => {
    const s = run([{ type: 'ISSUE', level: 'blue', startsAt: '2026-12-10T00:00:00+08:00', endsAt: '2026-12-11T00:00:00+08:00', basis: 'forecast' }]);
    expect(s.can({ type: 'EXPIRE', at: '2026-12-10T23:59:59+08:00' })).toBe(false);
    const [after] = transition(machine, s, { type: 'EXPIRE', at: '2026-12-11T00:05:00+08:00' });
    expect(after.value).toBe('none');
    expect(after.context.lastEnd).toEqual({ episodeId: '修武县#1', at: '2026-12-11T00:00:00+08:00' });
    expect(levelAt(after.context, '2026-12-10T12:00:00+08:00')).toBe('blue');
    expect(levelAt(after.context, '2026-12-11T00:00:00+08:00')).toBe('none');
  });

  it('yellow and above do not expire by themselves: they need a lift', () => {
    const s = run([{ type: 'ISSUE', level: 'yellow', startsAt: '2026-12-10T00:00:00+08:00', endsAt: '2026-12-12T00:00:00+08:00', basis: 'forecast' }]);
    expect(s.can({ type: 'EXPIRE', at: '2026-12-13T00:00:00+08:00' })).toBe(false);
    // The effect still ends at the stated end time.
    expect(levelAt(s.context, '2026-12-12T00:00:00+08:00')).toBe('none');
    const lifted = run([{ type: 'LIFT', at: '2026-12-12T00:00:00+08:00', basis: '到期解除' }], s);
    expect(lifted.value).toBe('none');
  });

  it('adjusts up and down; a later start keeps the previous level until then', () => {
    const s = run([
      { type: 'ISSUE', level: 'yellow', startsAt: '2026-12-10T00:00:00+08:00', endsAt: null, basis: 'a' },
      { type: 'ADJUST', level: 'red', startsAt: '2026-12-11T12:00:00+08:00', endsAt: null, basis: 'b' },
      { type: 'ADJUST', level: 'blue', startsAt: '2026-12-13T00:00:00+08:00', endsAt: '2026-12-14T00:00:00+08:00', basis: 'c' },
    ]);
    expect(s.context.level).toBe('blue');
    expect(s.context.history).toHaveLength(3);
    expect(levelAt(s.context, '2026-12-11T11:59:00+08:00')).toBe('yellow');
    expect(levelAt(s.context, '2026-12-12T00:00:00+08:00')).toBe('red');
    expect(levelAt(s.context, '2026-12-13T06:00:00+08:00')).toBe('blue');
    expect(levelAt(s.context, '2026-12-14T06:00:00+08:00')).toBe('none');
  });

  it('a lift published ahead takes effect at its time', () => {
    const s = run([issueOrange, { type: 'LIFT', at: '2026-12-15T00:00:00+08:00', basis: '预计好转' }]);
    expect(s.value).toBe('none');
    expect(levelAt(s.context, '2026-12-14T23:00:00+08:00')).toBe('orange');
    expect(levelAt(s.context, '2026-12-15T00:00:00+08:00')).toBe('none');
  });

  it('merges an issue within the gap into the same episode, and starts a new one beyond', () => {
    const lifted = run([issueOrange, { type: 'LIFT', at: '2026-12-15T00:00:00+08:00' }]);
    const near = run([{ type: 'ISSUE', level: 'yellow', startsAt: '2026-12-15T23:59:00+08:00', endsAt: null, basis: 'x' }], lifted);
    expect(near.context.episodeId).toBe('修武县#1');
    const exactlyGap = run([{ type: 'ISSUE', level: 'yellow', startsAt: '2026-12-16T00:00:00+08:00', endsAt: null, basis: 'x' }], lifted);
    expect(exactlyGap.context.episodeId).toBe('修武县#2');
  });

  it('a JSON-restored snapshot continues: lift after restore', () => {
    const actor = createActor(machine, { input: { county: '温县' } }).start();
    actor.send(issueOrange);
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as object;
    actor.stop();
    const restored = createActor(machine, { snapshot: stored as never, input: { county: '温县' } }).start();
    expect(restored.getSnapshot().context.level).toBe('orange');
    expect(restored.getSnapshot().can({ type: 'LIFT', at: '2026-12-12T00:00:00+08:00' })).toBe(true);
    restored.send({ type: 'LIFT', at: '2026-12-12T00:00:00+08:00' });
    expect(restored.getSnapshot().value).toBe('none');
    expect(restored.getSnapshot().context.history.map((h) => h.kind)).toEqual(['issue', 'lift']);
    restored.stop();
  });
});
