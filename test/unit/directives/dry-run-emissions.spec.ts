import { describe, expect, it } from 'vitest';
import { dryRunReduction } from '../../../src/directives/dry-run-emissions.js';
import type { LevelOrNone } from '../../../src/rules/levels/level-ladder.js';
import { deriveOrder } from '../../../src/rules/orders/order-derivation.js';
import { cfg, enterprise, rules } from '../rules/rules-fixtures.js';
import { emits, lineWith, perDay } from '../rules/emissions/emissions-fixtures.js';

const AT = '2026-10-20T12:00:00+08:00';
const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });

describe('the dry run reduction block', () => {
  it('accounts the derived orders at each county level and names the first unknown lines only', () => {
    const many = Array.from({ length: rules.emissions.listedUnknownLines + 3 }, (_, i) => lineWith(`U${String(i).padStart(3, '0')}`, 10, null));
    const a = enterprise({ code: '914108001234567801', lines: [lineWith('L1', 100, emits(10, 20)), lineWith('L2', 100, emits(30, 20))], measures: { orange: [stop('L1')], red: [stop('L2')] } });
    const b = enterprise({ code: '914108001234567802', county: '博爱县', lines: many, measures: {} });
    const levelOf = new Map<string, LevelOrNone>([
      ['修武县', 'orange'],
      ['博爱县', 'red'],
    ]);
    const items = [a, b].map((e) => ({ enterprise: e, order: deriveOrder(e, AT, levelOf.get(e.county)!, cfg) }));
    const r = dryRunReduction(items, ['修武县', '博爱县'], levelOf, cfg);
    expect(r.hoursPerDay).toBe(rules.emissions.hoursPerDay);
    const so2 = r.counties[0]!.emissions.find((e) => e.pollutant === 'so2')!;
    expect(so2).toMatchObject({ baselineTonnesPerDay: perDay(40), reductionTonnesPerDay: perDay(10), percent: 25, targetPercent: rules.emissionTargets.orange, shortfall: false });
    const nox = r.counties[0]!.emissions.find((e) => e.pollutant === 'nox')!;
    expect(nox).toMatchObject({ percent: 50, shortfall: false });
    expect(r.counties[1]).toMatchObject({ county: '博爱县', level: 'red', unknownLines: many.length });
    expect(r.unknownLines.total).toBe(many.length);
    expect(r.unknownLines.items.map((u) => u.lineCode)).toEqual(many.slice(0, rules.emissions.listedUnknownLines).map((l) => l.code));
  });

  it('a county short of its target lists the enterprise whose higher-level measure would add the most', () => {
    const a = enterprise({ lines: [lineWith('L1', 100, emits(1)), lineWith('L2', 100, emits(99))], measures: { orange: [stop('L1')], red: [stop('L2')] } });
    const levelOf = new Map<string, LevelOrNone>([['修武县', 'orange']]);
    const r = dryRunReduction([{ enterprise: a, order: deriveOrder(a, AT, 'orange', cfg) }], ['修武县'], levelOf, cfg);
    expect(r.city.shortfalls).toEqual([
      {
        pollutant: 'so2',
        candidates: [
          { enterpriseCode: a.code, enterpriseName: a.name, county: a.county, addTonnesPerDay: perDay(99), actions: [{ lineCode: 'L2', action: 'stop', maxLoadPercent: null, level: 'red' }] },
        ],
      },
    ]);
  });
});
