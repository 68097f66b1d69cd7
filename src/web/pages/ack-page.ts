import {
  type TemplateOrderLine,
  describeLineRequirement,
  describeReasons,
  escapeHtml,
  formatDatetimeLocalValue,
  formatInterval,
  formatLocalTime,
  formatPercent,
  lineLabel,
  needsImplementation,
  parseInstant,
} from '../../dispatch/templates/template-format.js';
import { factsTable, notice, pageDocument } from './page-layout.js';

export interface AckPageLine extends TemplateOrderLine {
  /** When the enterprise confirmed the line is stopped/limited; null if not yet. */
  implementedAt: string | null;
}

export type AckPageState =
  | { kind: 'pending' }
  | { kind: 'acknowledged'; acknowledgedAt: string; acknowledgedBy?: string | null }
  | { kind: 'superseded'; currentModification: number };

/** Where the version stands on the enterprise's timeline when the page is rendered. */
export interface AckPageTimeline {
  state: 'ahead' | 'in_force' | 'replaced' | 'ended';
  /** Start of its interval (ISO). */
  startsAt: string;
  /** End of its interval (ISO), null: until lifted. */
  endsAt: string | null;
  /** For `replaced`: the version that governs from its planned start instead. */
  replacedBy: { modification: number } | null;
}

export interface AckPageInput {
  commandCenter: string;
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
  timezone: string;
  /** The signed link itself: acknowledgement posts here, implementation to `{actionUrl}/implementation`. */
  actionUrl: string;
  state: AckPageState;
  timeline: AckPageTimeline;
  /** Render time (ISO): flags a passed deadline and pre-fills the time inputs. */
  now?: string;
  /** One-off message after a POST, e.g. 签收成功. */
  flash?: string | null;
}

export type LinkErrorReason = 'malformed' | 'bad_signature' | 'expired' | 'not_found';

/** `{actionUrl}/implementation`, keeping any query string at the end. */
export function implementationUrl(actionUrl: string): string {
  const q = actionUrl.indexOf('?');
  const path = q < 0 ? actionUrl : actionUrl.slice(0, q);
  return `${path.replace(/\/+$/, '')}/implementation${q < 0 ? '' : actionUrl.slice(q)}`;
}

function orderFacts(input: AckPageInput): string {
  const tz = input.timezone;
  return factsTable([
    ['企业', input.enterprise.name],
    ['企业编码', input.enterprise.code],
    ['所属县区', input.enterprise.county],
    ['指令文号', input.directiveNumber],
    ['版本', input.supersedes === null ? `第${input.modification}版` : `第${input.modification}版（替代第${input.supersedes}版）`],
    ['管控级别', input.levelName ?? '无'],
    ['错峰阶段', input.phaseName ?? '无'],
    ['执行时间', formatInterval(input.effectiveFrom, input.effectiveTo, tz)],
    ['签收截止', formatLocalTime(input.ackDeadline, tz)],
  ]);
}

function lineCard(line: AckPageLine, input: AckPageInput, withForm: boolean): string {
  const tz = input.timezone;
  const basis = describeReasons(line.reasons)
    .map((r) => `<p class="basis">依据：${escapeHtml(r)}</p>`)
    .join('');
  let action = '';
  if (withForm && needsImplementation(line)) {
    if (line.implementedAt !== null) {
      action = `<p class="done">已确认落实：${escapeHtml(formatLocalTime(line.implementedAt, tz))}</p>`;
    } else {
      const id = `t-${line.code.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      const label = line.action === 'limit' && (line.stoppedCells === null || line.stoppedCells === 0) ? '限产时间' : '停产时间';
      const value = input.now ? ` value="${escapeHtml(formatDatetimeLocalValue(input.now, tz))}"` : '';
      action =
        `<form method="post" action="${escapeHtml(implementationUrl(input.actionUrl))}">` +
        `<input type="hidden" name="modification" value="${escapeHtml(input.modification)}">` +
        `<input type="hidden" name="lineCode" value="${escapeHtml(line.code)}">` +
        `<label for="${escapeHtml(id)}">${label}（当地时间）</label>` +
        `<input type="datetime-local" id="${escapeHtml(id)}" name="implementedAt" required${value}>` +
        '<button type="submit" class="secondary">确认已落实</button></form>';
    }
  }
  return (
    `<section class="card ${line.action}"><p class="name">${escapeHtml(lineLabel(line))}</p>` +
    `<p class="req">${escapeHtml(describeLineRequirement(line))}</p>${basis}${action}</section>`
  );
}

function orderBody(input: AckPageInput, withForms: boolean): string {
  const wide = [`停产产能占比：${formatPercent(input.stoppedCapacityPercent)}（按整条生产线或整个电解槽计）`];
  if (input.maxLoadPercent !== null) wide.push(`全厂生产负荷不得超过 ${formatPercent(input.maxLoadPercent)}`);
  return [
    `<div class="box">${orderFacts(input)}</div>`,
    '<h2>各生产线要求</h2>',
    input.lines.length === 0 ? '<p>（本企业无登记生产线）</p>' : input.lines.map((l) => lineCard(l, input, withForms)).join(''),
    '<h2>全厂要求</h2>',
    `<div class="box"><ul>${wide.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul></div>`,
    input.notes.length > 0 ? `<h2>说明</h2><div class="box"><ul>${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></div>` : '',
  ].join('\n');
}

function timelineNotice(t: AckPageTimeline, tz: string): string {
  const interval = formatInterval(t.startsAt, t.endsAt, tz);
  if (t.state === 'ahead') return notice('info', escapeHtml(`本版指令尚未生效：${interval}。请提前签收，并在生效前做好停产（限产）准备。`));
  if (t.state === 'ended') return notice('info', escapeHtml(`本版指令的执行期已结束（${interval}）。`));
  return notice('warn', escapeHtml(`本版指令正在执行：${interval}。`));
}

/** The page behind an order's signed link, in one of three states: to acknowledge, acknowledged (confirm lines), superseded. */
export function renderAckPage(input: AckPageInput): string {
  const tz = input.timezone;
  const title = `生产调控指令 ${input.directiveNumber}（第${input.modification}版）`;
  const head = `<p class="org">${escapeHtml(input.commandCenter)}</p>\n<h1>${escapeHtml(title)}</h1>`;
  const flash = input.flash ? notice('ok', escapeHtml(input.flash)) : '';
  const parts: string[] = [head, flash];
  const state = input.state;

  const timeline = input.timeline;
  if (state.kind === 'superseded' || timeline.state === 'replaced') {
    const by = timeline.replacedBy?.modification ?? (state.kind === 'superseded' ? state.currentModification : input.modification);
    parts.push(
      notice(
        'error',
        `<strong>本版指令在生效前已被替代，本链接已失效。</strong><br>` +
          escapeHtml(`第${input.modification}版原定${formatInterval(timeline.startsAt, null, tz).replace('，直至解除', '')}执行，生效前已被第${by}版替代。请以第${by}版为准，打开该版邮件中的链接签收。`),
      ),
      `<div class="box">${factsTable([
        ['企业', input.enterprise.name],
        ['指令文号', input.directiveNumber],
        ['本链接版本', `第${input.modification}版（已失效）`],
        ['替代版本', `第${by}版`],
      ])}</div>`,
    );
  } else {
    parts.push(timelineNotice(timeline, tz));
  }
  if (state.kind === 'superseded' || timeline.state === 'replaced') {
    // nothing more: the replaced version's requirements never applied
  } else if (state.kind === 'pending') {
    const overdue = input.now !== undefined && parseInstant(input.now) > parseInstant(input.ackDeadline);
    parts.push(
      overdue
        ? notice('error', escapeHtml(`已超过签收截止时间（${formatLocalTime(input.ackDeadline, tz)}），请立即签收并落实。`))
        : notice('warn', escapeHtml(`请于 ${formatLocalTime(input.ackDeadline, tz)} 前阅读并签收本指令。`)),
      orderBody(input, false),
      `<form method="post" action="${escapeHtml(input.actionUrl)}">` +
        `<input type="hidden" name="modification" value="${escapeHtml(input.modification)}">` +
        '<button type="submit">确认签收</button></form>',
      '<p class="basis">签收表示贵单位已收到并知悉本指令要求。签收后请在各生产线落实时逐条确认。</p>',
    );
  } else {
    const by = state.acknowledgedBy ? `（${state.acknowledgedBy}）` : '';
    const open = input.lines.filter((l) => needsImplementation(l) && l.implementedAt === null).length;
    parts.push(
      notice('ok', escapeHtml(`已签收：${formatLocalTime(state.acknowledgedAt, tz)}${by}`)),
      open > 0
        ? notice('info', escapeHtml(`尚有 ${open} 条生产线未确认落实。请在停产（限产）到位后，填写时间并点击“确认已落实”。`))
        : input.lines.some(needsImplementation)
          ? notice('ok', '各生产线均已确认落实。')
          : '',
      orderBody(input, true),
    );
  }
  parts.push(`<footer>${escapeHtml(input.commandCenter)}　如有疑问，请联系所在县（市、区）冬防办。</footer>`);
  return pageDocument(title, parts.filter((p) => p !== '').join('\n'));
}

const LINK_ERRORS: Record<LinkErrorReason, { title: string; message: string }> = {
  expired: { title: '链接已过期', message: '该签收链接已超过有效期。如需查看或签收指令，请联系所在县（市、区）冬防办重新发送。' },
  malformed: { title: '链接无效', message: '链接不完整。请从指令邮件中直接点击链接，或完整复制邮件中的链接后在浏览器中打开。如仍无法打开，请联系所在县（市、区）冬防办。' },
  bad_signature: { title: '链接无效', message: '链接无法验证，可能已被修改或复制不完整。请从指令邮件中直接点击链接打开。如仍无法打开，请联系所在县（市、区）冬防办。' },
  not_found: { title: '指令不存在', message: '未找到该链接对应的指令，可能已被撤销。请以最新收到的指令邮件为准，或联系所在县（市、区）冬防办。' },
};

/** Shown instead of the order when the link fails verification; says what to do next, never why in technical terms. */
export function renderLinkErrorPage(reason: LinkErrorReason): string {
  const e = LINK_ERRORS[reason];
  return pageDocument(e.title, `<h1>${escapeHtml(e.title)}</h1>\n${notice('error', escapeHtml(e.message))}`);
}

/** A plain confirmation or error page (e.g. after a POST). */
export function renderMessagePage(title: string, message: string, options: { tone?: 'ok' | 'info' | 'warn' | 'error'; backUrl?: string | null } = {}): string {
  const back = options.backUrl ? `\n<p><a class="btn" href="${escapeHtml(options.backUrl)}">返回指令</a></p>` : '';
  return pageDocument(title, `<h1>${escapeHtml(title)}</h1>\n${notice(options.tone ?? 'ok', escapeHtml(message))}${back}`);
}
