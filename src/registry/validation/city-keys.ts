import type { CityConfig } from '../../config/city-config.js';

/** The configured keys a registry record may use, as sets for fast lookups. */
export interface CityKeys {
  counties: ReadonlySet<string>;
  industries: ReadonlySet<string>;
  processes: ReadonlySet<string>;
  fuels: ReadonlySet<string>;
  grades: ReadonlySet<string>;
  contactRoles: ReadonlySet<string>;
  livelihoodDuties: ReadonlySet<string>;
  /** Mildest first, as configured. */
  levels: readonly string[];
  levelSet: ReadonlySet<string>;
}

// Bulk imports validate 100,000 records against one config: build the sets once.
const cache = new WeakMap<CityConfig, CityKeys>();

export function cityKeys(city: CityConfig): CityKeys {
  let keys = cache.get(city);
  if (!keys) {
    const levels = city.levels.map((l) => l.key);
    keys = {
      counties: new Set(city.counties.map((c) => c.name)),
      industries: new Set(city.industries.map((k) => k.key)),
      processes: new Set(city.processes.map((k) => k.key)),
      fuels: new Set(city.fuels.map((k) => k.key)),
      grades: new Set(city.grades),
      contactRoles: new Set(city.contactRoles.map((k) => k.key)),
      livelihoodDuties: new Set(city.livelihoodDuties.map((k) => k.key)),
      levels,
      levelSet: new Set(levels),
    };
    cache.set(city, keys);
  }
  return keys;
}
