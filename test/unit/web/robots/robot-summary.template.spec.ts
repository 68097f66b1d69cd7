import { describe, expect, it } from 'vitest';
import { escapeRobotMarkdown, overdueRobotText, renderRobotSummary, type RobotItem } from '../../../../src/web/robots/robot-summary.template.js';

const base = { commandCenter: '焦作市冬防指挥部', groupName: '修武县', generatedAt: '2026-12-10T04:01:00Z', timezone: 'Asia/Shanghai', maxBytes: 4000 };

describe('robot summary markdown', () => {
  it('lists items under one heading per topic, in topic order, with counts and the local time', () => {
    const items: RobotItem[] = [
      { topic: 'status_report', text: '甲企业未报送生产状态' },
      { topic: 'overdue_stage1', text: '乙企业逾期' },
      { topic: 'overdue_stage1', text: '丙企业逾期' },
    ];
    const s = renderRobotSummary({ ...base, items });
    expect(s.title).toBe('【冬防】修武县：逾期未签收（县区督办）、生产状态报送');
    expect(s.omitted).toBe(0);
    expect(s.markdown).toContain('2026年12月10日 12:01');
    expect(s.markdown.indexOf('逾期未签收（县区督办）（2）')).toBeLessThan(s.markdown.indexOf('生产状态报送（1）'));
    expect(s.markdown).toContain('- 乙企业逾期\n- 丙企业逾期\n');
  });

  it('stays within maxBytes, counting what it leaves out', () => {
    const items: RobotItem[] = Array.from({ length: 200 }, (_, i) => ({ topic: 'alert', text: `焦作测试${i}号水泥有限公司（91410800MA00000000）未签收` }));
    const s = renderRobotSummary({ ...base, items, maxBytes: 4000 });
    expect(Buffer.byteLength(s.markdown)).toBeLessThanOrEqual(4000);
    expect(s.omitted).toBeGreaterThan(100);
    expect(s.markdown).toContain(`另有 ${s.omitted} 条未列出`);
    expect(s.markdown.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(200 - s.omitted);
  });

  it('shows markup in names as text', () => {
    expect(escapeRobotMarkdown('**假**<font color="warning">[x](http://e)</font>\n#1')).toBe('\\*\\*假\\*\\*\\<font color="warning"\\>\\[x\\](http://e)\\</font\\> \\#1');
  });

  it('words an overdue line with the deadline in local time', () => {
    expect(overdueRobotText({ name: '甲', directiveNumber: '焦冬防指〔2026〕1号', modification: 2, ackDeadline: '2026-12-10T04:00:00Z' }, 'Asia/Shanghai')).toBe(
      '甲：焦冬防指〔2026〕1号第2版，截止 12月10日 12:00',
    );
  });
});
