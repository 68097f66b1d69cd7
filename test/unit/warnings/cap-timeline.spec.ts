import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LevelKey } from '../../../src/rules/levels/level-ladder.js';
import { levelAt } from '../../../src/rules/levels/level-at.js';
import type { LevelHistoryEntry } from '../../../src/rules/levels/response-level.machine.js';
import { planCapMessages, type CapMessagePlan, type LevelDirectiveRecord } from '../../../src/warnings/cap/cap-timeline.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-10T00:00:00Z');
const COUNTIES = ['A', 'B', 'C', 'D'];
const LEVELS: LevelKey[] = ['light', 'moderate', 'blue', 'yellow', 'orange', 'red'];
const WARNINGS = new Set<LevelKey>(['blue', 'yellow', 'orange', 'red']);

/** A consumer: Alert adds, Update replaces its references, Cancel removes them; shows infos whose onset has come and expiry has not. */
function shown(messages: CapMessagePlan[], t: number): Map<string, LevelKey[]> {
  const held = new Map<string, CapMessagePlan>();
  for (const m of messages) {
    for (const r of m.references) held.delete(r.id);
    if (m.msgType !== 'Cancel') held.set(m.directive.id, m);
  }
  const out = new Map<string, LevelKey[]>();
  for (const m of held.values()) for (const i of m.infos) if (i.onset <= t && (i.expires === null || i.expires > t)) for (const c of i.counties) out.set(c, [...(out.get(c) ?? []), i.level]);
  return out;
}

const directiveArb = fc.record({
  kind: fc.constantFrom<'issue' | 'adjust' | 'lift' | 'expire'>('issue', 'issue', 'adjust', 'lift', 'expire'),
  level: fc.constantFrom(...LEVELS),
  counties: fc.subarray(COUNTIES, { minLength: 1 }),
  gapHours: fc.integer({ min: 0, max: 6 }),
  startOffsetHours: fc.integer({ min: -2, max: 4 }),
  durationHours: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
});

describe('CAP plan from level directives (pure)', () => {
  it('after every directive, a consumer shows each county exactly its warning level, at any later time until the next', () => {
    fc.assert(
      fc.property(fc.array(directiveArb, { minLength: 1, maxLength: 14 }), (steps) => {
        let issuedAt = T0;
        const directives: LevelDirectiveRecord[] = steps.map((s, i) => {
          issuedAt += s.gapHours * HOUR + 1000;
          const startsAt = issuedAt + s.startOffsetHours * HOUR;
          const ends = s.kind === 'issue' || s.kind === 'adjust' ? s.durationHours : null;
          return {
            id: `d${i}`,
            kind: s.kind,
            level: s.kind === 'issue' || s.kind === 'adjust' ? s.level : null,
            counties: s.counties,
            startsAt: new Date(startsAt),
            endsAt: ends === null ? null : new Date(startsAt + ends * HOUR),
            issuedAt: new Date(issuedAt),
          };
        });
        const plans = planCapMessages(directives, (l) => WARNINGS.has(l));
        const history = new Map<string, LevelHistoryEntry[]>(COUNTIES.map((c) => [c, []]));
        directives.forEach((d, k) => {
          for (const c of d.counties) {
            history
              .get(c)!
              .push(
                d.level !== null
                  ? { kind: d.kind as 'issue', level: d.level, startsAt: d.startsAt.toISOString(), endsAt: d.endsAt?.toISOString() ?? null, basis: '', episodeId: '', decidedAt: null }
                  : { kind: d.kind as 'lift', at: d.startsAt.toISOString(), basis: null, episodeId: '' },
              );
          }
          const published = plans.filter((p) => directives.indexOf(p.directive) <= k);
          for (const p of published) if (p.msgType !== 'Alert') expect(p.references.length).toBeGreaterThan(0);
          const from = d.issuedAt.getTime();
          const to = directives[k + 1]?.issuedAt.getTime() ?? from + 24 * HOUR;
          for (let t = from; t < to; t += HOUR / 2) {
            const view = shown(published, t);
            for (const c of COUNTIES) {
              const level = levelAt({ history: history.get(c)! }, new Date(t).toISOString());
              expect(view.get(c) ?? [], `after ${d.id} at +${(t - from) / HOUR} h, county ${c}`).toEqual(level !== 'none' && WARNINGS.has(level) ? [level] : []);
            }
          }
        });
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
