import { describe, expect, it } from 'vitest';
import { seasonDirectiveOf } from '../../../src/directives/season-directive.js';
import type { RecordedPhaseChange } from '../../../src/seasons/season-clock.repository.js';
import { enterprise, season } from '../rules/rules-fixtures.js';

const change = (over: Partial<RecordedPhaseChange>): RecordedPhaseChange => ({
  id: '1',
  season: '2026-2027',
  group: 'kiln',
  from: 'before',
  to: 'full_stop',
  effectiveAt: new Date('2026-10-31T16:00:00Z'),
  observedAt: null,
  ...over,
});

describe('seasonDirectiveOf: what a recorded phase change directs', () => {
  it("a phase start: keyed season/group/phase, from the recorded instant, for the group's enterprises only", () => {
    const d = seasonDirectiveOf(season, change({}))!;
    expect(d.seasonKey).toBe('2026-2027/kiln/full_stop');
    expect(d.effectiveAt.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(d.basis).toBe('2026-2027采暖季错峰生产：水泥熟料、铸造、碳素、耐材、刚玉、以煤为燃料的玻璃 全面停产（第43条）');
    expect(d.enterpriseFilter(enterprise({ industry: 'cement_clinker' }))).toBe(true);
    expect(d.enterpriseFilter(enterprise({ industry: 'brick_tile', process: 'sintered', fuel: null }))).toBe(false);
  });

  it("the last phase ending is the group's end; a group no longer configured directs nothing", () => {
    const end = seasonDirectiveOf(season, change({ from: 'limit', to: 'after', effectiveAt: new Date('2027-03-15T16:00:00Z') }))!;
    expect(end.seasonKey).toBe('2026-2027/kiln/end');
    expect(end.basis).toContain('错峰生产结束');
    expect(seasonDirectiveOf(season, change({ group: 'no_such_group' }))).toBeNull();
  });
});
