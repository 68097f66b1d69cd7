import type { RenderedEmail } from '../../../src/dispatch/templates/email-layout.js';
import { renderOrderEmail } from '../../../src/dispatch/templates/order-email.template.js';

/** A rendered order mail of typical size (four lines, reasons, cap, notes, link), as the worker sends one. */
export function sampleOrderMail(): RenderedEmail {
  return renderOrderEmail({
    cityName: '焦作市',
    commandCenter: '焦作市冬季大气污染防治工作指挥部',
    directiveNumber: '焦冬防指〔2026〕12号',
    enterprise: { code: '914108001234567890', name: '焦作坚固水泥有限公司', county: '修武县' },
    orderId: '5d0c4f0e-4a55-4b0e-9a57-0d6f4f3d2c11',
    modification: 2,
    supersedes: 1,
    levelName: '橙色预警',
    phaseName: '全面停产期',
    effectiveFrom: '2026-12-10T00:00:00Z',
    effectiveTo: null,
    ackDeadline: '2026-12-10T02:00:00.000Z',
    lines: [
      { code: 'L1', name: '4500t/d 熟料线', action: 'stop', maxLoadPercent: null, stoppedCells: null, noKilnBanking: true, reasons: [{ rule: 'season.full_stop', clause: '43', text: '错峰生产全面停产' }] },
      { code: 'L2', name: '电解系列', action: 'limit', maxLoadPercent: null, stoppedCells: 30, noKilnBanking: false, reasons: [{ rule: 'season.cells', clause: '43', text: '按电解槽计限产30%' }] },
      { code: 'L3', name: '粉磨线', action: 'limit', maxLoadPercent: 50, stoppedCells: null, noKilnBanking: false, reasons: [{ rule: 'cap', clause: '11(2)', text: '保民生最大负荷' }] },
      { code: 'L4', name: '包装线', action: 'run', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [] },
    ],
    stoppedCapacityPercent: 62.5,
    maxLoadPercent: 50,
    notes: ['保民生核准已于9月30日前备案'],
    ackUrl: 'https://hazeops.example.cn/ack/eyJvIjoiNWQwYzRmMGUiLCJtIjoyfQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU',
    linkExpiresAt: '2026-12-17T00:00:00Z',
    timezone: 'Asia/Shanghai',
  });
}
