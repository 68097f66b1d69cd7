import { describe, expect, it } from 'vitest';
import { rankCounties, type CountyConduct } from '../../../../src/rules/inspection/county-ranking.js';

const conduct = (county: string, c: Partial<CountyConduct>): CountyConduct => ({ county, orders: 0, acknowledged: 0, implemented: 0, inspected: 0, violations: 0, ...c });

describe('rankCounties: best county first', () => {
  it('ranks by violations per hundred inspected, then acknowledgement and implementation rates, then penalty money', () => {
    const r = rankCounties(
      [
        { county: '温县', amount: 100_000, voided: false },
        { county: '修武县', amount: 100_000, voided: false },
        { county: '修武县', amount: 100_000, voided: true },
      ],
      [
        conduct('温县', { orders: 10, acknowledged: 10, implemented: 10, inspected: 10, violations: 1 }),
        conduct('修武县', { orders: 10, acknowledged: 5, implemented: 5, inspected: 4, violations: 2 }),
        conduct('博爱县', { orders: 10, acknowledged: 10, implemented: 8, inspected: 5, violations: 0 }),
        conduct('沁阳市', { orders: 10, acknowledged: 9, implemented: 9, inspected: 5, violations: 0 }),
      ],
      ['修武县', '博爱县', '温县', '沁阳市', '解放区'],
    );
    expect(r.map((x) => [x.rank, x.county])).toEqual([
      // 解放区: nothing ordered, nothing found: clean on every measure.
      [1, '解放区'],
      [2, '博爱县'],
      [3, '沁阳市'],
      [4, '温县'],
      [5, '修武县'],
    ]);
    expect(r.find((x) => x.county === '修武县')).toEqual({
      county: '修武县',
      rank: 5,
      penalties: 1,
      violations: 1,
      amount: 100_000,
      acknowledgementRate: 50,
      implementationRate: 50,
      inspected: 4,
      violationsPerHundred: 50,
      violationFindings: 2,
    });
    expect(r.find((x) => x.county === '解放区')).toMatchObject({ acknowledgementRate: null, implementationRate: null, violationsPerHundred: null, amount: 0 });
  });

  it('the most-penalised county is last, and counties with equal figures share a rank (1, 1, 3)', () => {
    const r = rankCounties([{ county: 'C', amount: 100_000, voided: false }], [conduct('C', { inspected: 1, violations: 1 })], ['B', 'A', 'C']);
    expect(r.map((x) => [x.rank, x.county])).toEqual([
      [1, 'A'],
      [1, 'B'],
      [3, 'C'],
    ]);
  });

  it('ranks a county found only in the data, rather than dropping its penalties', () => {
    const r = rankCounties([{ county: 'X', amount: 1, voided: false }], [], ['A']);
    expect(r).toEqual([expect.objectContaining({ county: 'A', rank: 1, amount: 0 }), expect.objectContaining({ county: 'X', rank: 2, amount: 1, penalties: 1 })]);
  });
});
