import {
  type TemplateOrderLine,
  describeLineRequirement,
  describeReasons,
  formatDatetimeLocalValue,
  formatInterval,
  formatLocalTime,
  formatPercent,
  lineLabel,
  needsImplementation,
  parseInstant,
} from './order-wording.js';

/**
 * The acknowledgement page's view model, as `GET /api/v1/ack/:token` answers it, and the
 * one function that turns it into what the page says. Pure (no Vue, no Node): the server
 * builds the model, the page (src/web/phone/ack) renders `describeAckPage`.
 */
export interface AckPageLine extends TemplateOrderLine {
  /** When the enterprise confirmed the line is stopped/limited; null if not yet. */
  implementedAt: string | null;
}

export type AckPageState =
  | { kind: 'pending' }
  | { kind: 'acknowledged'; acknowledgedAt: string; acknowledgedBy?: string | null }
  | { kind: 'superseded'; currentModification: number };

export interface AckPageModel {
  commandCenter: string;
  timezone: string;
  directiveNumber: string;
  enterprise: { code: string; name: string; county: string };
  modification: number;
  supersedes: number | null;
  levelName: string | null;
  phaseName: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  ackDeadline: string;
  lines: AckPageLine[];
  stoppedCapacityPercent: number;
  maxLoadPercent: number | null;
  notes: string[];
  state: AckPageState;
  /** The server's time when it answered: flags a passed deadline and pre-fills the time inputs. */
  now: string;
}

export type Tone = 'warn' | 'error' | 'ok' | 'info';

export interface Notice {
  tone: Tone;
  /** The first line is the headline. */
  lines: string[];
}

export interface AckLineView {
  code: string;
  label: string;
  action: TemplateOrderLine['action'];
  requirement: string;
  basis: string[];
  /** null: nothing to confirm here (a running line, or the order is not acknowledged yet). */
  implementation: null | { done: true; text: string } | { done: false; label: string; defaultValue: string };
}

export interface AckPageView {
  title: string;
  commandCenter: string;
  notices: Notice[];
  facts: Array<[string, string]>;
  /** Whether to offer 确认签收. */
  canAcknowledge: boolean;
  /** The order itself is shown (not for a replaced version). */
  lines: AckLineView[] | null;
  wide: string[];
  notes: string[];
}

function lineView(line: AckPageLine, model: AckPageModel, withForm: boolean): AckLineView {
  const tz = model.timezone;
  let implementation: AckLineView['implementation'] = null;
  if (withForm && needsImplementation(line)) {
    implementation =
      line.implementedAt !== null
        ? { done: true, text: `已确认落实：${formatLocalTime(line.implementedAt, tz)}` }
        : {
            done: false,
            label: `${line.action === 'limit' && (line.stoppedCells === null || line.stoppedCells === 0) ? '限产时间' : '停产时间'}（当地时间）`,
            defaultValue: formatDatetimeLocalValue(model.now, tz),
          };
  }
  return { code: line.code, label: lineLabel(line), action: line.action, requirement: describeLineRequirement(line), basis: describeReasons(line.reasons), implementation };
}

/** What the page says for the model: to acknowledge, acknowledged (confirm lines), or replaced. */
export function describeAckPage(model: AckPageModel): AckPageView {
  const tz = model.timezone;
  const title = `生产调控指令 ${model.directiveNumber}（第${model.modification}版）`;
  const state = model.state;
  const wide = [`停产产能占比：${formatPercent(model.stoppedCapacityPercent)}（按整条生产线或整个电解槽计）`];
  if (model.maxLoadPercent !== null) wide.push(`全厂生产负荷不得超过 ${formatPercent(model.maxLoadPercent)}`);
  const facts: Array<[string, string]> = [
    ['企业', model.enterprise.name],
    ['企业编码', model.enterprise.code],
    ['所属县区', model.enterprise.county],
    ['指令文号', model.directiveNumber],
    ['版本', model.supersedes === null ? `第${model.modification}版` : `第${model.modification}版（替代第${model.supersedes}版）`],
    ['管控级别', model.levelName ?? '无'],
    ['错峰阶段', model.phaseName ?? '无'],
    ['执行时间', formatInterval(model.effectiveFrom, model.effectiveTo, tz)],
    ['签收截止', formatLocalTime(model.ackDeadline, tz)],
  ];
  const base = { title, commandCenter: model.commandCenter, wide, notes: model.notes };

  if (state.kind === 'superseded') {
    const cur = state.currentModification;
    return {
      ...base,
      notices: [
        {
          tone: 'error',
          lines: ['本版指令已被替代，本链接已失效。', `第${model.modification}版已被第${cur}版替代。新版指令及新的签收链接已通过邮件发送，请以第${cur}版为准，打开新邮件中的链接签收。`],
        },
      ],
      facts: [
        ['企业', model.enterprise.name],
        ['指令文号', model.directiveNumber],
        ['本链接版本', `第${model.modification}版（已失效）`],
        ['当前版本', `第${cur}版`],
      ],
      canAcknowledge: false,
      lines: null,
    };
  }
  if (state.kind === 'pending') {
    const overdue = parseInstant(model.now) > parseInstant(model.ackDeadline);
    const deadline = formatLocalTime(model.ackDeadline, tz);
    return {
      ...base,
      notices: [overdue ? { tone: 'error', lines: [`已超过签收截止时间（${deadline}），请立即签收并落实。`] } : { tone: 'warn', lines: [`请于 ${deadline} 前阅读并签收本指令。`] }],
      facts,
      canAcknowledge: true,
      lines: model.lines.map((l) => lineView(l, model, false)),
    };
  }
  const by = state.acknowledgedBy ? `（${state.acknowledgedBy}）` : '';
  const open = model.lines.filter((l) => needsImplementation(l) && l.implementedAt === null).length;
  const notices: Notice[] = [{ tone: 'ok', lines: [`已签收：${formatLocalTime(state.acknowledgedAt, tz)}${by}`] }];
  if (open > 0) notices.push({ tone: 'info', lines: [`尚有 ${open} 条生产线未确认落实。请在停产（限产）到位后，填写时间并点击“确认已落实”。`] });
  else if (model.lines.some(needsImplementation)) notices.push({ tone: 'ok', lines: ['各生产线均已确认落实。'] });
  return { ...base, notices, facts, canAcknowledge: false, lines: model.lines.map((l) => lineView(l, model, true)) };
}
