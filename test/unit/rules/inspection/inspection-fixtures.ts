import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseInspectionConfig } from '../../../../src/config/inspection-config.js';
import { type InspectionConfig } from '../../../../src/rules/inspection/inspection-config.js';
import type { DrawCandidate } from '../../../../src/rules/inspection/double-random-draw.js';
import type { OrderLine } from '../../../../src/rules/orders/order.types.js';

/** The raw shipped config/inspection.yaml (tests mutate copies of it). */
export function rawInspectionYaml(): Record<string, unknown> {
  return parse(readFileSync(join(process.cwd(), 'config', 'inspection.yaml'), 'utf8')) as Record<string, unknown>;
}

export function inspectionConfig(): InspectionConfig {
  return parseInspectionConfig(rawInspectionYaml());
}

export function orderLine(over: Partial<OrderLine> = {}): OrderLine {
  return {
    code: 'L1',
    action: 'stop',
    maxLoadPercent: null,
    stoppedCells: null,
    noKilnBanking: false,
    reasons: [{ rule: 'season_full_stop', clause: '40', text: '错峰生产全面停产阶段' }],
    ...over,
  };
}

/** `perCounty` candidates per county, codes E<county>-<n> zero-padded so code order is stable. */
export function candidates(perCounty: Record<string, number>): DrawCandidate[] {
  const out: DrawCandidate[] = [];
  for (const [county, n] of Object.entries(perCounty)) {
    for (let i = 0; i < n; i++) out.push({ code: `E${county}-${String(i).padStart(6, '0')}`, county });
  }
  return out;
}
