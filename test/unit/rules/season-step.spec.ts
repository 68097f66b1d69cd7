import { describe, expect, it } from 'vitest';
import { createSeasonMachine, SEASON_MACHINE_VERSION } from '../../../src/rules/season/season.machine.js';
import { stepSeason, type StoredSeasonMachine } from '../../../src/rules/season/season-step.js';
import { season } from './rules-fixtures.js';

const kiln = season.groups.find((g) => g.key === 'kiln')!;
const WEEK = 7 * 86_400_000;
const stored = (s: ReturnType<typeof stepSeason>): StoredSeasonMachine => ({ machineVersion: SEASON_MACHINE_VERSION, snapshot: JSON.parse(JSON.stringify(s.persisted)) });

describe('stepSeason: one clock reading of a stored season machine, and what it does within the lead', () => {
  it('more than the lead before Nov 1: nothing entered, nothing ahead, but a first reading must be stored', () => {
    const s = stepSeason(createSeasonMachine(kiln), null, '2026-10-20T01:00:00.000Z', WEEK);
    expect(s).toMatchObject({ moved: true, entered: [], ahead: [] });
    expect(s.snapshot.value).toBe('before');
  });

  it('within the lead the machine announces the full stop at its boundary, without entering it', () => {
    const m = createSeasonMachine(kiln);
    const first = stepSeason(m, null, '2026-10-20T01:00:00.000Z', WEEK);
    const s = stepSeason(m, stored(first), '2026-10-25T16:10:00.000Z', WEEK);
    expect(s.moved).toBe(false); // nothing to store: the machine is still before
    expect(s.entered).toEqual([]);
    expect(s.ahead).toEqual([{ from: 'before', to: 'full_stop', effectiveAt: '2026-11-01T00:00:00+08:00' }]);
    expect(s.snapshot.value).toBe('before');
  });

  it('at the boundary the change is entered with its effective instant and the next one is not yet ahead', () => {
    const m = createSeasonMachine(kiln);
    const s = stepSeason(m, stored(stepSeason(m, null, '2026-10-20T01:00:00.000Z', WEEK)), '2026-10-31T16:00:05.000Z', WEEK);
    expect(s.moved).toBe(true);
    expect(s.entered).toEqual([{ from: 'before', to: 'full_stop', effectiveAt: '2026-11-01T00:00:00+08:00', observedAt: '2026-10-31T16:00:05.000Z' }]);
    expect(s.ahead).toEqual([]);
    expect(s.persisted).toMatchObject({ status: 'active', value: 'full_stop' });
  });

  it('after downtime a stored snapshot catches up, and looks ahead from where it now stands', () => {
    const m = createSeasonMachine(kiln);
    const before = stepSeason(m, null, '2026-10-20T01:00:00.000Z', WEEK);
    const s = stepSeason(m, stored(before), '2027-01-28T01:00:00.000Z', WEEK);
    expect(s.entered.map((c) => [c.to, c.effectiveAt, c.observedAt])).toEqual([['full_stop', '2026-11-01T00:00:00+08:00', '2027-01-28T01:00:00.000Z']]);
    expect(s.ahead).toEqual([{ from: 'full_stop', to: 'limit', effectiveAt: '2027-02-01T00:00:00+08:00' }]);
  });

  it('a snapshot of another machine version is replayed from the start', () => {
    const m = createSeasonMachine(kiln);
    const old = { ...stored(stepSeason(m, null, '2027-01-01T00:00:00.000Z', WEEK)), machineVersion: SEASON_MACHINE_VERSION - 1 };
    const s = stepSeason(m, old, '2027-01-01T00:00:00.000Z', WEEK);
    expect(s.moved).toBe(true);
    expect(s.entered.map((c) => c.to)).toEqual(['full_stop']);
  });

  it('a clock reading earlier than the stored one changes nothing and announces nothing new', () => {
    const m = createSeasonMachine(kiln);
    const at = stored(stepSeason(m, null, '2026-12-01T00:00:00.000Z', WEEK));
    const s = stepSeason(m, at, '2026-11-01T00:00:00.000Z', WEEK);
    expect(s).toMatchObject({ moved: false, entered: [], ahead: [] });
    expect(s.snapshot.value).toBe('full_stop');
  });
});
