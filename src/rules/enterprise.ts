import type { ContactChannel } from './contacts/mobile-number.js';
// The registry enterprise as the rules see it: plain data, no ORM, no Nest.
// This is the JSON form of DESIGN.md; CSV/XLSX imports map onto it.
import type { LevelKey } from './levels/level-ladder.js';

export interface Livelihood {
  /** Key from the city's `livelihoodDuties` (heating, municipal_waste, hazardous_waste). */
  duty: string;
  /** Approved maximum load (最大允许生产负荷), 0–100. */
  maxLoadPercent: number;
  /** Local date (YYYY-MM-DD) the approval was filed with the city government. */
  filedOn: string;
}

export interface ProvincialApproval {
  /** Approved load cap instead of a full stop (air-emitting pharma / pesticide), 0–100. */
  maxLoadPercent: number;
  /** Local date (YYYY-MM-DD) of the approval. */
  approvedOn: string;
  reference: string | null;
}

export type { ContactChannel } from './contacts/mobile-number.js';

export interface Contact {
  name: string;
  /** Key from the city's `contactRoles`. */
  role: string;
  email: string | null;
  phone: string | null;
  /** Mainland mobile number, 11 digits (validated by `rules/contacts/mobile-number`); absent in older forms means null. */
  mobile?: string | null;
  /** The channels the contact accepts; the registry always fills it (default: those it has an address for). */
  channels?: ContactChannel[];
}

export interface ProductionLine {
  /** Unique within the enterprise. */
  code: string;
  name: string;
  /** Capacity > 0, in `unit`. */
  capacity: number;
  unit: string;
  /** Number of electrolytic cells where the line is counted by cells (electrolytic aluminium). */
  cells: number | null;
  /** The line's emission inventory at normal load; absent or null where none is recorded. */
  emissions?: LineEmissions | null;
}

/** The pollutants a level's measures are counted against (SO2, NOx, particulate matter, VOCs). */
export const POLLUTANTS = ['so2', 'nox', 'pm', 'vocs'] as const;
export type Pollutant = (typeof POLLUTANTS)[number];

/** Where an emission figure comes from: 排污许可证 (permit), 排放清单 (inventory), 监测 (monitoring). */
export const EMISSION_SOURCES = ['permit', 'inventory', 'monitoring'] as const;
export type EmissionSource = (typeof EMISSION_SOURCES)[number];

export interface LineEmissions {
  /** Emission rate of each pollutant at normal load, kg/h (0 where the line emits none of it). */
  kgPerHour: Record<Pollutant, number>;
  source: EmissionSource;
  /** The year the figures describe. */
  year: number;
}

/** What a registry accepts as an emission inventory (config/city.yaml `emissionInventory`). */
export interface EmissionInventoryRules {
  /** The earliest year an emission figure may describe; the latest is the current year. */
  earliestYear: number;
}

export interface Measure {
  line: string;
  action: 'stop' | 'limit';
  /** For `limit`: the load the line may run at, 0–100. */
  maxLoadPercent: number | null;
}

export type Measures = Partial<Record<LevelKey, Measure[]>>;

export interface Enterprise {
  /** 18-character unified social credit code (GB 32100-2015). */
  code: string;
  name: string;
  county: string;
  industry: string;
  process: string | null;
  fuel: string | null;
  airEmitting: boolean;
  /** Performance grade (绩效分级) or class (引领性, 保障类), a key of the city's `grades`; null when ungraded. */
  grade: string | null;
  /** Local date (YYYY-MM-DD) of the grading; null when not recorded. */
  gradedOn: string | null;
  /** Who graded the enterprise (评级单位), e.g. the provincial environment department; null when not recorded. */
  gradingAuthority: string | null;
  livelihood: Livelihood | null;
  provincialApproval: ProvincialApproval | null;
  contacts: Contact[];
  lines: ProductionLine[];
  measures: Measures;
  /** Optional per-enterprise webhook for order dispatch. */
  webhookUrl: string | null;
}
