// Emergency measures (应急减排清单) for a generated enterprise: per level, which lines stop
// or limit. A higher level is never milder for any line; orange stops the larger half of
// the capacity's lines and red stops every line.
import type { Measure, Measures, ProductionLine } from '../../rules/enterprise.js';
import type { LevelKey } from '../../rules/levels/level-ladder.js';
import type { Rng } from '../../rules/prng.js';

type Step = (rng: Rng, rank: number, count: number) => number | 'stop' | null;

const STEPS: Readonly<Record<LevelKey, Step>> = {
  light: (rng) => (rng.chance(0.4) ? rng.pick([80, 85, 90]) : null),
  moderate: (rng) => (rng.chance(0.6) ? rng.pick([70, 75, 80]) : null),
  blue: (rng) => rng.pick([60, 65, 70]),
  yellow: () => 50,
  orange: (_rng, rank, count) => (rank < Math.ceil(count / 2) ? 'stop' : 40),
  red: () => 'stop',
};

export function generateMeasures(rng: Rng, lines: readonly ProductionLine[], levels: readonly LevelKey[]): Measures {
  // Rank 0 is the largest line: it is the first to stop.
  const byCapacity = lines.map((l, i) => ({ l, i })).sort((a, b) => b.l.capacity - a.l.capacity || a.i - b.i);
  const rank = new Map(byCapacity.map((x, r) => [x.l.code, r]));
  const state = new Map<string, number | 'stop'>(lines.map((l) => [l.code, 100]));
  const measures: Measures = {};
  for (const level of levels) {
    const list: Measure[] = [];
    for (const line of lines) {
      const before = state.get(line.code)!;
      const step = STEPS[level](rng, rank.get(line.code)!, lines.length);
      let now: number | 'stop' = before;
      if (before !== 'stop' && step !== null) now = step === 'stop' ? 'stop' : Math.min(before, step);
      state.set(line.code, now);
      if (now === 'stop') list.push({ line: line.code, action: 'stop', maxLoadPercent: null });
      else if (now < 100) list.push({ line: line.code, action: 'limit', maxLoadPercent: now });
    }
    if (list.length > 0) measures[level] = list;
  }
  return measures;
}
