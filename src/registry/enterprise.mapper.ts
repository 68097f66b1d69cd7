import type { ContactChannel } from '../rules/contacts/mobile-number.js';
import type { Enterprise, LineEmissions } from '../rules/enterprise.js';
import type { EnterpriseEntity } from './enterprise.entity.js';
import type { ProductionLineEntity } from './production-line.entity.js';

type EmissionFields = Pick<ProductionLineEntity, 'so2KgPerHour' | 'noxKgPerHour' | 'pmKgPerHour' | 'vocsKgPerHour' | 'emissionSource' | 'emissionYear'>;

/** A line's stored emission columns as the registry form; null when the line has no figures (the columns are all null or all set). */
export function lineEmissionsOf(l: EmissionFields): LineEmissions | null {
  if (l.so2KgPerHour === null || l.noxKgPerHour === null || l.pmKgPerHour === null || l.vocsKgPerHour === null || l.emissionSource === null || l.emissionYear === null) return null;
  return {
    kgPerHour: { so2: Number(l.so2KgPerHour), nox: Number(l.noxKgPerHour), pm: Number(l.pmKgPerHour), vocs: Number(l.vocsKgPerHour) },
    source: l.emissionSource,
    year: Number(l.emissionYear),
  };
}

/** What the API answers for an enterprise: the registry JSON form plus bookkeeping. */
export interface EnterpriseView extends Enterprise {
  active: boolean;
  version: number;
  updatedAt: string;
}

export function entityToEnterprise(e: EnterpriseEntity): Enterprise {
  return {
    code: e.code,
    name: e.name,
    county: e.county,
    industry: e.industry,
    process: e.process,
    fuel: e.fuel,
    airEmitting: e.airEmitting,
    grade: e.grade,
    gradedOn: e.gradedOn ?? null,
    gradingAuthority: e.gradingAuthority ?? null,
    livelihood: e.livelihood,
    provincialApproval: e.provincialApproval,
    contacts: [...(e.contacts ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone, mobile: c.mobile ?? null, channels: (c.channels ?? []) as ContactChannel[] })),
    lines: [...(e.lines ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({ code: l.code, name: l.name, capacity: Number(l.capacity), unit: l.unit, cells: l.cells, emissions: lineEmissionsOf(l) })),
    measures: e.measures ?? {},
    webhookUrl: e.webhookUrl,
  };
}

export function entityToView(e: EnterpriseEntity): EnterpriseView {
  return { ...entityToEnterprise(e), active: e.active, version: e.version, updatedAt: e.updatedAt.toISOString() };
}
