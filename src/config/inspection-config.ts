import { readYamlConfig } from './config-files.js';
import { FINDING_KINDS, type DrawWeights, type FindingKind, type InspectionConfig, type PenaltyItem } from '../rules/inspection/inspection-config.js';

const KEY = /^[a-z][a-z0-9_]*$/;
const MIME = /^[a-z]+\/[a-z0-9.+-]+$/;

function fail(field: string, why: string): never {
  throw new Error(`inspection config: ${field} ${why}`);
}

function obj(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be a mapping');
  return value as Record<string, unknown>;
}

function num(value: unknown, field: string, min: number, max: number, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    fail(field, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') fail(field, `must be true or false (got ${JSON.stringify(value)})`);
  return value;
}

function str(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(field, `must be a non-empty string (got ${JSON.stringify(value)})`);
  return value;
}

/** Validates a parsed inspection.yaml; the error names the offending field so an operator can fix it at boot. */
export function parseInspectionConfig(raw: unknown): InspectionConfig {
  const o = obj(raw, '(root)');

  const draw = obj(o.draw, 'draw');
  const w = obj(draw.weights, 'draw.weights');
  // Weights below 1 would make a risk factor lower the chance of inspection; the base only needs to be positive.
  const weights: DrawWeights = {
    base: num(w.base, 'draw.weights.base', Number.MIN_VALUE, 1e6),
    overdueAck: num(w.overdueAck, 'draw.weights.overdueAck', 1, 1e6),
    powerAnomaly: num(w.powerAnomaly, 'draw.weights.powerAnomaly', 1, 1e6),
    pastViolationFactor: num(w.pastViolationFactor, 'draw.weights.pastViolationFactor', 1, 1e6),
    pastViolationsCap: num(w.pastViolationsCap, 'draw.weights.pastViolationsCap', 0, 100, true),
  };

  const pa = obj(o.powerAnomaly, 'powerAnomaly');
  const bl = obj(pa.baseline, 'powerAnomaly.baseline');
  if (bl.method !== 'median') fail('powerAnomaly.baseline.method', `must be median (got ${JSON.stringify(bl.method)})`);

  const ev = obj(o.evidence, 'evidence');
  const mimes = ev.allowedMimeTypes;
  if (!Array.isArray(mimes) || mimes.length === 0) fail('evidence.allowedMimeTypes', 'must be a non-empty list of MIME types');
  const allowedMimeTypes = mimes.map((m: unknown, i) => {
    if (typeof m !== 'string' || !MIME.test(m)) fail(`evidence.allowedMimeTypes[${i}]`, `must be a MIME type like image/jpeg (got ${JSON.stringify(m)})`);
    return m;
  });

  const pens = obj(o.penalties, 'penalties');
  const penalties: Record<string, PenaltyItem> = {};
  for (const [key, value] of Object.entries(pens)) {
    const f = `penalties.${key}`;
    if (!KEY.test(key)) fail(f, 'key must be snake_case');
    const p = obj(value, f);
    const clause = p.clause;
    if (typeof clause !== 'string' && typeof clause !== 'number') fail(`${f}.clause`, 'must be a clause number such as "51"');
    penalties[key] = {
      key,
      name: str(p.name, `${f}.name`),
      amountYuan: num(p.amountYuan, `${f}.amountYuan`, 0, 1e9, true),
      clause: str(String(clause), `${f}.clause`),
    };
  }
  if (Object.keys(penalties).length === 0) fail('penalties', 'must define at least one penalty item');

  const fp = obj(o.findingPenalties, 'findingPenalties');
  for (const k of Object.keys(fp)) {
    if (!FINDING_KINDS.includes(k as FindingKind)) fail(`findingPenalties.${k}`, `is not a finding kind (${FINDING_KINDS.join(', ')})`);
  }
  const findingPenalties = {} as Record<FindingKind, string>;
  for (const kind of FINDING_KINDS) {
    const target = str(fp[kind], `findingPenalties.${kind}`);
    if (!(target in penalties)) fail(`findingPenalties.${kind}`, `names no item of penalties (got ${JSON.stringify(target)})`);
    findingPenalties[kind] = target;
  }

  return {
    draw: {
      allowHomeCounty: bool(draw.allowHomeCounty, 'draw.allowHomeCounty'),
      stratify: bool(draw.stratify, 'draw.stratify'),
      weights,
    },
    powerAnomaly: {
      thresholdShare: num(pa.thresholdShare, 'powerAnomaly.thresholdShare', 0, 1),
      baseline: {
        method: 'median',
        windowDays: num(bl.windowDays, 'powerAnomaly.baseline.windowDays', 1, 366, true),
        minReadings: num(bl.minReadings, 'powerAnomaly.baseline.minReadings', 1, 100_000, true),
      },
    },
    evidence: {
      maxBytes: num(ev.maxBytes, 'evidence.maxBytes', 1, 1024 ** 3, true),
      allowedMimeTypes,
      maxPhotosPerFinding: num(ev.maxPhotosPerFinding, 'evidence.maxPhotosPerFinding', 1, 1000, true),
      maxPixels: num(ev.maxPixels, 'evidence.maxPixels', 1, 1_000_000_000, true),
      exifTimeToleranceMinutes: num(ev.exifTimeToleranceMinutes, 'evidence.exifTimeToleranceMinutes', 0, 525_600, true),
    },
    penalties,
    findingPenalties,
  };
}

export function loadInspectionConfig(file = 'inspection.yaml'): InspectionConfig {
  return parseInspectionConfig(readYamlConfig(file));
}
