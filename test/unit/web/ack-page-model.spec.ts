import { describe, expect, it } from 'vitest';
import { type AckPageModel, describeAckPage } from '../../../src/web/shared/ack-page-model.js';
import { LINK_ERRORS } from '../../../src/web/shared/phone-wording.js';

function model(over: Partial<AckPageModel> = {}): AckPageModel {
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
    state: { kind: 'pending' },
    now: '2026-12-10T01:30:00Z',
    ...over,
  };
}

const text = (v: unknown): string => JSON.stringify(v);

describe('acknowledgement page model', () => {
  it('pending: the order in local time and words, 确认签收 offered, nothing to confirm yet', () => {
    const v = describeAckPage(model());
    expect(v.title).toBe('生产调控指令 焦冬防指〔2026〕12号（第2版）');
    expect(v.canAcknowledge).toBe(true);
    expect(v.notices).toEqual([{ tone: 'warn', lines: ['请于 2026年12月10日 10:00 前阅读并签收本指令。'] }]);
    expect(v.facts).toContainEqual(['版本', '第2版（替代第1版）']);
    expect(v.facts).toContainEqual(['执行时间', '自 12月10日 08:00 起，直至解除']);
    expect(v.facts).toContainEqual(['管控级别', '橙色预警']);
    expect(v.facts).toContainEqual(['错峰阶段', '无']);
    expect(v.lines!.map((l) => [l.code, l.requirement, l.basis])).toEqual([
      ['L1', '停产；禁止保温焖炉', ['全面停产「第43条」']],
      ['L2', '限产至50%', []],
      ['L3', '正常生产', []],
    ]);
    expect(v.lines!.every((l) => l.implementation === null)).toBe(true);
    expect(v.wide).toEqual(['停产产能占比：60%（按整条生产线或整个电解槽计）']);
    expect(v.notes).toEqual(['请保留停产记录']);
  });

  it('pending after the deadline says so', () => {
    expect(describeAckPage(model({ now: '2026-12-10T03:00:00Z' })).notices[0]).toEqual({ tone: 'error', lines: ['已超过签收截止时间（2026年12月10日 10:00），请立即签收并落实。'] });
  });

  it('acknowledged: when and by whom, a time to confirm for open restricted lines only', () => {
    const v = describeAckPage(model({ state: { kind: 'acknowledged', acknowledgedAt: '2026-12-10T01:45:00Z', acknowledgedBy: '张三' } }));
    expect(v.canAcknowledge).toBe(false);
    expect(v.notices.map((n) => n.lines[0])).toEqual(['已签收：2026年12月10日 09:45（张三）', '尚有 1 条生产线未确认落实。请在停产（限产）到位后，填写时间并点击“确认已落实”。']);
    const [l1, l2, l3] = v.lines!;
    expect(l1!.implementation).toEqual({ done: false, label: '停产时间（当地时间）', defaultValue: '2026-12-10T09:30' });
    expect(l2!.implementation).toEqual({ done: true, text: '已确认落实：2026年12月10日 09:00' });
    expect(l3!.implementation).toBeNull();
  });

  it('acknowledged with every line confirmed says so; a limit-only line asks for 限产时间', () => {
    const lines = model().lines.map((l) => ({ ...l, implementedAt: l.action === 'run' ? null : '2026-12-10T01:00:00Z' }));
    const v = describeAckPage(model({ lines, state: { kind: 'acknowledged', acknowledgedAt: '2026-12-10T01:45:00Z' } }));
    expect(v.notices[1]).toEqual({ tone: 'ok', lines: ['各生产线均已确认落实。'] });
    const open = describeAckPage(model({ state: { kind: 'acknowledged', acknowledgedAt: '2026-12-10T01:45:00Z' }, lines: [{ ...model().lines[1]!, implementedAt: null }] }));
    expect(open.lines![0]!.implementation).toMatchObject({ done: false, label: '限产时间（当地时间）' });
  });

  it('superseded: names the current version, shows no order and offers nothing', () => {
    const v = describeAckPage(model({ state: { kind: 'superseded', currentModification: 3 } }));
    expect(v.notices[0]!.tone).toBe('error');
    expect(text(v.notices)).toContain('本版指令已被替代，本链接已失效');
    expect(text(v.notices)).toContain('第2版已被第3版替代');
    expect(text(v.notices)).toContain('新的签收链接已通过邮件发送');
    expect(v.facts).toContainEqual(['当前版本', '第3版']);
    expect(v.lines).toBeNull();
    expect(v.canAcknowledge).toBe(false);
  });

  it('a closing version with a load cap reads the cap among the whole-plant requirements', () => {
    expect(describeAckPage(model({ maxLoadPercent: 70.5 })).wide).toContain('全厂生产负荷不得超过 70.5%');
  });
});

describe('link errors', () => {
  it.each([
    ['expired', '链接已过期'],
    ['malformed', '链接无效'],
    ['bad_signature', '链接无效'],
    ['not_found', '指令不存在'],
  ] as const)('%s says what to do', (reason, title) => {
    expect(LINK_ERRORS[reason].title).toBe(title);
    expect(LINK_ERRORS[reason].message).toContain('冬防办');
  });
});

describe('acknowledgement page model on a timeline', () => {
  const timeline = (state: 'ahead' | 'in_force' | 'replaced' | 'ended', replacedBy: number | null = null) => ({
    state,
    startsAt: '2026-12-10T02:51:00Z',
    endsAt: '2026-12-10T02:55:00Z',
    replacedBy: replacedBy === null ? null : { modification: replacedBy },
  });

  it('a version still ahead says when it starts, and may be acknowledged', () => {
    const v = describeAckPage(model({ timeline: timeline('ahead') }));
    expect(v.notices[0]!.tone).toBe('info');
    expect(v.notices[0]!.lines[0]).toBe('本版指令尚未生效：自 12月10日 10:51 起至 10:55。请提前签收，并在生效前做好停产（限产）准备。');
    expect(v.canAcknowledge).toBe(true);
  });

  it('a version in force or ended says so before the rest', () => {
    expect(describeAckPage(model({ timeline: timeline('in_force') })).notices[0]!.lines[0]).toMatch(/^本版指令正在执行：/);
    const ended = describeAckPage(model({ timeline: timeline('ended'), state: { kind: 'acknowledged', acknowledgedAt: '2026-12-10T01:45:00Z' } }));
    expect(ended.notices[0]!.lines[0]).toMatch(/^本版指令的执行期已结束（/);
    expect(ended.notices[1]!.lines[0]).toContain('已签收');
  });

  it('a version replaced before its start names the version that replaced it, and shows no order', () => {
    const v = describeAckPage(model({ timeline: timeline('replaced', 3) }));
    expect(v.notices).toHaveLength(1);
    expect(v.notices[0]!.lines[0]).toBe('本版指令在生效前已被替代，本链接已失效。');
    expect(v.notices[0]!.lines[1]).toContain('第2版原定自 12月10日 10:51 起执行，生效前已被第3版替代');
    expect(v.facts).toContainEqual(['替代版本', '第3版']);
    expect(v.lines).toBeNull();
    expect(v.canAcknowledge).toBe(false);
  });
});
