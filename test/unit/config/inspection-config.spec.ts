import { describe, expect, it } from 'vitest';
import { loadInspectionConfig, parseInspectionConfig } from '../../../src/config/inspection-config.js';
import { rawInspectionYaml } from '../rules/inspection/inspection-fixtures.js';

function withChange(path: string[], value: unknown): Record<string, unknown> {
  const raw = rawInspectionYaml();
  let o = raw;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  if (value === undefined) delete o[path.at(-1)!];
  else o[path.at(-1)!] = value;
  return raw;
}

describe('inspection config', () => {
  it('loads the shipped inspection.yaml with the defaults of RULES.md §4 and item 51', () => {
    const c = loadInspectionConfig();
    expect(c.draw).toEqual({
      allowHomeCounty: false,
      stratify: true,
      weights: { base: 1, overdueAck: 2, powerAnomaly: 3, pastViolationFactor: 1.5, pastViolationsCap: 3 },
    });
    expect(c.powerAnomaly).toEqual({ thresholdShare: 0.2, baseline: { method: 'median', windowDays: 14, minReadings: 3 } });
    expect(c.evidence).toEqual({
      maxBytes: 10 * 1024 * 1024,
      allowedMimeTypes: ['image/jpeg', 'image/png', 'image/webp'],
      maxPhotosPerFinding: 10,
      maxPixels: 50_000_000,
      exifTimeToleranceMinutes: 120,
    });
    expect(c.penalties.producing_when_should_stop).toEqual({ key: 'producing_when_should_stop', name: '应停产但未落实停产措施的工业企业', amountYuan: 100_000, clause: '51' });
    const amounts = Object.fromEntries(Object.values(c.penalties).map((p) => [p.key, p.amountYuan]));
    expect(amounts).toEqual({
      producing_when_should_stop: 100_000,
      coal_boiler_10t: 100_000,
      stockpile_dust: 10_000,
      high_pollution_fuel: 10_000,
      construction_dust: 10_000,
      catering_fumes: 10_000,
      open_burning: 50_000,
      fireworks: 50_000,
    });
    expect(Object.values(c.penalties).every((p) => p.clause === '51')).toBe(true);
    expect(new Set(Object.values(c.findingPenalties))).toEqual(new Set(['producing_when_should_stop']));
  });

  it.each([
    [['draw'], undefined, 'draw must be a mapping'],
    [['draw', 'allowHomeCounty'], 'no', 'draw.allowHomeCounty'],
    [['draw', 'weights', 'overdueAck'], 0.5, 'draw.weights.overdueAck'],
    [['draw', 'weights', 'base'], 0, 'draw.weights.base'],
    [['draw', 'weights', 'pastViolationsCap'], 1.5, 'draw.weights.pastViolationsCap'],
    [['powerAnomaly', 'thresholdShare'], 1.5, 'powerAnomaly.thresholdShare'],
    [['powerAnomaly', 'baseline', 'method'], 'mean', 'powerAnomaly.baseline.method'],
    [['powerAnomaly', 'baseline', 'windowDays'], 0, 'powerAnomaly.baseline.windowDays'],
    [['powerAnomaly', 'baseline', 'minReadings'], 'three', 'powerAnomaly.baseline.minReadings'],
    [['evidence', 'maxBytes'], -1, 'evidence.maxBytes'],
    [['evidence', 'allowedMimeTypes'], [], 'evidence.allowedMimeTypes'],
    [['evidence', 'allowedMimeTypes'], ['jpeg'], 'evidence.allowedMimeTypes[0]'],
    [['evidence', 'maxPhotosPerFinding'], 0, 'evidence.maxPhotosPerFinding'],
    [['evidence', 'exifTimeToleranceMinutes'], -5, 'evidence.exifTimeToleranceMinutes'],
    [['penalties', 'fireworks', 'amountYuan'], '5万', 'penalties.fireworks.amountYuan'],
    [['penalties', 'fireworks', 'name'], '', 'penalties.fireworks.name'],
    [['penalties', 'Bad-Key'], { name: 'x', amountYuan: 1, clause: '51' }, 'penalties.Bad-Key'],
    [['findingPenalties', 'over_load_cap'], 'no_such_item', 'findingPenalties.over_load_cap'],
    [['findingPenalties', 'running_when_stop'], undefined, 'findingPenalties.running_when_stop'],
    [['findingPenalties', 'sleeping'], 'fireworks', 'findingPenalties.sleeping'],
  ] as Array<[string[], unknown, string]>)('rejects %j = %j naming the field', (path, value, field) => {
    expect(() => parseInspectionConfig(withChange(path, value))).toThrow(field);
  });

  it('rejects a non-mapping root', () => {
    expect(() => parseInspectionConfig(null)).toThrow('inspection config: (root) must be a mapping');
  });

  it('accepts a numeric clause as its string', () => {
    const c = parseInspectionConfig(withChange(['penalties', 'fireworks', 'clause'], 51));
    expect(c.penalties.fireworks!.clause).toBe('51');
  });
});
