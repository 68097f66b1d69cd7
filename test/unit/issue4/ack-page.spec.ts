import { describe, expect, it } from 'vitest';
import { type AckPageInput, implementationUrl, renderAckPage, renderLinkErrorPage, renderMessagePage } from '../../../src/web/pages/ack-page.js';

const VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">';

function input(over: Partial<AckPageInput> = {}): AckPageInput {
  return {
    commandCenter: '焦作市冬季大气污染防治工作指挥部',
    directiveNumber: '焦冬防指〔2026〕12号',
    enterprise: { code: 'E001', name: '焦作坚固水泥有限公司', county: '修武县' },
    modification: 2,
    supersedes: 1,
    levelName: '橙色预警',
    phaseName: null,
    effectiveFrom: '2026-12-10T00:00:00Z',
    effectiveTo: null,
    ackDeadline: '2026-12-10T02:00:00Z',
    lines: [
      { code: 'L1', name: '熟料线', action: 'stop', maxLoadPercent: null, stoppedCells: null, noKilnBanking: true, reasons: [{ rule: 'r', clause: '43', text: '全面停产' }], implementedAt: null },
      { code: 'L2', name: '粉磨线', action: 'limit', maxLoadPercent: 50, stoppedCells: null, noKilnBanking: false, reasons: [], implementedAt: '2026-12-10T01:00:00Z' },
      { code: 'L3', name: '包装线', action: 'run', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [], implementedAt: null },
    ],
    stoppedCapacityPercent: 60,
    maxLoadPercent: null,
    notes: ['请保留停产记录'],
    timezone: 'Asia/Shanghai',
    actionUrl: '/ack/tok.sig',
    state: { kind: 'pending' },
    timeline: { state: 'in_force', startsAt: '2026-12-10T00:00:00Z', endsAt: null, replacedBy: null },
    now: '2026-12-10T01:30:00Z',
    ...over,
  };
}

describe('acknowledgement page', () => {
  it('pending: shows the order and a POST form with 确认签收', () => {
    const html = renderAckPage(input());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(VIEWPORT);
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).not.toMatch(/<(link|script)\b|src=/);
    for (const s of ['焦作坚固水泥有限公司', '焦冬防指〔2026〕12号', '第2版（替代第1版）', '橙色预警', '自 12月10日 08:00 起', '2026年12月10日 10:00', '停产；禁止保温焖炉', '限产至50%', '正常生产', '全面停产「第43条」', '请保留停产记录', '60%']) {
      expect(html).toContain(s);
    }
    expect(html).toMatch(/<form method="post" action="\/ack\/tok\.sig"><input type="hidden" name="modification" value="2"><button type="submit">确认签收<\/button><\/form>/);
    expect(html).not.toContain('确认已落实');
  });

  it('pending after the deadline says so', () => {
    expect(renderAckPage(input({ now: '2026-12-10T03:00:00Z' }))).toContain('已超过签收截止时间');
  });

  it('acknowledged: shows when, and per-line implementation forms for lines that stop or limit', () => {
    const html = renderAckPage(input({ state: { kind: 'acknowledged', acknowledgedAt: '2026-12-10T01:45:00Z', acknowledgedBy: '张三' }, flash: '签收成功' }));
    expect(html).toContain('已签收：2026年12月10日 09:45（张三）');
    expect(html).toContain('签收成功');
    expect(html).not.toContain('>确认签收<');
    const forms = html.match(/<form method="post" action="\/ack\/tok\.sig\/implementation">.*?<\/form>/g) ?? [];
    expect(forms).toHaveLength(1);
    expect(forms[0]).toContain('name="lineCode" value="L1"');
    expect(forms[0]).toContain('停产时间');
    expect(forms[0]).toContain('type="datetime-local"');
    expect(forms[0]).toContain('value="2026-12-10T09:30"');
    expect(forms[0]).toContain('确认已落实');
    expect(html).toContain('已确认落实：2026年12月10日 09:00');
    expect(html).toContain('尚有 1 条生产线未确认落实');
  });

  it('replaced before its start: names the version that replaced it and its planned start', () => {
    const html = renderAckPage(
      input({ state: { kind: 'superseded', currentModification: 4 }, timeline: { state: 'replaced', startsAt: '2026-12-10T04:00:00Z', endsAt: '2026-12-10T04:00:00Z', replacedBy: { modification: 3 } } }),
    );
    expect(html).toContain('本版指令在生效前已被替代，本链接已失效');
    expect(html).toContain('第2版原定自 12月10日 12:00 起执行，生效前已被第3版替代');
    expect(html).not.toContain('<form');
  });

  it('a version still ahead says when it starts, and can be acknowledged already', () => {
    const html = renderAckPage(input({ timeline: { state: 'ahead', startsAt: '2026-12-10T04:00:00Z', endsAt: '2026-12-10T05:00:00Z', replacedBy: null } }));
    expect(html).toContain('本版指令尚未生效：自 12月10日 12:00 起至 13:00');
    expect(html).toContain('确认签收');
  });

  it('a version in force says so with its interval', () => {
    expect(renderAckPage(input())).toContain('本版指令正在执行：自 12月10日 08:00 起，直至解除');
  });

  it('escapes every piece of data', () => {
    const evil = '<script>alert("x")</script>\'&';
    const html = renderAckPage(
      input({
        enterprise: { code: evil, name: evil, county: evil },
        directiveNumber: evil,
        levelName: evil,
        notes: [evil],
        actionUrl: '/ack/"><script>',
        flash: evil,
        lines: [{ code: evil, name: evil, action: 'stop', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [{ rule: evil, clause: evil, text: evil }], implementedAt: null }],
        state: { kind: 'acknowledged', acknowledgedAt: '2026-12-10T01:45:00Z', acknowledgedBy: evil },
      }),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;');
  });

  it('builds the implementation URL before any query string', () => {
    expect(implementationUrl('/ack/t')).toBe('/ack/t/implementation');
    expect(implementationUrl('https://h/ack/t/?lang=zh')).toBe('https://h/ack/t/implementation?lang=zh');
  });
});

describe('link error and message pages', () => {
  it.each([
    ['expired', '链接已过期'],
    ['malformed', '链接无效'],
    ['bad_signature', '链接无效'],
    ['not_found', '指令不存在'],
  ] as const)('%s', (reason, phrase) => {
    const html = renderLinkErrorPage(reason);
    expect(html).toContain(VIEWPORT);
    expect(html).toContain(`<h1>${phrase}</h1>`);
    expect(html).toContain('冬防办');
  });

  it('renders a simple message, escaped', () => {
    const html = renderMessagePage('签收成功', '已记录<b>', { backUrl: '/ack/t?a=1&b=2' });
    expect(html).toContain(VIEWPORT);
    expect(html).toContain('<title>签收成功</title>');
    expect(html).toContain('已记录&lt;b&gt;');
    expect(html).toContain('href="/ack/t?a=1&amp;b=2"');
  });
});
