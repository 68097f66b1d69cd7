// The emission inventory of one production line (kg/h per pollutant at normal load, with its
// source and year), as the registry's JSON form writes it. Rule: either no figures at all
// (null / absent: "not reported"), or all four pollutants with source and year.
import { EMISSION_SOURCES, POLLUTANTS, type EmissionSource, type LineEmissions, type Pollutant } from '../../rules/enterprise.js';
import { IssueList } from './field-issue.js';
import { isObject } from './field-readers.js';

/** The years an emission figure may describe, both inclusive. */
export interface EmissionYears {
  earliest: number;
  latest: number;
}

const SOURCES: ReadonlySet<string> = new Set(EMISSION_SOURCES);

function readRate(value: unknown, field: string, issues: IssueList): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  const what =
    value === undefined
      ? `is required when a line has emission figures: give all of ${POLLUTANTS.join(', ')} in kg/h (0 where the line emits none)`
      : 'must be a number of at least 0, in kg/h at normal load';
  issues.add(field, what, value);
  return undefined;
}

/** null for "no figures", undefined when the value is wrong (the issues say why). */
export function readLineEmissions(value: unknown, path: string, years: EmissionYears, issues: IssueList): LineEmissions | null | undefined {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    issues.add(path, `must be null or an object with kgPerHour (${POLLUTANTS.join(', ')} in kg/h), source and year`, value);
    return undefined;
  }
  let kgPerHour: Record<Pollutant, number> | undefined;
  if (!isObject(value.kgPerHour)) {
    issues.add(`${path}.kgPerHour`, `must be an object with the emission rate of each of ${POLLUTANTS.join(', ')} in kg/h`, value.kgPerHour);
  } else {
    const rates = value.kgPerHour;
    const read = POLLUTANTS.map((p) => readRate(rates[p], `${path}.kgPerHour.${p}`, issues));
    if (read.every((r) => r !== undefined)) kgPerHour = Object.fromEntries(POLLUTANTS.map((p, i) => [p, read[i]!])) as Record<Pollutant, number>;
  }
  const sourceText = typeof value.source === 'string' ? value.source.trim() : value.source;
  let source: EmissionSource | undefined;
  if (typeof sourceText === 'string' && SOURCES.has(sourceText)) source = sourceText as EmissionSource;
  else issues.add(`${path}.source`, `must be one of ${EMISSION_SOURCES.join(', ')}`, value.source);
  let year: number | undefined;
  if (typeof value.year === 'number' && Number.isSafeInteger(value.year) && value.year >= years.earliest && value.year <= years.latest) year = value.year;
  else issues.add(`${path}.year`, `must be the year the figures describe, a whole number from ${years.earliest} to ${years.latest}`, value.year);
  if (kgPerHour === undefined || source === undefined || year === undefined) return undefined;
  return { kgPerHour, source, year };
}
