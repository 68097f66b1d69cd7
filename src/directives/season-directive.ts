import type { SeasonConfig } from '../rules/season/season-config.js';
import type { Enterprise } from '../rules/enterprise.js';
import { matchGroup } from '../rules/season/season-calendar.js';
import type { RecordedPhaseChange } from '../seasons/season-clock.repository.js';

export interface SeasonDirectiveOf {
  /** season/group/phase (or …/end when the group's last phase ends): one directive per key. */
  seasonKey: string;
  effectiveAt: Date;
  basis: string;
  enterpriseFilter: (e: Enterprise) => boolean;
}

/** What a recorded phase change directs; null when its group is no longer configured. */
export function seasonDirectiveOf(season: SeasonConfig, change: RecordedPhaseChange): SeasonDirectiveOf | null {
  const group = season.groups.find((g) => g.key === change.group);
  if (!group) return null;
  const ends = change.to === 'after';
  const name = ends ? '错峰生产结束' : (group.phases.find((p) => p.key === change.to)?.name ?? change.to);
  return {
    seasonKey: `${season.season}/${group.key}/${ends ? 'end' : change.to}`,
    effectiveAt: change.effectiveAt,
    basis: `${season.season}采暖季错峰生产：${group.name} ${name}（第43条）`,
    enterpriseFilter: (e) => matchGroup(season, e)?.key === group.key,
  };
}
