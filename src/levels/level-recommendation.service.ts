import { Injectable } from '@nestjs/common';
import { LevelErrorCode } from './levels.errors.js';
import { DomainError } from '../common/domain-error.js';
import { withRules } from '../common/rules-error.js';
import { ConfigService } from '../config/config.service.js';
import type { LevelOrNone } from '../rules/levels/level-ladder.js';
import { recommendLevel, type AqiSeries, type LevelRecommendation } from '../rules/levels/level-recommendation.js';
import type { RecommendLevelDto } from './dto/recommend-level.dto.js';

@Injectable()
export class LevelRecommendationService {
  constructor(private readonly config: ConfigService) {}

  recommend(dto: RecommendLevelDto): { recommendations: LevelRecommendation[]; windowHours: number; thresholds: AqiThreshold[] } {
    const counties = new Set(this.config.city.counties.map((c) => c.name));
    const levels = ['none', ...this.config.city.levels.map((l) => l.key)];
    const problems: Array<{ field: string; message: string }> = [];
    dto.series.forEach((s, i) => {
      const county = (s as { county?: unknown } | null)?.county;
      if (typeof county === 'string' && !counties.has(county)) problems.push({ field: `series[${i}].county`, message: `unknown county "${county}"; use one of ${[...counties].join(', ')}` });
    });
    for (const [county, level] of Object.entries(dto.active ?? {})) {
      if (!counties.has(county)) problems.push({ field: `active.${county}`, message: 'unknown county' });
      if (!levels.includes(level)) problems.push({ field: `active.${county}`, message: `level must be one of ${levels.join(', ')}` });
    }
    if (problems.length > 0) throw new DomainError(LevelErrorCode.FORECAST_UNKNOWN_KEYS, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    const recommendations = withRules(() =>
      recommendLevel(dto.series as AqiSeries[], this.config.rules, {
        active: dto.active as Record<string, LevelOrNone> | undefined,
        levels: this.config.city.levels.map((l) => l.key),
      }),
    );
    return { recommendations, windowHours: this.config.rules.recommendation.windowHours, thresholds: this.thresholds() };
  }

  /** Each AQI value the recommendation rules compare the rolling mean with, and the levels that use it: the lines a chart draws. */
  private thresholds(): AqiThreshold[] {
    const by = new Map<number, Set<string>>();
    for (const [level, alternatives] of Object.entries(this.config.rules.recommendation.levels)) {
      for (const alt of alternatives ?? []) for (const c of alt) (by.get(c.threshold) ?? by.set(c.threshold, new Set()).get(c.threshold)!).add(level);
    }
    return [...by].sort((a, b) => a[0] - b[0]).map(([aqi, levels]) => ({ aqi, levels: [...levels] }));
  }
}

export interface AqiThreshold {
  aqi: number;
  levels: string[];
}
