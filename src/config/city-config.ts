import { ConfigFileError, readYamlConfig } from './config-files.js';
import type { KeyName } from '../rules/key-name.js';
import type { EmissionInventoryRules } from '../rules/enterprise.js';
import { LEVEL_KEYS, type LevelDefinition, type LevelKey } from '../rules/levels/level-ladder.js';

export interface County {
  name: string;
  code: string;
}

export interface CityConfig {
  city: { key: string; name: string; commandCenter: string; timezone: string };
  counties: County[];
  industries: KeyName[];
  processes: KeyName[];
  fuels: KeyName[];
  grades: string[];
  contactRoles: KeyName[];
  livelihoodDuties: KeyName[];
  /** Mildest first. */
  levels: LevelDefinition[];
  emissionInventory: EmissionInventoryRules;
}

function fail(what: string): never {
  throw new ConfigFileError(`city config: ${what}`);
}

function keyNames(value: unknown, field: string): KeyName[] {
  if (!Array.isArray(value) || value.length === 0) fail(`${field} must be a non-empty list`);
  return value.map((item: unknown, i) => {
    const o = item as Record<string, unknown>;
    if (typeof o?.key !== 'string' || typeof o?.name !== 'string') fail(`${field}[${i}] needs key and name`);
    return { key: o.key, name: o.name };
  });
}

/** Validates a parsed city file; every later module trusts its shape. */
export function parseCityConfig(raw: unknown): CityConfig {
  const o = (raw ?? {}) as Record<string, unknown>;
  const city = o.city as Record<string, unknown> | undefined;
  if (!city || typeof city.key !== 'string' || typeof city.name !== 'string') fail('city.key and city.name are required');
  const counties = o.counties;
  if (!Array.isArray(counties) || counties.length === 0) fail('counties must be a non-empty list');
  const parsedCounties = counties.map((c: unknown, i) => {
    const r = c as Record<string, unknown>;
    if (typeof r?.name !== 'string' || typeof r?.code !== 'string') fail(`counties[${i}] needs name and code`);
    return { name: r.name, code: r.code };
  });
  const levels = o.levels;
  if (!Array.isArray(levels) || levels.length === 0) fail('levels must be a non-empty list');
  const parsedLevels = levels.map((l: unknown, i) => {
    const r = l as Record<string, unknown>;
    if (!LEVEL_KEYS.includes(r?.key as LevelKey)) fail(`levels[${i}].key must be one of ${LEVEL_KEYS.join(', ')}`);
    if (r.kind !== 'control' && r.kind !== 'warning') fail(`levels[${i}].kind must be control or warning`);
    return { key: r.key as LevelKey, name: String(r.name), kind: r.kind as LevelDefinition['kind'], ...(r.grade ? { grade: String(r.grade) } : {}) };
  });
  const grades = o.grades;
  if (!Array.isArray(grades)) fail('grades must be a list');
  const inventory = o.emissionInventory as Record<string, unknown> | undefined;
  const earliestYear = inventory?.earliestYear;
  if (typeof earliestYear !== 'number' || !Number.isSafeInteger(earliestYear)) fail('emissionInventory.earliestYear must be a whole year, e.g. 2015');
  return {
    city: {
      key: city.key,
      name: city.name,
      commandCenter: String(city.commandCenter ?? city.name),
      timezone: String(city.timezone ?? 'Asia/Shanghai'),
    },
    counties: parsedCounties,
    industries: keyNames(o.industries, 'industries'),
    processes: keyNames(o.processes, 'processes'),
    fuels: keyNames(o.fuels, 'fuels'),
    grades: grades.map(String),
    contactRoles: keyNames(o.contactRoles, 'contactRoles'),
    livelihoodDuties: keyNames(o.livelihoodDuties, 'livelihoodDuties'),
    levels: parsedLevels,
    emissionInventory: { earliestYear },
  };
}

export function loadCityConfig(file = process.env.HAZEOPS_CITY_FILE ?? 'city.yaml'): CityConfig {
  return parseCityConfig(readYamlConfig(file));
}
