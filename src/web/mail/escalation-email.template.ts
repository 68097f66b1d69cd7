import { html, raw } from '../html/html.js';
import type { OrderNoticeEnterprise } from '../notices/order-notice.view.js';
import { formatLocalTime, requireInstant } from '../shared/order-wording.js';
import { CELL, HEAD_CELL, type RenderedEmail, assertWebUrl, button, emailDocument, para } from './email-layout.js';
import { singleLine } from './mail-format.js';
import { senderTag } from './order-email.template.js';

export interface OverdueEnterprise {
  enterprise: OrderNoticeEnterprise;
  directiveNumber: string;
  modification: number;
  ackDeadline: string;
  /** Who to call, if the registry has one (e.g. 环保负责人 张三 13800000000). */
  contact?: string | null;
}

export interface EscalationEmailInput {
  cityName: string;
  commandCenter: string;
  senderShortName?: string;
  /** 1: to the county officers; 2: to the command center. */
  stage: 1 | 2;
  /** Stage 2 only: to the shift leader on duty (值班长), the duty officer having not answered. */
  shiftLeader?: boolean;
  /** Stage 1: the county addressed; stage 2: null for the whole city (or a county name when reported per county). */
  countyName: string | null;
  /** When the list was drawn up; overdue times are measured from here. */
  generatedAt: string;
  overdue: OverdueEnterprise[];
  /** Link to the console's acknowledgement view, if any. */
  consoleUrl: string | null;
  timezone: string;
}

function overdueFor(deadline: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - requireInstant(deadline)) / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}小时${m}分钟` : `${m}分钟`;
}

/** 逾期未签收督办: stage 1 goes to the county, stage 2 to the command center; one list per message. */
export function renderEscalationEmail(input: EscalationEmailInput): RenderedEmail {
  const tz = input.timezone;
  const now = requireInstant(input.generatedAt);
  const consoleUrl = input.consoleUrl === null ? null : assertWebUrl(input.consoleUrl, 'consoleUrl');
  const leader = input.stage === 2 && input.shiftLeader === true;
  const stageName = input.stage === 1 ? '第一级督办（县区）' : leader ? '第二级督办（值班长）' : '第二级督办（指挥部）';
  const scope = input.countyName ?? '全市';
  const addressee = input.stage === 1 ? `${scope}冬防办（生态环境分局）` : leader ? `${input.commandCenter}值班长` : `${input.commandCenter}值班室`;
  const subject = singleLine(`${senderTag(input)}逾期未签收企业 ${stageName} — ${scope} ${input.overdue.length}家`);
  const lead =
    input.stage === 1
      ? `截至 ${formatLocalTime(input.generatedAt, tz)}，以下 ${input.overdue.length} 家企业已超过签收截止时间仍未签收生产调控指令。请立即督促企业签收并落实各项减排措施。`
      : leader
        ? `截至 ${formatLocalTime(input.generatedAt, tz)}，以下 ${input.overdue.length} 家企业经县区督办、报指挥部值班员后仍未签收生产调控指令，值班员尚未处理，现报值班长，请协调处理。`
        : `截至 ${formatLocalTime(input.generatedAt, tz)}，以下 ${input.overdue.length} 家企业经县区督办后仍未签收生产调控指令，现报指挥部，请协调处理。`;
  const sorted = [...input.overdue].sort((a, b) => requireInstant(a.ackDeadline) - requireInstant(b.ackDeadline) || a.enterprise.code.localeCompare(b.enterprise.code));
  const rowText = (o: OverdueEnterprise): string[] => [
    o.enterprise.name,
    o.enterprise.code,
    o.enterprise.county,
    `${o.directiveNumber}（第${o.modification}版）`,
    formatLocalTime(o.ackDeadline, tz),
    overdueFor(o.ackDeadline, now),
    o.contact ?? '—',
  ];
  const headers = ['企业名称', '企业编码', '县（市、区）', '指令文号', '签收截止', '已逾期', '联系人'];

  const text = [
    input.commandCenter,
    `逾期未签收企业 ${stageName}`,
    '',
    `致：${addressee}`,
    '',
    lead,
    '',
    ...sorted.map((o, i) => {
      const r = rowText(o);
      return `${i + 1}. ${r[0]}（${r[1]}，${r[2]}）\n   指令：${r[3]}\n   签收截止：${r[4]}，已逾期 ${r[5]}\n   联系人：${r[6]}`;
    }),
    ...(sorted.length === 0 ? ['（无逾期企业）'] : []),
    ...(consoleUrl ? ['', `签收情况详见：${consoleUrl}`] : []),
  ].join('\n');

  const cell = raw(CELL);
  const table = html`<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:8px 0;"><thead><tr>${headers.map((h) => html`<th style="${raw(HEAD_CELL)}">${h}</th>`)}</tr></thead><tbody>${sorted.map((o) => html`<tr>${rowText(o).map((c) => html`<td style="${cell}">${c}</td>`)}</tr>`)}</tbody></table>`;
  const body = [
    para(input.commandCenter, 'color:#57606a;font-size:13px;'),
    html`<h1 style="font-size:20px;margin:8px 0;">${`逾期未签收企业 ${stageName}`}</h1>`,
    para(`致：${addressee}`),
    para(lead),
    sorted.length === 0 ? para('（无逾期企业）') : html`<div style="overflow-x:auto;">${table}</div>`,
    html`${consoleUrl !== null && button(consoleUrl, '查看签收情况')}`,
  ];
  return { subject, text, html: emailDocument(`逾期未签收企业 ${stageName}`, body) };
}
