import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCityConfig, type CityConfig } from './city-config.js';
import { configDir } from './config-files.js';
import { loadDispatchConfig, type DispatchConfig } from './dispatch-config.js';
import { checkGradingAgainstCity, loadGradingConfig } from './grading-config.js';
import type { GradingTable } from '../rules/grading/grading-table.js';
import { loadInspectionConfig } from './inspection-config.js';
import { type InspectionConfig } from '../rules/inspection/inspection-config.js';
import { checkRulesAgainstCity, loadRulesConfig } from './rules-config.js';
import { type RulesConfig } from '../rules/rules-config.js';
import { loadSeasonConfig } from './season-config.js';
import { type SeasonConfig } from '../rules/season/season-config.js';

/** The city's domain configuration: everything in config/, validated together at boot. */
export interface DomainConfig {
  city: CityConfig;
  rules: RulesConfig;
  /** Every config/seasons/<YYYY-YYYY>.yaml, oldest first. */
  seasons: SeasonConfig[];
  dispatch: DispatchConfig;
  inspection: InspectionConfig;
  /** config/grading.yaml: what a performance grade changes in the level measures. */
  grading: GradingTable;
}

export function loadDomainConfig(): DomainConfig {
  const files = readdirSync(join(configDir(), 'seasons'))
    .filter((f) => /^\d{4}-\d{4}\.yaml$/.test(f))
    .sort();
  const city = loadCityConfig();
  const grading = loadGradingConfig();
  checkGradingAgainstCity(grading, city.grades, city.levels);
  const rules = loadRulesConfig();
  checkRulesAgainstCity(rules, city.industries);
  return {
    city,
    rules,
    seasons: files.map((f) => loadSeasonConfig(f.replace(/\.yaml$/, ''))),
    dispatch: loadDispatchConfig(),
    inspection: loadInspectionConfig(),
    grading,
  };
}
