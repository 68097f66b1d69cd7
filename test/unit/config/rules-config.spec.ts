import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configDir } from '../../../src/config/config-files.js';
import { checkRulesAgainstCity, parseRulesConfig } from '../../../src/config/rules-config.js';
import { loadSeasonConfig, parseSeasonConfig } from '../../../src/config/season-config.js';
import { deriveOrder } from '../../../src/rules/orders/order-derivation.js';
import { cfg, city, enterprise, line, rules, season } from '../rules/rules-fixtures.js';

const rawSeason = () => parse(readFileSync(join(configDir(), 'seasons/2026-2027.yaml'), 'utf8')) as Record<string, unknown>;
const rawRules = () => parse(readFileSync(join(configDir(), 'rules.yaml'), 'utf8')) as Record<string, unknown>;

describe('season config', () => {
  it('loads the default season with local-midnight boundaries', () => {
    expect(season.livelihoodFilingDeadline).toBe('2026-09-30');
    const kiln = season.groups[0]!;
    expect(kiln.phases[0]!.startMs).toBe(Date.parse('2026-10-31T16:00:00Z'));
    expect(kiln.phases[1]!.endMs).toBe(Date.parse('2027-03-15T16:00:00Z'));
  });

  it.each([
    [(r: Record<string, unknown>) => delete r.livelihoodFilingDeadline, /livelihoodFilingDeadline/],
    [(r: Record<string, unknown>) => (r.timezone = 'Mars/Olympus'), /timezone/],
    [
      (r: Record<string, unknown>) =>
        ((r.groups as Record<string, unknown>[])[0]!.phases as Record<string, unknown>[]).splice(0, 1, {
          ...((r.groups as Record<string, unknown>[])[0]!.phases as Record<string, unknown>[])[0],
          to: '2027-01-30',
        }),
      /groups\[0\]\.phases\[1\]\.from/,
    ],
    [
      (r: Record<string, unknown>) => (((r.groups as Record<string, unknown>[])[1]!.phases as Record<string, unknown>[])[0]!.constraint = { kind: 'limit', minStopPercent: 150 }),
      /groups\[1\]\.phases\[0\]\.constraint\.minStopPercent/,
    ],
    [(r: Record<string, unknown>) => (((r.groups as Record<string, unknown>[])[2]!.phases as Record<string, unknown>[])[0]!.from = '2026-02-30'), /groups\[2\]\.phases\[0\]\.from/],
    [(r: Record<string, unknown>) => (((r.groups as Record<string, unknown>[])[0]!.phases as Record<string, unknown>[])[0]!.key = 'after'), /key/],
    [(r: Record<string, unknown>) => ((r.groups as Record<string, unknown>[])[3]!.match = []), /groups\[3\]\.match/],
  ])('names the bad field %#', (mutate, message) => {
    const r = rawSeason();
    mutate(r);
    expect(() => parseSeasonConfig(r)).toThrow(message);
  });

  it('refuses a path-like season name', () => {
    expect(() => loadSeasonConfig('../rules')).toThrow(/2026-2027/);
  });

  it('a city can change a number without a release: limit 60% for alumina', () => {
    const r = rawSeason();
    const alumina = (r.groups as Record<string, unknown>[]).find((g) => g.key === 'alumina')!;
    (alumina.phases as Record<string, unknown>[])[0]!.constraint = { kind: 'limit', minStopPercent: 60, basis: 'lines' };
    const custom = { ...cfg, season: parseSeasonConfig(r) };
    const e = enterprise({ industry: 'alumina', lines: [line('A', 50), line('B', 30), line('C', 20)] });
    expect(deriveOrder(e, '2026-12-10T00:00:00+08:00', 'none', custom).stoppedCapacityPercent).toBe(70);
    expect(deriveOrder(e, '2026-12-10T00:00:00+08:00', 'none', cfg).stoppedCapacityPercent).toBe(30);
  });
});

describe('rules config', () => {
  it('loads the defaults of RULES.md §2', () => {
    expect(rules.episodes).toEqual({ mergeGapHours: 24, selfExpiringLevels: ['light', 'moderate', 'blue'] });
    expect(rules.lift.belowHours).toBe(36);
    expect(rules.emissionTargets).toEqual({ yellow: 10, orange: 20, red: 30 });
    expect(rules.emissions).toEqual({ hoursPerDay: 24, shortfallCandidates: 10, listedUnknownLines: 50 });
    expect(rules.orders.exactSearchMaxLines).toBe(20);
    expect(rules.registryQuality).toEqual({ airEmittingIndustries: [], checkEnterpriseTargets: true, gradeValidityMonths: 12, emissionFiguresMaxAgeYears: 3 });
    expect(rules.livelihood.takesWarningMeasures).toBe(false);
    expect(rules.recommendation.levels.red).toEqual([
      [
        { comparison: 'above', threshold: 200, hours: 96 },
        { comparison: 'above', threshold: 300, hours: 48 },
      ],
      [{ comparison: 'atLeast', threshold: 500, hours: 24 }],
    ]);
  });

  it.each([
    [(r: Record<string, unknown>) => ((r.episodes as Record<string, unknown>).mergeGapHours = -1), /episodes\.mergeGapHours/],
    [(r: Record<string, unknown>) => ((r.episodes as Record<string, unknown>).selfExpiringLevels = ['violet']), /selfExpiringLevels\[0\]/],
    [(r: Record<string, unknown>) => ((r.recommendation as Record<string, unknown>).levels = { blue: [[{ hours: 24 }]] }), /recommendation\.levels\.blue\[0\]\[0\]/],
    [(r: Record<string, unknown>) => ((r.orders as Record<string, unknown>).exactSearchMaxLines = 40), /exactSearchMaxLines/],
    [(r: Record<string, unknown>) => ((r.livelihood as Record<string, unknown>).takesWarningMeasures = 'no'), /takesWarningMeasures/],
    [(r: Record<string, unknown>) => delete r.lift, /lift/],
    [(r: Record<string, unknown>) => ((r.emissions as Record<string, unknown>).hoursPerDay = 25), /emissions\.hoursPerDay/],
    [(r: Record<string, unknown>) => ((r.emissions as Record<string, unknown>).shortfallCandidates = 2.5), /emissions\.shortfallCandidates/],
    [(r: Record<string, unknown>) => delete r.emissions, /emissions/],
    [(r: Record<string, unknown>) => delete r.registryQuality, /registryQuality must be a mapping/],
    [(r: Record<string, unknown>) => ((r.registryQuality as Record<string, unknown>).gradeValidityMonths = 0), /registryQuality\.gradeValidityMonths/],
    [(r: Record<string, unknown>) => ((r.registryQuality as Record<string, unknown>).emissionFiguresMaxAgeYears = 1.5), /registryQuality\.emissionFiguresMaxAgeYears/],
    [(r: Record<string, unknown>) => ((r.registryQuality as Record<string, unknown>).checkEnterpriseTargets = 'yes'), /registryQuality\.checkEnterpriseTargets/],
    [(r: Record<string, unknown>) => ((r.registryQuality as Record<string, unknown>).airEmittingIndustries = 'coking'), /registryQuality\.airEmittingIndustries/],
  ])('names the bad field %#', (mutate, message) => {
    const r = rawRules();
    mutate(r);
    expect(() => parseRulesConfig(r)).toThrow(message);
  });

  it('registryQuality.airEmittingIndustries must name industries of city.yaml', () => {
    const r = rawRules();
    (r.registryQuality as Record<string, unknown>).airEmittingIndustries = ['coking', 'mining'];
    const parsed = parseRulesConfig(r);
    expect(parsed.registryQuality.airEmittingIndustries).toEqual(['coking', 'mining']);
    expect(() => checkRulesAgainstCity(parsed, city.industries)).toThrow(/registryQuality\.airEmittingIndustries\[1\].*"mining"/);
    expect(() => checkRulesAgainstCity(rules, city.industries)).not.toThrow();
  });
});
