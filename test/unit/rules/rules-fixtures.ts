import { loadCityConfig } from '../../../src/config/city-config.js';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { loadSeasonConfig } from '../../../src/config/season-config.js';
import type { Enterprise, ProductionLine } from '../../../src/rules/enterprise.js';
import type { OrderConfig } from '../../../src/rules/orders/order.types.js';

export const city = loadCityConfig();
export const season = loadSeasonConfig('2026-2027');
export const rules = loadRulesConfig();
export const cfg: OrderConfig = { season, rules, levels: city.levels, livelihoodDuties: city.livelihoodDuties };

export function line(code: string, capacity: number, cells: number | null = null): ProductionLine {
  return { code, name: code, capacity, unit: 't/d', cells };
}

export function enterprise(over: Partial<Enterprise> = {}): Enterprise {
  return {
    code: '914108001234567890',
    name: '示例企业',
    county: '修武县',
    industry: 'other',
    process: null,
    fuel: null,
    airEmitting: true,
    grade: null,
    gradedOn: null,
    gradingAuthority: null,
    livelihood: null,
    provincialApproval: null,
    contacts: [],
    lines: [line('L1', 100), line('L2', 100)],
    measures: {},
    webhookUrl: null,
    ...over,
  };
}
