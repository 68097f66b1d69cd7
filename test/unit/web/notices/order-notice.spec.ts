import { describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../../../src/config/app-config.js';
import { ConfigService } from '../../../../src/config/config.service.js';
import { loadDomainConfig } from '../../../../src/config/domain-config.js';
import { renderOrderEmail } from '../../../../src/web/mail/order-email.template.js';
import { renderReminderEmail } from '../../../../src/web/mail/reminder-email.template.js';
import { orderNoticeView, type OrderNoticeSource } from '../../../../src/web/notices/order-notice.builder.js';
import { ackPageModel, describeAckPage } from '../../../../src/web/shared/ack-page-model.js';

const config = new ConfigService(
  loadAppConfig({ DATABASE_URL: 'postgres://127.0.0.1/none', HAZEOPS_SECRET: 's'.repeat(40), HAZEOPS_SCHEDULER: 'false', HAZEOPS_DEMO: 'false', LOG_LEVEL: 'error' }),
  loadDomainConfig(),
);
const level = config.city.levels[0]!;

function version(over: Partial<OrderNoticeSource> = {}): OrderNoticeSource {
  return {
    orderId: 'ord-1',
    directiveNumber: '焦冬防指〔2026〕12号',
    enterprise: { code: 'E001', name: '焦作坚固水泥有限公司', county: '修武县' },
    modification: 2,
    ends: false,
    level: level.key,
    phase: null,
    effectiveFrom: '2026-12-10T00:00:00Z',
    effectiveTo: null,
    ackDeadline: '2026-12-10T02:00:00Z',
    lines: [{ code: 'L1', name: '熟料线', action: 'stop', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [], implementedAt: null }],
    stoppedCapacityPercent: 100,
    maxLoadPercent: null,
    notes: ['备注'],
    ...over,
  };
}

describe('order notice view', () => {
  it('is assembled once from the version and the city: names, the replaced version, the zone', () => {
    const n = orderNoticeView(config, version());
    expect(n).toMatchObject({
      cityName: config.city.city.name,
      commandCenter: config.city.city.commandCenter,
      timezone: config.city.city.timezone,
      orderId: 'ord-1',
      supersedes: 1,
      levelName: level.name,
      phaseName: null,
      notes: ['备注'],
    });
    expect(orderNoticeView(config, version({ modification: 1 })).supersedes).toBeNull();
  });

  it('a closing version says first that the lines may run again', () => {
    expect(orderNoticeView(config, version({ ends: true })).notes).toEqual(['本版指令解除此前的生产调控要求，各生产线可恢复正常生产。', '备注']);
  });

  it('the order e-mail, the reminder and the ack page read the same view', () => {
    const n = orderNoticeView(config, version());
    const link = { url: 'https://h.example/ack/t', expiresAt: '2026-12-17T00:00:00Z' };
    const page = describeAckPage(ackPageModel(n, { state: { kind: 'pending' }, now: '2026-12-10T01:00:00Z' }));
    for (const text of [renderOrderEmail(n, link).text, renderReminderEmail(n, link).text, page.facts.map(([, v]) => v).join('\n')]) {
      expect(text).toContain('焦作坚固水泥有限公司');
      expect(text).toContain('2026年12月10日 10:00');
      expect(text).toContain(level.name);
    }
  });

  it('the ack page model leaves out what only the e-mail shows (city name, order id)', () => {
    const m = ackPageModel(orderNoticeView(config, version()), { state: { kind: 'pending' }, now: '2026-12-10T01:00:00Z' });
    expect(m).not.toHaveProperty('cityName');
    expect(m).not.toHaveProperty('orderId');
    expect(m).toMatchObject({ commandCenter: config.city.city.commandCenter, state: { kind: 'pending' }, now: '2026-12-10T01:00:00Z' });
  });
});
