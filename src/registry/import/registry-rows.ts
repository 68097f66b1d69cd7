// Enterprise → flat rows of the CSV / XLSX layout (the inverse of sheet-to-registry.ts).
import type { Enterprise, Measure } from '../../rules/enterprise.js';
import { formatContactsCell } from './contacts-cell.js';
import { MEASURE_LEVELS, REGISTRY_COLUMNS, type RegistryColumn } from './registry-columns.js';

export type FlatValue = string | number | boolean | null;

function measureText(measure: Measure | undefined): string | null {
  if (!measure) return null;
  return measure.action === 'stop' ? 'stop' : `limit:${measure.maxLoadPercent ?? ''}`;
}

/** One row per production line, the enterprise's columns repeated, in REGISTRY_COLUMNS order. */
export function* enterpriseRows(e: Enterprise): Generator<FlatValue[]> {
  const common: Partial<Record<RegistryColumn, FlatValue>> = {
    code: e.code,
    name: e.name,
    county: e.county,
    industry: e.industry,
    process: e.process,
    fuel: e.fuel,
    air_emitting: e.airEmitting,
    grade: e.grade,
    livelihood_duty: e.livelihood?.duty ?? null,
    livelihood_max_load_percent: e.livelihood?.maxLoadPercent ?? null,
    livelihood_filed_on: e.livelihood?.filedOn ?? null,
    provincial_max_load_percent: e.provincialApproval?.maxLoadPercent ?? null,
    provincial_approved_on: e.provincialApproval?.approvedOn ?? null,
    provincial_reference: e.provincialApproval?.reference ?? null,
    contacts: e.contacts.length > 0 ? formatContactsCell(e.contacts) : null,
    webhook_url: e.webhookUrl,
  };
  for (const line of e.lines) {
    const values: Partial<Record<RegistryColumn, FlatValue>> = {
      ...common,
      line_code: line.code,
      line_name: line.name,
      line_capacity: line.capacity,
      line_unit: line.unit,
      line_cells: line.cells,
    };
    for (const level of MEASURE_LEVELS) {
      values[`measure_${level}`] = measureText(e.measures[level]?.find((m) => m.line === line.code));
    }
    yield REGISTRY_COLUMNS.map((c) => values[c] ?? null);
  }
}
