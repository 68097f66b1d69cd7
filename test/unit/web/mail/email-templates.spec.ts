import { describe, expect, it } from 'vitest';
import { renderEscalationEmail } from '../../../../src/web/mail/escalation-email.template.js';
import { renderOrderEmail } from '../../../../src/web/mail/order-email.template.js';
import { noticeLink, orderNotice } from '../../../support/order-email-fixture.js';
import { renderReminderEmail } from '../../../../src/web/mail/reminder-email.template.js';
import { describeLineRequirement, formatClause, formatLocalTime } from '../../../../src/web/shared/order-wording.js';

describe('template formatting', () => {
  it('formats times in the given zone, not the server zone', () => {
    expect(formatLocalTime('2026-12-10T00:00:00Z', 'Asia/Shanghai')).toBe('2026年12月10日 08:00');
    expect(formatLocalTime('2026-12-09T16:00:00Z', 'Asia/Shanghai')).toBe('2026年12月10日 00:00');
    expect(formatLocalTime('2026-12-10T08:05:00+08:00', 'UTC')).toBe('2026年12月10日 00:05');
    expect(() => formatLocalTime('2026-12-10T08:00:00', 'Asia/Shanghai')).toThrow(/zone offset/);
  });

  it('words line requirements and clauses', () => {
    const base = { code: 'L', name: 'L', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [] };
    expect(describeLineRequirement({ ...base, action: 'stop', noKilnBanking: true })).toBe('停产；禁止保温焖炉');
    expect(describeLineRequirement({ ...base, action: 'stop', stoppedCells: 200 })).toBe('停产（全部200个电解槽）');
    expect(describeLineRequirement({ ...base, action: 'limit', maxLoadPercent: 50 })).toBe('限产至50%');
    expect(describeLineRequirement({ ...base, action: 'limit', stoppedCells: 30 })).toBe('停30个电解槽');
    expect(describeLineRequirement({ ...base, action: 'run' })).toBe('正常生产');
    expect(formatClause('43')).toBe('「第43条」');
    expect(formatClause('11(2)')).toBe('「第11条第（2）项」');
  });
});

describe('order email', () => {
  it('has the subject, local times, line table, cap, notes, deadline, link and version notice', () => {
    const m = renderOrderEmail(orderNotice(), noticeLink());
    expect(m.subject).toBe('【焦作市冬防指挥部】生产调控指令 焦冬防指〔2026〕12号 — 焦作坚固水泥有限公司 (第2版)');
    for (const part of [m.text, m.html]) {
      expect(part).toContain('自 12月10日 08:00 起，直至解除');
      expect(part).toContain('签收截止');
      expect(part).toContain('2026年12月10日 10:00');
      expect(part).toContain('停产；禁止保温焖炉');
      expect(part).toContain('停30个电解槽');
      expect(part).toContain('限产至50%');
      expect(part).toContain('正常生产');
      expect(part).toContain('错峰生产全面停产「第43条」');
      expect(part).toContain('「第11条第（2）项」');
      expect(part).toContain('62.5%');
      expect(part).toContain('全厂生产负荷不得超过');
      expect(part).toContain('保民生核准已于9月30日前备案');
      expect(part).toContain('https://hazeops.example.cn/ack/abc.def');
      expect(part).toContain('链接有效期至 2026年12月17日 08:00');
      expect(part).toContain('第1版的签收链接已失效');
      expect(part).toContain('橙色预警');
    }
    expect(m.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('shows a fixed end time and omits the version notice on the first version', () => {
    const m = renderOrderEmail(orderNotice({ modification: 1, supersedes: null, effectiveTo: '2026-12-13T16:00:00Z', levelName: null }), noticeLink());
    expect(m.subject).toContain('(第1版)');
    expect(m.text).toContain('自 12月10日 08:00 起至 12月14日 00:00');
    expect(m.text).not.toContain('已失效，请以本版为准');
    expect(m.text).toContain('管控级别：无');
  });

  it('escapes every piece of data in HTML and keeps the subject on one line', () => {
    const evil = '<script>alert("x")</script>&\'';
    const m = renderOrderEmail(
      orderNotice({
        enterprise: { code: evil, name: `${evil}\r\nBcc: a@b.c`, county: evil },
        directiveNumber: evil,
        levelName: evil,
        phaseName: evil,
        notes: [evil],
        orderId: evil,
        lines: [{ code: evil, name: evil, action: 'stop', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [{ rule: evil, clause: evil, text: evil }], implementedAt: null }],
      }),
      noticeLink({ url: 'https://x.example/ack/"><script>' }),
    );
    expect(m.html).not.toMatch(/<script/i);
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.text).toContain('<script>');
  });

  it('refuses a non-web link', () => {
    expect(() => renderOrderEmail(orderNotice(), noticeLink({ url: 'javascript:alert(1)' }))).toThrow(/ackUrl/);
  });
});

describe('reminder email', () => {
  it('names the deadline and the link', () => {
    const o = orderNotice();
    const link = noticeLink();
    const m = renderReminderEmail({ ...o, enterprise: { ...o.enterprise, name: '<b>厂</b>' } }, link);
    expect(m.subject).toBe('【焦作市冬防指挥部】签收提醒 焦冬防指〔2026〕12号 — <b>厂</b> (第2版，2026年12月10日 08:00起执行)，请于2026年12月10日 10:00前签收');
    expect(m.text).toContain('尚未签收');
    expect(m.text).toContain(link.url);
    expect(m.html).toContain('立即签收');
    expect(m.html).toContain('&lt;b&gt;厂&lt;/b&gt;');
    expect(m.html).not.toContain('<b>厂');
  });
});

describe('escalation email', () => {
  const overdue = [
    { enterprise: { code: 'E2', name: '乙<厂>', county: '修武县' }, directiveNumber: '焦冬防指〔2026〕12号', modification: 1, ackDeadline: '2026-12-10T02:00:00Z', contact: '张三 13800000000' },
    { enterprise: { code: 'E1', name: '甲厂', county: '修武县' }, directiveNumber: '焦冬防指〔2026〕12号', modification: 2, ackDeadline: '2026-12-10T01:00:00Z' },
  ];

  it('stage 1 addresses the county and lists overdue enterprises, earliest deadline first', () => {
    const m = renderEscalationEmail({
      cityName: '焦作市',
      commandCenter: '焦作市冬季大气污染防治工作指挥部',
      stage: 1,
      countyName: '修武县',
      generatedAt: '2026-12-10T03:30:00Z',
      overdue,
      consoleUrl: 'https://h.example/console/acks',
      timezone: 'Asia/Shanghai',
    });
    expect(m.subject).toBe('【焦作市冬防指挥部】逾期未签收企业 第一级督办（县区） — 修武县 2家');
    expect(m.text).toContain('致：修武县冬防办');
    expect(m.text.indexOf('甲厂')).toBeLessThan(m.text.indexOf('乙<厂>'));
    expect(m.text).toContain('签收截止：2026年12月10日 09:00，已逾期 2小时30分钟');
    expect(m.text).toContain('已逾期 1小时30分钟');
    expect(m.text).toContain('张三 13800000000');
    expect(m.html).toContain('乙&lt;厂&gt;');
    expect(m.html).toContain('https://h.example/console/acks');
  });

  it('stage 2 addresses the command center', () => {
    const m = renderEscalationEmail({
      cityName: '焦作市',
      commandCenter: '焦作市冬季大气污染防治工作指挥部',
      stage: 2,
      countyName: null,
      generatedAt: '2026-12-10T05:00:00Z',
      overdue,
      consoleUrl: null,
      timezone: 'Asia/Shanghai',
    });
    expect(m.subject).toContain('第二级督办（指挥部） — 全市 2家');
    expect(m.text).toContain('致：焦作市冬季大气污染防治工作指挥部值班室');
    expect(m.text).toContain('经县区督办后仍未签收');
  });
});
