import { AUTO_FOOTER, type RenderedEmail, assertWebUrl, button, emailDocument, factsTable, para } from './email-layout.js';
import type { OrderEmailEnterprise } from './order-email.template.js';
import { senderTag } from './order-email.template.js';
import { escapeHtml, formatInterval, formatLocalTime, singleLine } from './mail-format.js';

export interface ReminderEmailInput {
  cityName: string;
  commandCenter: string;
  senderShortName?: string;
  directiveNumber: string;
  enterprise: OrderEmailEnterprise;
  orderId: string;
  modification: number;
  levelName: string | null;
  phaseName: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  ackDeadline: string;
  ackUrl: string;
  linkExpiresAt: string;
  timezone: string;
}

/** 签收提醒: sent shortly before the deadline to enterprises that have not acknowledged the current version. */
export function renderReminderEmail(input: ReminderEmailInput): RenderedEmail {
  const ackUrl = assertWebUrl(input.ackUrl, 'ackUrl');
  const tz = input.timezone;
  const deadline = formatLocalTime(input.ackDeadline, tz);
  const start = formatLocalTime(input.effectiveFrom, tz);
  // The reminder names the start: a version directed for later is told apart from the one in force.
  const subject = singleLine(`${senderTag(input)}签收提醒 ${input.directiveNumber} — ${input.enterprise.name} (第${input.modification}版，${start}起执行)，请于${deadline}前签收`);
  const lead = `贵单位尚未签收生产调控指令 ${input.directiveNumber}（第${input.modification}版，${formatInterval(input.effectiveFrom, input.effectiveTo, tz)}），签收截止时间为 ${deadline}。逾期未签收将报送所在县（市、区）及市冬防指挥部督办。`;
  const rows: Array<[string, string]> = [
    ['企业名称', input.enterprise.name],
    ['企业编码', input.enterprise.code],
    ['指令文号', `${input.directiveNumber}（第${input.modification}版）`],
    ['管控级别', input.levelName ?? '无'],
    ['错峰生产阶段', input.phaseName ?? '无'],
    ['执行时间', formatInterval(input.effectiveFrom, input.effectiveTo, tz)],
    ['签收截止', deadline],
  ];
  const linkNote = `链接有效期至 ${formatLocalTime(input.linkExpiresAt, tz)}，仅对第${input.modification}版有效。`;
  const text = [
    input.commandCenter,
    '签收提醒',
    '',
    `致：${input.enterprise.name}`,
    '',
    lead,
    '',
    ...rows.map(([k, v]) => `${k}：${v}`),
    '',
    '请立即打开以下链接查看指令并签收：',
    ackUrl,
    linkNote,
    '',
    `指令单号：${input.orderId}`,
    AUTO_FOOTER,
  ].join('\n');
  const html = emailDocument(
    '签收提醒',
    [
      para(input.commandCenter, 'color:#57606a;font-size:13px;'),
      `<h1 style="font-size:20px;margin:8px 0;">签收提醒</h1>`,
      para(`致：${input.enterprise.name}`),
      `<p style="margin:8px 0;padding:10px;background:#fff4e5;border:1px solid #f0b429;font-size:15px;line-height:1.6;">${escapeHtml(lead)}</p>`,
      factsTable(rows),
      button(ackUrl, '立即签收'),
      `<p style="margin:4px 0;font-size:13px;word-break:break-all;"><a href="${escapeHtml(ackUrl)}">${escapeHtml(ackUrl)}</a></p>`,
      para(linkNote, 'font-size:13px;color:#57606a;'),
      para(`指令单号：${input.orderId}`, 'font-size:12px;color:#57606a;'),
      para(AUTO_FOOTER, 'font-size:12px;color:#57606a;'),
    ].join(''),
  );
  return { subject, text, html };
}
