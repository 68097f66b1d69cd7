import { describeLineRequirement, describeReasons, formatDatetimeLocalValue, formatInterval, formatLocalTime, formatPercent, lineLabel, needsImplementation, requireInstant } from './order-wording.js';
import type { OrderNoticeLine, OrderNoticeView } from '../notices/order-notice.view.js';

/**
 * The acknowledgement page's view model, as `GET /api/v1/ack/:token` answers it, and the
 * one function that turns it into what the page says. Pure (no Vue, no Node): the server
 * builds the model (`ackPageModel`, from the order notice view), the page (src/web/phone/ack)
 * renders `describeAckPage`.
 */
export type AckPageLine = OrderNoticeLine;

export type AckPageState = { kind: 'pending' } | { kind: 'acknowledged'; acknowledgedAt: string; acknowledgedBy?: string | null } | { kind: 'superseded'; currentModification: number };

/** Where the version stands on the enterprise's timeline when the server answered. */
export interface AckPageTimeline {
  state: 'ahead' | 'in_force' | 'replaced' | 'ended';
  /** Start of its interval (ISO). */
  startsAt: string;
  /** End of its interval (ISO); null: until lifted. */
  endsAt: string | null;
  /** For `replaced`: the version that governs from its planned start instead. */
  replacedBy: { modification: number } | null;
}

/** Where the enterprise stands with the version, beside the order itself. */
export interface AckPageStatus {
  state: AckPageState;
  /** Absent from a server that does not place versions on a timeline: the page then says nothing about it. */
  timeline?: AckPageTimeline;
  /** The server's time when it answered: flags a passed deadline and pre-fills the time inputs. */
  now: string;
}

/** The order as the page shows it (not the e-mail's city name, sender or order id) and its status. */
export type AckPageModel = Omit<OrderNoticeView, 'cityName' | 'senderShortName' | 'orderId'> & AckPageStatus;

/** Who acknowledged, as the page names it: a receipt through the link (actor `link:<code>`) says so. */
export function acknowledgedByText(by: string | null): string | null {
  return by !== null && by.startsWith('link:') ? '通过邮件链接签收' : by;
}

export function ackPageModel(notice: OrderNoticeView, status: AckPageStatus): AckPageModel {
  const { cityName: _city, senderShortName: _sender, orderId: _order, ...shown } = notice;
  return { ...shown, ...status };
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
  action: OrderNoticeLine['action'];
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

function timelineNotice(t: AckPageTimeline, tz: string): Notice {
  const interval = formatInterval(t.startsAt, t.endsAt, tz);
  if (t.state === 'ahead') return { tone: 'info', lines: [`本版指令尚未生效：${interval}。请提前签收，并在生效前做好停产（限产）准备。`] };
  if (t.state === 'ended') return { tone: 'info', lines: [`本版指令的执行期已结束（${interval}）。`] };
  return { tone: 'warn', lines: [`本版指令正在执行：${interval}。`] };
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

  const timeline = model.timeline;
  if (state.kind === 'superseded' || timeline?.state === 'replaced') {
    const by = timeline?.replacedBy?.modification ?? (state.kind === 'superseded' ? state.currentModification : model.modification);
    const lines = timeline
      ? [
          '本版指令在生效前已被替代，本链接已失效。',
          `第${model.modification}版原定${formatInterval(timeline.startsAt, null, tz).replace('，直至解除', '')}执行，生效前已被第${by}版替代。请以第${by}版为准，打开该版邮件中的链接签收。`,
        ]
      : ['本版指令已被替代，本链接已失效。', `第${model.modification}版已被第${by}版替代。新版指令及新的签收链接已通过邮件发送，请以第${by}版为准，打开新邮件中的链接签收。`];
    return {
      ...base,
      notices: [{ tone: 'error', lines }],
      facts: [
        ['企业', model.enterprise.name],
        ['指令文号', model.directiveNumber],
        ['本链接版本', `第${model.modification}版（已失效）`],
        [timeline ? '替代版本' : '当前版本', `第${by}版`],
      ],
      canAcknowledge: false,
      lines: null,
    };
  }
  const timing: Notice[] = timeline ? [timelineNotice(timeline, tz)] : [];
  if (state.kind === 'pending') {
    const overdue = requireInstant(model.now) > requireInstant(model.ackDeadline);
    const deadline = formatLocalTime(model.ackDeadline, tz);
    return {
      ...base,
      notices: [...timing, overdue ? { tone: 'error', lines: [`已超过签收截止时间（${deadline}），请立即签收并落实。`] } : { tone: 'warn', lines: [`请于 ${deadline} 前阅读并签收本指令。`] }],
      facts,
      canAcknowledge: true,
      lines: model.lines.map((l) => lineView(l, model, false)),
    };
  }
  const by = state.acknowledgedBy ? `（${state.acknowledgedBy}）` : '';
  const open = model.lines.filter((l) => needsImplementation(l) && l.implementedAt === null).length;
  const notices: Notice[] = [...timing, { tone: 'ok', lines: [`已签收：${formatLocalTime(state.acknowledgedAt, tz)}${by}`] }];
  if (open > 0) notices.push({ tone: 'info', lines: [`尚有 ${open} 条生产线未确认落实。请在停产（限产）到位后，填写时间并点击“确认已落实”。`] });
  else if (model.lines.some(needsImplementation)) notices.push({ tone: 'ok', lines: ['各生产线均已确认落实。'] });
  return { ...base, notices, facts, canAcknowledge: false, lines: model.lines.map((l) => lineView(l, model, true)) };
}
