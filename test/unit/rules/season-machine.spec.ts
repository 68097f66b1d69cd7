import { createActor, initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createSeasonMachine, SEASON_MACHINE_VERSION } from '../../../src/rules/season/season.machine.js';
import { phaseAt, seasonCalendar } from '../../../src/rules/season/season-calendar.js';
import { season } from './rules-fixtures.js';

const kiln = season.groups.find((g) => g.key === 'kiln')!;
const brick = season.groups.find((g) => g.key === 'sintered_brick')!;

describe('season calendar machine', () => {
  it('starts before the season and records nothing', () => {
    const [s] = initialTransition(createSeasonMachine(kiln));
    expect(s.value).toBe('before');
    expect(s.context).toMatchObject({ group: 'kiln', phase: 'before', changes: [], version: SEASON_MACHINE_VERSION });
  });

  it('enters full_stop exactly at local midnight Nov 1 (2026-10-31T16:00Z)', () => {
    const m = createSeasonMachine(kiln);
    let [s] = initialTransition(m);
    [s] = transition(m, s, { type: 'CLOCK', at: '2026-10-31T15:59:59.999Z' });
    expect(s.value).toBe('before');
    [s] = transition(m, s, { type: 'CLOCK', at: '2026-10-31T16:00:00Z' });
    expect(s.value).toBe('full_stop');
    expect(s.context.changes).toEqual([{ from: 'before', to: 'full_stop', effectiveAt: '2026-11-01T00:00:00+08:00', observedAt: '2026-10-31T16:00:00Z' }]);
  });

  it('a far CLOCK jump passes through every phase and records each', () => {
    const m = createSeasonMachine(kiln);
    let [s] = initialTransition(m);
    [s] = transition(m, s, { type: 'CLOCK', at: '2027-06-01T00:00:00+08:00' });
    expect(s.value).toBe('after');
    expect(s.context.changes.map((c) => [c.from, c.to, c.effectiveAt])).toEqual([
      ['before', 'full_stop', '2026-11-01T00:00:00+08:00'],
      ['full_stop', 'limit', '2027-02-01T00:00:00+08:00'],
      ['limit', 'after', '2027-03-16T00:00:00+08:00'],
    ]);
    expect(s.context.changes.every((c) => c.observedAt === '2027-06-01T00:00:00+08:00')).toBe(true);
  });

  it('refuses a clock that runs backwards', () => {
    const m = createSeasonMachine(kiln);
    let [s] = initialTransition(m);
    [s] = transition(m, s, { type: 'CLOCK', at: '2026-12-01T00:00:00+08:00' });
    expect(s.can({ type: 'CLOCK', at: '2026-11-30T00:00:00+08:00' })).toBe(false);
    expect(s.can({ type: 'CLOCK', at: 'not a time' })).toBe(false);
    expect(s.can({ type: 'CLOCK', at: '2026-12-02T00:00:00' })).toBe(false); // no zone
    expect(s.can({ type: 'CLOCK', at: '2026-12-02T00:00:00+08:00' })).toBe(true);
  });

  it('a JSON-restored snapshot catches up after a missed midnight', () => {
    const m = createSeasonMachine(kiln);
    const actor = createActor(m).start();
    actor.send({ type: 'CLOCK', at: '2027-01-31T23:00:00+08:00' });
    expect(actor.getSnapshot().value).toBe('full_stop');
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as object;
    actor.stop();
    // Downtime across Feb 1 00:00: the next clock reading is mid-morning.
    const restored = createActor(createSeasonMachine(kiln), { snapshot: stored as never }).start();
    expect(restored.getSnapshot().value).toBe('full_stop');
    restored.send({ type: 'CLOCK', at: '2027-02-01T09:30:00+08:00' });
    const s = restored.getSnapshot();
    expect(s.value).toBe('limit');
    expect(s.context.changes.at(-1)).toEqual({ from: 'full_stop', to: 'limit', effectiveAt: '2027-02-01T00:00:00+08:00', observedAt: '2027-02-01T09:30:00+08:00' });
    restored.stop();
  });

  it('a one-phase group goes before → full_stop → after', () => {
    const m = createSeasonMachine(brick);
    let [s] = initialTransition(m);
    [s] = transition(m, s, { type: 'CLOCK', at: '2026-11-14T23:59:59+08:00' });
    expect(s.value).toBe('before');
    [s] = transition(m, s, { type: 'CLOCK', at: '2026-11-15T00:00:00+08:00' });
    expect(s.value).toBe('full_stop');
    [s] = transition(m, s, { type: 'CLOCK', at: '2027-03-15T23:59:59+08:00' });
    expect(s.value).toBe('full_stop');
    [s] = transition(m, s, { type: 'CLOCK', at: '2027-03-16T00:00:00+08:00' });
    expect(s.value).toBe('after');
  });

  it('agrees with phaseAt at every boundary instant', () => {
    const m = createSeasonMachine(kiln);
    for (const at of ['2026-10-31T15:59:59Z', '2026-10-31T16:00:00Z', '2027-01-31T15:59:59Z', '2027-01-31T16:00:00Z', '2027-03-15T15:59:59Z', '2027-03-15T16:00:00Z']) {
      const [s] = transition(m, initialTransition(m)[0], { type: 'CLOCK', at });
      expect(s.value).toBe(phaseAt(kiln, at));
    }
  });
});

describe('seasonCalendar', () => {
  it('lists each group with inclusive dates and exclusive local-midnight ends', () => {
    const cal = seasonCalendar(season);
    expect(cal.season).toBe('2026-2027');
    expect(cal.livelihoodFilingDeadline).toBe('2026-09-30');
    const k = cal.groups.find((g) => g.key === 'kiln')!;
    expect(k.phases.map((p) => [p.key, p.from, p.to, p.startsAt, p.endsAt])).toEqual([
      ['full_stop', '2026-11-01', '2027-01-31', '2026-11-01T00:00:00+08:00', '2027-02-01T00:00:00+08:00'],
      ['limit', '2027-02-01', '2027-03-15', '2027-02-01T00:00:00+08:00', '2027-03-16T00:00:00+08:00'],
    ]);
    expect(JSON.parse(JSON.stringify(cal))).toEqual(cal);
  });
});
