// The cases a demo registry must contain whatever the seed: one enterprise per case of
// RULES.md §1 and its exemptions, then one of every other configured industry.
import type { CityConfig } from '../../config/city-config.js';

export interface EnterpriseSpec {
  industry: string;
  /** undefined: drawn from the industry profile. */
  process?: string | null;
  fuel?: string | null;
  airEmitting?: boolean;
  /** Holds a provincial load cap (only when air-emitting). */
  provincial?: boolean;
  /** Livelihood duty key; null: none; undefined: drawn. */
  duty?: string | null;
  lateFiling?: boolean;
  /** No contact with an email address. */
  unreachable?: boolean;
  /** Fixed lines counted by cells (electrolytic aluminium). */
  lineCells?: readonly number[];
}

const CASES: readonly EnterpriseSpec[] = [
  { industry: 'cement_clinker', duty: 'municipal_waste', lateFiling: false, unreachable: false },
  { industry: 'cement_clinker', duty: 'hazardous_waste', lateFiling: true, unreachable: false },
  { industry: 'cement_clinker', duty: null, unreachable: false },
  { industry: 'glass', fuel: 'coal', unreachable: false },
  { industry: 'glass', fuel: 'natural_gas', unreachable: false },
  { industry: 'brick_tile', process: 'sintered', unreachable: false },
  { industry: 'brick_tile', process: 'non_sintered', unreachable: false },
  { industry: 'steel', process: 'sintered', unreachable: false },
  { industry: 'steel', process: 'non_sintered', unreachable: false },
  { industry: 'electrolytic_aluminium', lineCells: [240, 240], unreachable: false },
  { industry: 'pharma', airEmitting: true, provincial: true, unreachable: false },
  { industry: 'pharma', airEmitting: true, provincial: false, unreachable: false },
  { industry: 'pharma', airEmitting: false, unreachable: false },
  { industry: 'pesticide', airEmitting: true, provincial: true, unreachable: false },
  { industry: 'pesticide', airEmitting: true, provincial: false, unreachable: false },
  { industry: 'power', duty: 'heating', lateFiling: false, unreachable: false },
  { industry: 'power', duty: 'heating', lateFiling: true, unreachable: false },
  { industry: 'foundry', duty: null, unreachable: true },
];

export function showcaseSpecs(city: CityConfig): EnterpriseSpec[] {
  const industries = new Set(city.industries.map((i) => i.key));
  const duties = new Set(city.livelihoodDuties.map((d) => d.key));
  const processes = new Set(city.processes.map((p) => p.key));
  const fuels = new Set(city.fuels.map((f) => f.key));
  // Only cases this city can express: another city may configure other keys.
  const specs = CASES.filter((s) => industries.has(s.industry) && (s.duty == null || duties.has(s.duty)) && (s.process == null || processes.has(s.process)) && (s.fuel == null || fuels.has(s.fuel)));
  const covered = new Set(specs.map((s) => s.industry));
  for (const industry of industries) if (!covered.has(industry)) specs.push({ industry });
  return specs;
}
