import type { Enterprise } from '../rules/enterprise.js';
import type { EnterpriseEntity } from './enterprise.entity.js';

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
    contacts: [...(e.contacts ?? [])].sort((a, b) => a.position - b.position).map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone })),
    lines: [...(e.lines ?? [])].sort((a, b) => a.position - b.position).map((l) => ({ code: l.code, name: l.name, capacity: Number(l.capacity), unit: l.unit, cells: l.cells })),
    measures: e.measures ?? {},
    webhookUrl: e.webhookUrl,
  };
}

export function entityToView(e: EnterpriseEntity): EnterpriseView {
  return { ...entityToEnterprise(e), active: e.active, version: e.version, updatedAt: e.updatedAt.toISOString() };
}
