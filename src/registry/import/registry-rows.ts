// Enterprise → flat rows of the CSV / XLSX layout (the inverse of sheet-to-registry.ts).
import { POLLUTANTS, type Enterprise, type Measure } from '../../rules/enterprise.js';
import { LEVEL_KEYS } from '../../rules/levels/level-ladder.js';
import { formatContactsCell } from './contacts-cell.js';
import { EMISSION_RATE_COLUMNS, REGISTRY_COLUMNS, type RegistryColumn } from './registry-columns.js';

export type FlatValue = string | number | boolean | null;

const at = (column: RegistryColumn): number => REGISTRY_COLUMNS.indexOf(column);

function measureText(measure: Measure | undefined): string | null {
  if (!measure) return null;
  return measure.action === 'stop' ? 'stop' : `limit:${measure.maxLoadPercent ?? ''}`;
}

/** One row per production line, the enterprise's columns repeated, in REGISTRY_COLUMNS order. */
export function* enterpriseRows(e: Enterprise): Generator<FlatValue[]> {
  // Exports run to 400,000 rows: fill the enterprise part once and copy it per line.
  const common: FlatValue[] = new Array<FlatValue>(REGISTRY_COLUMNS.length).fill(null);
  common[at('code')] = e.code;
  common[at('name')] = e.name;
  common[at('county')] = e.county;
  common[at('industry')] = e.industry;
  common[at('process')] = e.process;
  common[at('fuel')] = e.fuel;
  common[at('air_emitting')] = e.airEmitting;
  common[at('grade')] = e.grade;
  common[at('graded_on')] = e.gradedOn ?? null;
  common[at('grading_authority')] = e.gradingAuthority ?? null;
  common[at('livelihood_duty')] = e.livelihood?.duty ?? null;
  common[at('livelihood_max_load_percent')] = e.livelihood?.maxLoadPercent ?? null;
  common[at('livelihood_filed_on')] = e.livelihood?.filedOn ?? null;
  common[at('provincial_max_load_percent')] = e.provincialApproval?.maxLoadPercent ?? null;
  common[at('provincial_approved_on')] = e.provincialApproval?.approvedOn ?? null;
  common[at('provincial_reference')] = e.provincialApproval?.reference ?? null;
  common[at('contacts')] = e.contacts.length > 0 ? formatContactsCell(e.contacts) : null;
  common[at('webhook_url')] = e.webhookUrl;
  for (const line of e.lines) {
    const row = common.slice();
    row[at('line_code')] = line.code;
    row[at('line_name')] = line.name;
    row[at('line_capacity')] = line.capacity;
    row[at('line_unit')] = line.unit;
    row[at('line_cells')] = line.cells;
    for (const p of POLLUTANTS) row[at(EMISSION_RATE_COLUMNS[p])] = line.emissions?.kgPerHour[p] ?? null;
    row[at('line_emission_source')] = line.emissions?.source ?? null;
    row[at('line_emission_year')] = line.emissions?.year ?? null;
    for (const level of LEVEL_KEYS) {
      row[at(`measure_${level}`)] = measureText(e.measures[level]?.find((m) => m.line === line.code));
    }
    yield row;
  }
}
