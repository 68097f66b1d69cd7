import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../../src/config/city-config.js';
import type { LevelKey } from '../../../src/rules/levels/level-ladder.js';
import { profileFor } from '../../../src/registry/demo/industry-profiles.js';
import { showcaseSpecs } from '../../../src/registry/demo/showcase-specs.js';
import { POLLUTANTS } from '../../../src/rules/enterprise.js';
import { DEMO_ENTERPRISES, demoRegistry, generateEnterprises, generateRegistry } from '../../../src/registry/demo/registry-generator.js';
import { validateEnterprise } from '../../../src/registry/validation/enterprise.validator.js';

const city = loadCityConfig();
const demo = demoRegistry(city);
const has = (pred: (e: (typeof demo)[number]) => boolean): boolean => demo.some(pred);

describe('registry generator', () => {
  it('is deterministic: same seed, same registry; another seed, another one', () => {
    expect(generateRegistry({ seed: 7, enterprises: 50, city })).toEqual(generateRegistry({ seed: 7, enterprises: 50, city }));
    expect(generateRegistry({ seed: 8, enterprises: 50, city })).not.toEqual(generateRegistry({ seed: 7, enterprises: 50, city }));
    expect(demoRegistry(city)).toEqual(demo);
  });

  it('streams the same enterprises as it returns in a list', () => {
    const streamed = [...generateEnterprises({ seed: 3, enterprises: 40, city })];
    expect(streamed).toEqual(generateRegistry({ seed: 3, enterprises: 40, city }));
  });

  it('demo: 320 enterprises, each valid and already in normalised form, with unique codes', () => {
    expect(demo).toHaveLength(DEMO_ENTERPRISES);
    for (const e of demo) {
      const result = validateEnterprise(e, city);
      if (!result.ok) throw new Error(`${e.code}: ${JSON.stringify(result.errors)}`);
      expect(result.value).toEqual(e);
    }
    expect(new Set(demo.map((e) => e.code)).size).toBe(demo.length);
  });

  it('covers every county and every industry', () => {
    expect(new Set(demo.map((e) => e.county))).toEqual(new Set(city.counties.map((c) => c.name)));
    expect(new Set(demo.map((e) => e.industry))).toEqual(new Set(city.industries.map((i) => i.key)));
  });

  it('covers the cases of RULES.md §1 and its exemptions', () => {
    expect(has((e) => e.industry === 'glass' && e.fuel === 'coal')).toBe(true);
    expect(has((e) => e.industry === 'glass' && e.fuel === 'natural_gas')).toBe(true);
    expect(has((e) => e.industry === 'brick_tile' && e.process === 'sintered')).toBe(true);
    expect(has((e) => e.industry === 'brick_tile' && e.process === 'non_sintered')).toBe(true);
    expect(has((e) => e.industry === 'steel' && e.process === 'sintered')).toBe(true);
    expect(has((e) => e.industry === 'steel' && e.process === 'non_sintered')).toBe(true);
    expect(has((e) => e.industry === 'electrolytic_aluminium' && e.lines.length === 2 && e.lines.every((l) => l.cells === 240))).toBe(true);
    expect(demo.filter((e) => e.industry === 'electrolytic_aluminium').every((e) => e.lines.every((l) => (l.cells ?? 0) > 0))).toBe(true);
    for (const industry of ['pharma', 'pesticide']) {
      expect(has((e) => e.industry === industry && e.airEmitting && e.provincialApproval !== null)).toBe(true);
      expect(has((e) => e.industry === industry && e.airEmitting && e.provincialApproval === null)).toBe(true);
    }
    expect(has((e) => e.industry === 'pharma' && !e.airEmitting)).toBe(true);
    expect(demo.every((e) => e.provincialApproval === null || e.airEmitting)).toBe(true);
    const filed = demo.flatMap((e) => (e.livelihood ? [e.livelihood] : []));
    expect(filed.some((l) => l.filedOn <= '2026-09-30')).toBe(true);
    expect(filed.some((l) => l.filedOn >= '2026-10-01' && l.filedOn <= '2026-10-31')).toBe(true);
    expect(new Set(filed.map((l) => l.duty))).toEqual(new Set(['heating', 'municipal_waste', 'hazardous_waste']));
    expect(has((e) => !e.contacts.some((c) => c.email !== null))).toBe(true);
    expect(has((e) => e.lines.length > 1)).toBe(true);
  });

  it('uses reserved example domains and 13xxxxxxxxx phones', () => {
    const contacts = demo.flatMap((e) => e.contacts);
    for (const c of contacts) {
      if (c.email) expect(c.email).toMatch(/@example\.(com|net|org)$/);
      if (c.phone) expect(c.phone).toMatch(/^13\d{9}$/);
    }
    expect(demo.every((e) => e.webhookUrl === null || e.webhookUrl.startsWith('https://hooks.example.com/'))).toBe(true);
  });

  it('measures are never milder at a higher level, and orange and red stop lines', () => {
    const ladder = city.levels.map((l) => l.key);
    const load = (e: (typeof demo)[number], level: LevelKey, line: string): number => {
      const m = e.measures[level]?.find((x) => x.line === line);
      return m === undefined ? 100 : m.action === 'stop' ? 0 : m.maxLoadPercent!;
    };
    for (const e of demo) {
      expect(e.measures.orange?.some((m) => m.action === 'stop')).toBe(true);
      expect(e.measures.red?.every((m) => m.action === 'stop')).toBe(true);
      expect(e.measures.red).toHaveLength(e.lines.length);
      for (const line of e.lines) {
        for (let i = 1; i < ladder.length; i++) {
          expect(load(e, ladder[i]!, line.code)).toBeLessThanOrEqual(load(e, ladder[i - 1]!, line.code));
        }
      }
    }
  });

  it('benchmark size: about 4 lines per enterprise, all valid, unique codes (10,000 sample)', () => {
    let lines = 0;
    const codes = new Set<string>();
    for (const e of generateEnterprises({ seed: 42, enterprises: 10_000, city })) {
      lines += e.lines.length;
      codes.add(e.code);
      expect(validateEnterprise(e, city).ok).toBe(true);
    }
    expect(codes.size).toBe(10_000);
    expect(lines / 10_000).toBeGreaterThan(3.7);
    expect(lines / 10_000).toBeLessThan(4.3);
  });

  it('emission figures: every air-emitting showcase reports, no non-air-emitting enterprise does, a few random ones are 未填报', () => {
    const showcases = demo.slice(0, showcaseSpecs(city).length);
    for (const e of showcases) expect(e.lines.every((l) => (l.emissions !== null) === e.airEmitting)).toBe(true);
    expect(demo.filter((e) => !e.airEmitting).every((e) => e.lines.every((l) => l.emissions === null))).toBe(true);
    const unreported = demo.filter((e) => e.airEmitting && e.lines.every((l) => l.emissions === null)).length;
    const airEmitting = demo.filter((e) => e.airEmitting).length;
    expect(unreported).toBeGreaterThan(0);
    expect(unreported / airEmitting).toBeLessThan(0.15);
    // One source and year per enterprise; each rate within the spread of the industry's typical rate for the line's capacity.
    for (const e of demo) {
      const reported = e.lines.filter((l) => l.emissions !== null);
      expect(new Set(reported.map((l) => `${l.emissions!.source}/${l.emissions!.year}`)).size).toBeLessThanOrEqual(1);
      for (const l of reported) {
        for (const p of POLLUTANTS) {
          const typical = profileFor(e.industry).kgPerHourPerCapacity[p] * l.capacity;
          expect(l.emissions!.kgPerHour[p]).toBeGreaterThanOrEqual(Math.floor(typical * 0.7 * 1000) / 1000);
          expect(l.emissions!.kgPerHour[p]).toBeLessThanOrEqual(Math.ceil(typical * 1.3 * 1000) / 1000);
        }
      }
    }
    // A city-wide baseline to count: the demo's NOx is tens to hundreds of tonnes a day.
    const noxTonnesPerDay = demo.flatMap((e) => e.lines).reduce((t, l) => t + ((l.emissions?.kgPerHour.nox ?? 0) * 24) / 1000, 0);
    expect(noxTonnesPerDay).toBeGreaterThan(10);
  });
});
