import { describe, expect, it } from 'vitest';
import { checkStatusReport, missingReportLines } from '../../../../src/rules/inspection/status-report-check.js';
import type { OrderLine } from '../../../../src/rules/orders/order.types.js';

const line = (code: string, action: OrderLine['action'], maxLoadPercent: number | null = null, noKilnBanking = false): OrderLine => ({
  code,
  action,
  maxLoadPercent,
  stoppedCells: null,
  noKilnBanking,
  reasons: [],
});
const order = [line('L1', 'stop'), line('L2', 'limit', 50), line('L3', 'run'), line('L4', 'stop', null, true)];

describe('status report check', () => {
  it('names the lines of the order a report leaves out', () => {
    expect(missingReportLines(order, [{ line: 'L2', state: 'stopped', loadPercent: null }])).toEqual(['L1', 'L3', 'L4']);
    expect(
      missingReportLines(
        order,
        order.map((l) => ({ line: l.code, state: 'stopped' as const, loadPercent: null })),
      ),
    ).toEqual([]);
  });

  it('a line reported running or limited where it must stop contradicts the order', () => {
    const d = checkStatusReport(order, [
      { line: 'L1', state: 'running', loadPercent: null },
      { line: 'L4', state: 'limited', loadPercent: 30 },
    ]);
    expect(d.map((x) => [x.line, x.required, x.reported])).toEqual([
      ['L1', 'stop', 'running'],
      ['L4', 'stop', 'limited:30'],
    ]);
    expect(d[0].message).toBe('生产线L1：指令要求停产，企业报告为生产中。');
  });

  it('banking contradicts only a stop that forbids it', () => {
    expect(checkStatusReport(order, [{ line: 'L1', state: 'banked', loadPercent: null }])).toEqual([]);
    expect(checkStatusReport(order, [{ line: 'L4', state: 'banked', loadPercent: null }]).map((x) => x.line)).toEqual(['L4']);
  });

  it('above the cap contradicts a limit; at or below it, stopped, or a run line does not', () => {
    expect(checkStatusReport(order, [{ line: 'L2', state: 'limited', loadPercent: 80 }])[0]).toMatchObject({ required: 'limit:50', reported: 'limited:80' });
    expect(checkStatusReport(order, [{ line: 'L2', state: 'running', loadPercent: null }])[0]).toMatchObject({ reported: 'running' });
    expect(checkStatusReport(order, [{ line: 'L2', state: 'limited', loadPercent: 50 }])).toEqual([]);
    expect(checkStatusReport(order, [{ line: 'L2', state: 'stopped', loadPercent: null }])).toEqual([]);
    expect(checkStatusReport(order, [{ line: 'L3', state: 'running', loadPercent: null }])).toEqual([]);
  });

  it('refuses a "limited" report without a load on a capped line', () => {
    expect(() => checkStatusReport(order, [{ line: 'L2', state: 'limited', loadPercent: null }])).toThrow(/L2 is capped at 50%/);
  });
});
