import { describe, expect, it } from 'vitest';
import { recommendLevel, type AqiSeries } from '../../../src/rules/levels/level-recommendation.js';
import { RulesInputError } from '../../../src/rules/rules.errors.js';
import { rules } from './rules-fixtures.js';

const START = Date.parse('2026-12-10T00:00:00+08:00');
const hourly = (county: string, values: number[]): AqiSeries => ({
  county,
  points: values.map((aqi, h) => ({ at: new Date(START + h * 3_600_000).toISOString(), aqi })),
});
const daily = (county: string, values: number[]): AqiSeries => ({
  county,
  points: values.map((aqi, d) => ({ at: new Date(START + d * 86_400_000).toISOString(), aqi })),
});
const one = (s: AqiSeries[], opts = {}) => recommendLevel(s, rules, opts)[0]!;

describe('recommendLevel (RULES §2 criteria, rolling 24 h mean)', () => {
  it.each([
    [[80, 90, 70], 'none'],
    [[120, 90, 70], 'light'],
    [[180, 90, 70], 'moderate'],
    [[250, 90, 70], 'blue'],
    [[250, 250, 90], 'yellow'],
    [[250, 250, 250, 90], 'yellow'], // 72 h > 200 but never a day > 300
    [[250, 320, 250, 90], 'orange'],
    [[250, 320, 320, 250, 90], 'red'],
    [[250, 320, 320, 90], 'orange'], // 48 h > 300 but only 72 h > 200
    [[510, 90, 90], 'red'], // any 24 h ≥ 500
  ] as const)('daily %j → %s', (values, level) => {
    expect(one([daily('温县', [...values])]).level).toBe(level);
  });

  it('hourly points: the 24 h mean decides, not single peaks', () => {
    const spiky = Array.from({ length: 48 }, (_, h) => (h % 2 === 0 ? 390 : 0)); // mean 195
    expect(one([hourly('温县', spiky)]).level).toBe('moderate');
    const r = one([hourly('温县', [...Array(10).fill(50), ...Array(24).fill(230), ...Array(20).fill(50)])]);
    expect(r.level).toBe('blue');
    // Covered hours: windows with ≥ 21 of the 24 high hours average > 200 (starts 7–13), so 7 h → 37 h.
    expect(r.from).toBe(new Date(START + 7 * 3_600_000).toISOString());
    expect(r.to).toBe(new Date(START + 37 * 3_600_000).toISOString());
  });

  it('when forecasts swing, the higher level wins', () => {
    const rs = recommendLevel([daily('温县', [250, 90]), daily('温县', [250, 250, 90]), daily('孟州市', [120, 90])], rules);
    expect(rs.map((r) => [r.county, r.level])).toEqual([
      ['温县', 'yellow'],
      ['孟州市', 'light'],
    ]);
  });

  it('recommends a lift after ≥ 36 h at or below the threshold', () => {
    const values = [...Array(48).fill(260), ...Array(35).fill(150), 230, ...Array(36).fill(120)];
    const r = one([hourly('温县', values)]);
    expect(r.level).toBe('yellow');
    expect(r.lift).toEqual({ reference: 'yellow', recommended: true, at: new Date(START + 84 * 3_600_000).toISOString() });
    const short = one([hourly('温县', [...Array(48).fill(260), ...Array(35).fill(150)])]);
    expect(short.lift.recommended).toBe(false);
  });

  it('with an active level given, a lift may start at once', () => {
    const r = one([hourly('温县', Array(40).fill(120))], { active: { 温县: 'orange' } });
    expect(r.level).toBe('light');
    expect(r.lift).toEqual({ reference: 'orange', recommended: true, at: new Date(START).toISOString() });
  });

  it.each([
    [[], /non-empty/],
    [[{ county: '', points: [] }], /county/],
    [
      [
        {
          county: '温县',
          points: [
            { at: '2026-12-10 08:00', aqi: 100 },
            { at: '2026-12-10 09:00', aqi: 100 },
          ],
        },
      ],
      /ISO 8601/,
    ],
    [[{ county: '温县', points: [{ at: '2026-12-10T00:00:00Z', aqi: -1 }] }], /aqi/],
    [
      [
        {
          county: '温县',
          points: [
            { at: '2026-12-10T00:00:00Z', aqi: 1 },
            { at: '2026-12-10T00:00:00Z', aqi: 1 },
          ],
        },
      ],
      /sort/,
    ],
    [
      [
        {
          county: '温县',
          points: [
            { at: '2026-12-10T00:00:00Z', aqi: 1 },
            { at: '2026-12-10T03:00:00Z', aqi: 1 },
          ],
        },
      ],
      /1 h or 24 h/,
    ],
    [[hourly('温县', Array(10).fill(100))], /at least 24 h/],
    [[{ county: '温县', points: [{ at: '2026-12-10T00:00:00Z', aqi: 1 }] }], /resolution/],
  ])('rejects bad input %#', (series, message) => {
    expect(() => recommendLevel(series as AqiSeries[], rules)).toThrow(RulesInputError);
    expect(() => recommendLevel(series as AqiSeries[], rules)).toThrow(message);
  });

  it('rejects a gap in the series', () => {
    const s = hourly('温县', Array(30).fill(100));
    s.points.splice(5, 1);
    expect(() => recommendLevel([s], rules)).toThrow(/fill the gap/);
  });
});
