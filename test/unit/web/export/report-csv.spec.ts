import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dryRunChangesCsv } from '../../../../src/web/export/dry-run-changes-csv.js';
import { findingsCsv, ledgerCsv, ordersCsv } from '../../../../src/web/export/report-csv.js';

const TZ = 'Asia/Shanghai';
const rows = (csv: string): string[][] => parse(csv, { bom: true });

describe('the CSV exports', () => {
  it('指令单: local times, Chinese states, and a formula-looking name guarded', () => {
    const csv = ordersCsv(
      [
        {
          county: '修武县',
          enterpriseCode: 'E1',
          enterpriseName: '=HYPERLINK("http://x")',
          directiveNumber: '焦冬防指〔2026〕12号',
          modification: 2,
          superseded: false,
          inForce: true,
          levelName: null,
          phaseName: null,
          lines: [
            { code: 'L1', action: 'limit', maxLoadPercent: 50 },
            { code: 'L2', action: 'stop', maxLoadPercent: null },
          ],
          stoppedCapacityPercent: 40,
          maxLoadPercent: null,
          effectiveFrom: new Date('2026-12-10T00:00:00Z'),
          effectiveTo: null,
          ackDeadline: new Date('2026-12-10T02:00:00Z'),
          acknowledgedAt: null,
          implementedAt: null,
        },
      ],
      TZ,
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [, row] = rows(csv);
    expect(row).toEqual([
      '修武县',
      'E1',
      `'=HYPERLINK("http://x")`,
      '焦冬防指〔2026〕12号',
      '2',
      '执行中',
      '无',
      '',
      expect.stringMatching(/^L1:.+≤50%；L2:.+$/),
      '40',
      '',
      '2026年12月10日 08:00',
      '直至解除',
      '2026年12月10日 10:00',
      '未签收',
      '未落实',
    ]);
  });

  it('核查记录 and 台账 name the labels, the channel and the times in the city zone', () => {
    const f = rows(
      findingsCsv(
        [
          {
            county: 'c',
            enterpriseCode: 'E1',
            enterpriseName: 'n',
            lineCode: 'L1',
            observedState: 'zzz',
            loadPercent: null,
            observedAt: new Date('2026-12-10T01:00:00Z'),
            powerKw: null,
            inspector: '@me',
            team: null,
            verdict: 'zzz',
            reason: 'r',
            directiveNumber: null,
            photos: 0,
            noticeMissing: true,
          },
        ],
        TZ,
      ),
    )[1]!;
    expect(f[6]).toBe('2026年12月10日 09:00');
    expect(f[8]).toBe("'@me");
    expect(f[14]).toBe('无送达记录（不扣缴）');
    const l = rows(
      ledgerCsv(
        [
          {
            id: '7',
            county: 'c',
            enterpriseCode: null,
            enterpriseName: null,
            itemName: '停产不到位',
            amount: 100000,
            description: 'd',
            createdAt: new Date('2026-12-10T01:00:00Z'),
            voidedAt: null,
            voidReason: null,
            evidence: { directiveNumber: 'N', modification: 2, delivered: { channel: 'phone', at: '2026-12-10T00:30:00Z' }, acknowledgedAt: null },
          },
        ],
        TZ,
      ),
    )[1]!;
    expect(l).toEqual(['7', 'c', '', '', '停产不到位', '100000', 'd', '2026年12月10日 09:00', '有效', '', '', 'N 第2版', '电话通知', '2026年12月10日 08:30', '']);
  });

  it('the dry run list words each requirement and its basis', () => {
    const req = (action: 'stop' | 'limit' | 'run', maxLoadPercent: number | null = null) => ({ action, maxLoadPercent, stoppedCells: null });
    const [head, row] = rows(
      dryRunChangesCsv(
        [{ enterpriseCode: 'E1', enterpriseName: '-x', county: 'c', lineCode: 'L1', lineName: 'n', before: req('run'), after: req('limit', 50), reasons: [{ clause: '43', text: '错峰' }] }],
        '2026-12-10T12:00:00Z',
        TZ,
      ),
    );
    expect(head![0]).toBe('县区');
    expect(row).toEqual(['c', 'E1', "'-x", 'L1', 'n', '正常生产', '', '限产（负荷≤50%）', '50', '2026年12月10日 20:00', '错峰（第43条）']);
  });
});
