import type { NoticeLink, OrderNoticeView } from '../../src/web/notices/order-notice.view.js';

/** An order notice of typical size: four lines of every kind, reasons, a cap, notes. */
export function orderNotice(over: Partial<OrderNoticeView> = {}): OrderNoticeView {
  return {
    cityName: '焦作市',
    commandCenter: '焦作市冬季大气污染防治工作指挥部',
    directiveNumber: '焦冬防指〔2026〕12号',
    enterprise: { code: 'E001', name: '焦作坚固水泥有限公司', county: '修武县' },
    orderId: 'ord-1',
    modification: 2,
    supersedes: 1,
    levelName: '橙色预警',
    phaseName: '全面停产期',
    effectiveFrom: '2026-12-10T00:00:00Z',
    effectiveTo: null,
    ackDeadline: '2026-12-10T02:00:00.000Z',
    lines: [
      {
        code: 'L1',
        name: '4500t/d 熟料线',
        action: 'stop',
        maxLoadPercent: null,
        stoppedCells: null,
        noKilnBanking: true,
        reasons: [{ rule: 'season.full_stop', clause: '43', text: '错峰生产全面停产' }],
        implementedAt: null,
      },
      {
        code: 'L2',
        name: '电解系列',
        action: 'limit',
        maxLoadPercent: null,
        stoppedCells: 30,
        noKilnBanking: false,
        reasons: [{ rule: 'season.cells', clause: '43', text: '按电解槽计限产30%' }],
        implementedAt: null,
      },
      {
        code: 'L3',
        name: '粉磨线',
        action: 'limit',
        maxLoadPercent: 50,
        stoppedCells: null,
        noKilnBanking: false,
        reasons: [{ rule: 'cap', clause: '11(2)', text: '保民生最大负荷' }],
        implementedAt: null,
      },
      { code: 'L4', name: '包装线', action: 'run', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [], implementedAt: null },
    ],
    stoppedCapacityPercent: 62.5,
    maxLoadPercent: 50,
    notes: ['保民生核准已于9月30日前备案'],
    timezone: 'Asia/Shanghai',
    ...over,
  };
}

/** The signed link sent with it. */
export function noticeLink(over: Partial<NoticeLink> = {}): NoticeLink {
  return { url: 'https://hazeops.example.cn/ack/abc.def', expiresAt: '2026-12-17T00:00:00Z', ...over };
}
