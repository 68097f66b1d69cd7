import { describe, expect, it } from 'vitest';
import { baselineFor, isAnomalous, type PowerReading } from '../../../../src/rules/inspection/power-anomaly.js';
import { RulesInputError } from '../../../../src/rules/rules.errors.js';
import { inspectionConfig } from './inspection-fixtures.js';

const config = inspectionConfig();
const DAY = 86_400_000;
const ORDER_AT = Date.UTC(2026, 11, 1);
const daysBefore = (d: number, kw: number): PowerReading => ({ at: ORDER_AT - d * DAY, kw });

describe('baselineFor', () => {
  it('is the median of readings in the 14 days before the order', () => {
    const readings = [daysBefore(1, 100), daysBefore(3, 900), daysBefore(5, 110), daysBefore(7, 120), daysBefore(20, 5000), { at: ORDER_AT, kw: 0 }, { at: ORDER_AT + DAY, kw: 0 }];
    expect(baselineFor(readings, ORDER_AT, config)).toBe(115);
    expect(baselineFor(readings.slice(0, 3), ORDER_AT, config)).toBe(110);
  });

  it('includes the window start and excludes the order time', () => {
    expect(baselineFor([daysBefore(14, 10), daysBefore(2, 20), daysBefore(1, 30), { at: ORDER_AT, kw: 999 }], ORDER_AT, config)).toBe(20);
  });

  it('is null with fewer than 3 readings in the window', () => {
    expect(baselineFor([daysBefore(1, 100), daysBefore(2, 100), daysBefore(15, 100)], ORDER_AT, config)).toBeNull();
    expect(baselineFor([], ORDER_AT, config)).toBeNull();
  });

  it('rejects malformed readings', () => {
    expect(() => baselineFor([{ at: ORDER_AT - DAY, kw: -1 }], ORDER_AT, config)).toThrow(RulesInputError);
    expect(() => baselineFor([{ at: Number.NaN, kw: 1 }], ORDER_AT, config)).toThrow(RulesInputError);
  });
});

describe('isAnomalous', () => {
  it('flags a reading above 20% of the baseline, with a Chinese explanation', () => {
    const a = isAnomalous(25, 100, config);
    expect(a.anomalous).toBe(true);
    expect(a.explanation).toContain('25%');
    expect(a.explanation).toContain('超过20%的阈值');
    expect(isAnomalous(20, 100, config).anomalous).toBe(false);
    expect(isAnomalous(0, 100, config).explanation).toContain('未超过20%的阈值');
  });

  it('does not judge without a baseline', () => {
    expect(isAnomalous(500, null, config)).toEqual({ anomalous: null, explanation: expect.stringContaining('少于3个') });
    expect(isAnomalous(500, 0, config).anomalous).toBeNull();
  });

  it('follows the configured share', () => {
    const strict = { powerAnomaly: { ...config.powerAnomaly, thresholdShare: 0.05 } };
    expect(isAnomalous(6, 100, strict).anomalous).toBe(true);
  });
});
