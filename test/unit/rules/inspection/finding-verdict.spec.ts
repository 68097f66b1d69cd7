import { describe, expect, it } from 'vitest';
import { judgeFinding, type ObservedLine } from '../../../../src/rules/inspection/finding-verdict.js';
import type { OrderLine } from '../../../../src/rules/orders/order.types.js';
import { RulesInputError } from '../../../../src/rules/rules.errors.js';
import { inspectionConfig, orderLine } from './inspection-fixtures.js';

const config = inspectionConfig();
const stop = orderLine({ action: 'stop' });
const stopNoBank = orderLine({ action: 'stop', noKilnBanking: true });
const limit50 = orderLine({ action: 'limit', maxLoadPercent: 50 });
const cells = orderLine({ action: 'limit', maxLoadPercent: null, stoppedCells: 30 });
const run = orderLine({ action: 'run', reasons: [] });
const P = 'producing_when_should_stop';

describe('judgeFinding', () => {
  it.each([
    ['stop', stop, { state: 'running' }, 'violation', 'running_when_stop'],
    ['stop', stop, { state: 'reduced', loadPercent: 30 }, 'violation', 'reduced_when_stop'],
    ['stop', stop, { state: 'stopped' }, 'compliant', null],
    ['stop (banking allowed)', stop, { state: 'banked' }, 'compliant', null],
    ['stop, no kiln banking', stopNoBank, { state: 'banked' }, 'violation', 'banked_when_banking_forbidden'],
    ['stop, no kiln banking', stopNoBank, { state: 'stopped' }, 'compliant', null],
    ['limit 50%', limit50, { state: 'reduced', loadPercent: 50 }, 'compliant', null],
    ['limit 50%', limit50, { state: 'reduced', loadPercent: 50.5 }, 'violation', 'over_load_cap'],
    ['limit 50%', limit50, { state: 'running' }, 'violation', 'over_load_cap'],
    ['limit 50%', limit50, { state: 'running', loadPercent: 40 }, 'compliant', null],
    ['limit 50%', limit50, { state: 'stopped' }, 'compliant', null],
    ['limit 50%', limit50, { state: 'banked' }, 'compliant', null],
    ['limit by 30 cells', cells, { state: 'running' }, 'violation', 'cells_not_stopped'],
    ['limit by 30 cells', cells, { state: 'reduced', stoppedCells: 20 }, 'violation', 'cells_not_stopped'],
    ['limit by 30 cells', cells, { state: 'reduced', stoppedCells: 30 }, 'compliant', null],
    ['limit by 30 cells', cells, { state: 'running', stoppedCells: 31 }, 'compliant', null],
    ['run', run, { state: 'running' }, 'compliant', null],
    ['run', run, { state: 'banked' }, 'compliant', null],
    ['no order', null, { state: 'running' }, 'compliant', null],
  ] as Array<[string, OrderLine | null, ObservedLine, 'violation' | 'compliant', string | null]>)('%s + %j → %s %s', (_, line, observed, verdict, kind) => {
    const v = judgeFinding(line, observed, config);
    expect(v.verdict).toBe(verdict);
    expect(v.kind).toBe(kind);
    expect(v.penaltyItem).toBe(verdict === 'violation' ? P : null);
    expect(v.reason.length).toBeGreaterThan(0);
  });

  it('cites the order requirement, its basis and item 51 with the amount', () => {
    const v = judgeFinding(stopNoBank, { state: 'banked' }, config);
    expect(v.reason).toContain('指令要求生产线L1停产且禁止保温焖炉');
    expect(v.reason).toContain('错峰生产全面停产阶段，第40条');
    expect(v.reason).toContain('现场检查为保温焖炉');
    expect(v.reason).toContain('应停产但未落实停产措施的工业企业');
    expect(v.reason).toContain('第51条');
    expect(v.reason).toContain('100000元');
    expect(judgeFinding(limit50, { state: 'reduced', loadPercent: 70 }, config).reason).toContain('负荷不超过50%');
  });

  it('uses the configured penalty item for the finding kind', () => {
    const custom = { ...config, findingPenalties: { ...config.findingPenalties, over_load_cap: 'stockpile_dust' } };
    const v = judgeFinding(limit50, { state: 'running' }, custom);
    expect(v.penaltyItem).toBe('stockpile_dust');
    expect(v.reason).toContain('10000元');
  });

  it('refuses findings it cannot judge or that are malformed', () => {
    expect(() => judgeFinding(limit50, { state: 'reduced' }, config)).toThrow(RulesInputError);
    expect(() => judgeFinding(cells, { state: 'reduced', loadPercent: 60 }, config)).toThrow('stoppedCells');
    expect(() => judgeFinding(stop, { state: 'reduced', loadPercent: 120 }, config)).toThrow('loadPercent');
    expect(() => judgeFinding(stop, { state: 'idle' as ObservedLine['state'] }, config)).toThrow(RulesInputError);
  });
});
