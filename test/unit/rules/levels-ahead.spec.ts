import { describe, expect, it } from 'vitest';
import { levelsAhead } from '../../../src/rules/levels/level-at.js';
import type { LevelHistoryEntry } from '../../../src/rules/levels/response-level.machine.js';

const directive = (level: 'orange' | 'red', startsAt: string, endsAt: string | null = null): LevelHistoryEntry => ({
  kind: 'issue',
  level,
  startsAt,
  endsAt,
  basis: 'b',
  episodeId: 'x#1',
  decidedAt: null,
});
const lift = (at: string): LevelHistoryEntry => ({ kind: 'lift', at, basis: null, episodeId: 'x#1' });

describe('levelsAhead', () => {
  it('orange now, red at 12:00, lift at 13:00: red next, then none', () => {
    const history = [directive('orange', '2026-12-10T03:15:00Z'), directive('red', '2026-12-10T04:00:00Z'), lift('2026-12-10T05:00:00Z')];
    expect(levelsAhead({ history }, '2026-12-10T03:20:00Z')).toEqual([
      { level: 'red', from: '2026-12-10T04:00:00.000Z', to: '2026-12-10T05:00:00.000Z' },
      { level: 'none', from: '2026-12-10T05:00:00.000Z', to: null },
    ]);
  });

  it('a stated end is a change too; nothing after it is nothing ahead', () => {
    const history = [directive('orange', '2026-12-10T03:00:00Z', '2026-12-10T06:00:00Z')];
    expect(levelsAhead({ history }, '2026-12-10T04:00:00Z')).toEqual([{ level: 'none', from: '2026-12-10T06:00:00.000Z', to: null }]);
    expect(levelsAhead({ history }, '2026-12-10T07:00:00Z')).toEqual([]);
  });

  it('a later directive for the same level is no change', () => {
    const history = [directive('orange', '2026-12-10T03:00:00Z'), directive('orange', '2026-12-10T05:00:00Z')];
    expect(levelsAhead({ history }, '2026-12-10T04:00:00Z')).toEqual([]);
  });
});
