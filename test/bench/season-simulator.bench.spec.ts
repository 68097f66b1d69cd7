import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { loadCityConfig } from '../../src/config/city-config.js';
import { loadGradingConfig } from '../../src/config/grading-config.js';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import { loadSeasonConfig } from '../../src/config/season-config.js';
import { generateRegistry } from '../../src/registry/demo/registry-generator.js';
import { deriveOrder } from '../../src/rules/orders/order-derivation.js';
import type { Enterprise } from '../../src/rules/enterprise.js';
import type { OrderConfig } from '../../src/rules/orders/order.types.js';
import { mulberry32 } from '../../src/rules/prng.js';
import { phaseObjectAt } from '../../src/rules/season/season-calendar.js';
import { localMidnightMs } from '../../src/rules/time/local-time.js';
import type { CountyAqi, SeasonSimulationResult } from '../../src/rules/simulator/season-simulation.types.js';
import { replayLevels } from '../../src/rules/simulator/level-replay.js';
import { simulateSeason } from '../../src/rules/simulator/season-simulator.js';

// Issue 12, item 6: a whole season (121 days, 11 counties) over 10,000 enterprises in under
// 10 s on this machine. Printed beside two figures of the same run: the naive loop (derive
// every enterprise every day) and a floor (one derivation pass over each county's enterprises per
// distinct situation, with no level replay and no totals: the derivations the grouping cannot avoid).
// Only the answers are asserted, never the time.

const ENTERPRISES = 10_000;
const DAYS = 121;

/** A winter of hourly AQI per county: a smooth base with episodes of 2–6 days, shared by neighbours. */
function season(counties: readonly string[], seed: number): CountyAqi[] {
  const rng = mulberry32(seed);
  const hours = DAYS * 24;
  const city = new Float64Array(hours);
  for (let h = 0; h < hours; h++) city[h] = 60 + 35 * Math.sin((h / hours) * Math.PI);
  for (let e = 0; e < 10; e++) {
    const start = rng.int(0, hours - 24);
    const len = rng.int(48, 144);
    const peak = rng.int(40, 230);
    for (let h = start; h < Math.min(hours, start + len); h++) city[h] = city[h]! + peak * Math.sin(((h - start) / len) * Math.PI);
  }
  return counties.map((county) => {
    const shift = rng.int(-20, 40);
    const values = Array.from(city, (v) => Math.max(5, Math.round(v + shift + rng.int(-15, 15))));
    return { county, resolution: 'hourly' as const, firstDate: '2026-11-15', values };
  });
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/** The median of `n` runs (the machine is shared: single runs are noisy). */
function median<T>(n: number, fn: () => T): { ms: number; value: T } {
  const runs = Array.from({ length: n }, () => time(fn)).sort((x, y) => x.ms - y.ms);
  return runs[Math.floor(n / 2)]!;
}

describe('season simulator: 121 days × 11 counties over 10,000 enterprises', () => {
  const city = loadCityConfig();
  const orders: OrderConfig = { season: loadSeasonConfig('2026-2027'), rules: loadRulesConfig(), levels: city.levels, livelihoodDuties: city.livelihoodDuties, grading: loadGradingConfig() };
  const enterprises = generateRegistry({ seed: 20261115, enterprises: ENTERPRISES, city });
  const aqi = season(
    city.counties.map((c) => c.name),
    121,
  );
  const cfg = { orders, forecastDays: orders.rules.simulation.forecastDays };

  it('prints the time beside the naive per-day loop and the floor', () => {
    expect(enterprises).toHaveLength(ENTERPRISES);
    expect(aqi).toHaveLength(11);
    // Warm-up, so that every figure is for optimised code.
    simulateSeason({ aqi: aqi.map((a) => ({ ...a, values: a.values.slice(0, 10 * 24) })), enterprises }, cfg);

    const run = median(3, () => simulateSeason({ aqi, enterprises }, cfg));
    const r: SeasonSimulationResult = run.value;
    const naive = time(() => simulateSeason({ aqi, enterprises }, cfg, { groupSituations: false }));
    // Floor: the bare derivations the grouping needs — one pass over a county's enterprises per
    // distinct (county, level, season phases) — without the replay or the totals.
    const byCounty = new Map<string, Enterprise[]>();
    for (const e of enterprises) (byCounty.get(e.county) ?? byCounty.set(e.county, []).get(e.county)!).push(e);
    const tz = orders.season.timezone;
    const floor = median(3, () => {
      const seen = new Set<string>();
      let lines = 0;
      for (const c of r.counties) {
        const list = byCounty.get(c.county) ?? [];
        for (const d of r.series) {
          const level = d.counties.find((x) => x.county === c.county)!.level;
          const noon = localMidnightMs(d.date, tz) + 12 * 3_600_000;
          const key = `${c.county}|${level}|${orders.season.groups.map((g) => phaseObjectAt(g, noon)?.key ?? '-').join()}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const at = new Date(noon).toISOString();
          for (const e of list) lines += deriveOrder(e, at, level, orders).lines.length;
        }
      }
      return { situations: seen.size, lines };
    });
    // Of which the level replay (the recommendation rules each morning, per county).
    const replay = median(3, () => aqi.map((a) => replayLevels(a, { rules: orders.rules, levels: orders.levels, timezone: orders.season.timezone, forecastDays: cfg.forecastDays })));
    expect(replay.value.map((ls) => ls.join())).toEqual(r.counties.map((c) => r.series.map((d) => d.counties.find((x) => x.county === c.county)!.level).join()));

    expect(r.days).toBe(DAYS);
    expect(r.series).toHaveLength(DAYS);
    expect(naive.value.derivations).toBe(DAYS * r.city.enterprises);
    // The grouping changes nothing in the answer.
    expect({ ...naive.value, situations: 0, derivations: 0 }).toEqual({ ...r, situations: 0, derivations: 0 });
    const levelDays: Record<string, number> = {};
    for (const c of r.counties) for (const [k, v] of Object.entries(c.levelDays)) levelDays[k] = (levelDays[k] ?? 0) + v;
    expect(Object.keys(levelDays).length).toBeGreaterThan(3);
    expect(r.city.enterpriseDaysStopped).toBeGreaterThan(0);

    const t = r.city.tonnesAvoided;
    console.log(
      `[bench] season simulator: ${DAYS} days × ${r.counties.length} counties (hourly AQI) over ${r.city.enterprises} enterprises in ${run.ms.toFixed(0)} ms (median of 3; target < 10000 ms); ` +
        `${r.situations} distinct situations, ${r.derivations.toLocaleString('en-US')} derivations; the level replay alone ${replay.ms.toFixed(0)} ms. ` +
        `Naive per-day loop (${naive.value.derivations.toLocaleString('en-US')} derivations): ${naive.ms.toFixed(0)} ms → ${(naive.ms / run.ms).toFixed(1)}× faster. ` +
        `Floor (one derivation pass per county × its ${floor.value.situations} distinct situations, nothing else, median of 3): ${floor.ms.toFixed(0)} ms → ${(run.ms / floor.ms).toFixed(2)}× the floor.`,
    );
    console.log(
      `[bench] level-days ${JSON.stringify(levelDays)}; enterprise-days restricted ${r.city.enterpriseDaysRestricted}, stopped ${r.city.enterpriseDaysStopped}; ` +
        `capacity-days lost ${r.city.capacityDaysLost.toFixed(0)}; t avoided SO2 ${t.so2.toFixed(0)}, NOx ${t.nox.toFixed(0)}, PM ${t.pm.toFixed(0)}, VOCs ${t.vocs.toFixed(0)}; orders issued ${r.city.ordersIssued}`,
    );
  });
});
