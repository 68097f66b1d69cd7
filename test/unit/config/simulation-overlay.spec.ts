import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import { loadGradingConfig, overlayGrading } from '../../../src/config/grading-config.js';
import { loadRulesConfig, overlayRules, parseRulesConfig } from '../../../src/config/rules-config.js';
import { readYamlConfig } from '../../../src/config/config-files.js';

const city = loadCityConfig();
const rules = loadRulesConfig();
const grading = loadGradingConfig();

describe('the season simulator settings and overlays', () => {
  it('rules.yaml simulation: forecastDays and maxDays, bounds checked', () => {
    expect(rules.simulation).toEqual({ forecastDays: 5, maxDays: 200 });
    const raw = readYamlConfig('rules.yaml') as Record<string, unknown>;
    expect(() => parseRulesConfig({ ...raw, simulation: { forecastDays: 0, maxDays: 200 } })).toThrow('rules config: simulation.forecastDays must be an integer in [1, 30]');
    expect(() => parseRulesConfig({ ...raw, simulation: { forecastDays: 5, maxDays: 1000 } })).toThrow(/simulation.maxDays/);
  });

  it('overlayRules replaces the named level alternatives and lift thresholds only, leaving the base untouched', () => {
    const o = overlayRules(rules, { recommendation: { levels: { orange: [[{ above: 250, hours: 72 }]] } }, lift: { thresholds: { red: 150 } }, simulation: { forecastDays: 3 } });
    expect(o.recommendation.levels.orange).toEqual([[{ comparison: 'above', threshold: 250, hours: 72 }]]);
    expect(o.recommendation.levels.red).toBe(rules.recommendation.levels.red);
    expect(o.lift.thresholds).toMatchObject({ red: 150, orange: 200 });
    expect(o.simulation.forecastDays).toBe(3);
    expect(rules.recommendation.levels.orange![0]![0]!.threshold).toBe(200);
    expect(() => overlayRules(rules, { emissions: {} })).toThrow('rules config: emissions cannot be changed here');
    expect(() => overlayRules(rules, { recommendation: { levels: { purple: [] } } })).toThrow(/recommendation.levels key purple/);
    expect(() => overlayRules(rules, { lift: { belowHours: 0 } })).toThrow(/lift.belowHours/);
  });

  it('overlayGrading replaces the named grade rows, checked against the city', () => {
    const g = overlayGrading(grading, { grades: { D: { levels: { orange: 'listed', red: { cap: 30 } } } } }, city.grades, city.levels);
    expect(g.grades.D).toEqual({ name: 'D级企业', levels: { orange: { kind: 'listed' }, red: { kind: 'cap', maxLoadPercent: 30 } } });
    expect(g.grades.A).toBe(grading.grades.A);
    expect(grading.grades.D!.levels.orange).toEqual({ kind: 'full_stop' });
    expect(() => overlayGrading(grading, { grades: { E: { levels: {} } } }, city.grades, city.levels)).toThrow(/grades.E is not a grade of city.yaml/);
    expect(() => overlayGrading(grading, { grades: { D: { levels: { orange: 'maybe' } } } }, city.grades, city.levels)).toThrow(/grades.D.levels.orange must be/);
    expect(() => overlayGrading(grading, { clause: '1' }, city.grades, city.levels)).toThrow(/clause cannot be changed/);
  });
});
