import { describe, expect, it } from 'vitest';
import { rankCounties } from '../../../src/rules/inspection/county-ranking.js';

describe('rankCounties', () => {
  it('ranks by amount, then violations; ties share a rank; voided entries do not count', () => {
    const r = rankCounties(
      [
        { county: '温县', amount: 100_000, voided: false },
        { county: '博爱县', amount: 50_000, voided: false },
        { county: '博爱县', amount: 50_000, voided: false },
        { county: '修武县', amount: 100_000, voided: false },
        { county: '沁阳市', amount: 10_000, voided: false },
        { county: '沁阳市', amount: 90_000, voided: false },
        { county: '孟州市', amount: 100_000, voided: true },
        { county: '武陟县', amount: 10_000, voided: false },
        { county: '武陟县', amount: 100_000, voided: true },
      ],
      ['修武县', '博爱县', '武陟县', '温县', '沁阳市', '孟州市', '解放区'],
    );
    expect(r).toEqual([
      { county: '博爱县', rank: 1, violations: 2, amount: 100_000 },
      { county: '沁阳市', rank: 1, violations: 2, amount: 100_000 },
      { county: '修武县', rank: 3, violations: 1, amount: 100_000 },
      { county: '温县', rank: 3, violations: 1, amount: 100_000 },
      { county: '武陟县', rank: 5, violations: 1, amount: 10_000 },
      { county: '孟州市', rank: 6, violations: 0, amount: 0 },
      { county: '解放区', rank: 6, violations: 0, amount: 0 },
    ]);
  });

  it('lists every county when nothing was found, and ranks counties missing from the list', () => {
    expect(rankCounties([], ['B', 'A'])).toEqual([
      { county: 'A', rank: 1, violations: 0, amount: 0 },
      { county: 'B', rank: 1, violations: 0, amount: 0 },
    ]);
    expect(rankCounties([{ county: 'X', amount: 1, voided: false }], ['A'])).toEqual([
      { county: 'X', rank: 1, violations: 1, amount: 1 },
      { county: 'A', rank: 2, violations: 0, amount: 0 },
    ]);
  });
});
