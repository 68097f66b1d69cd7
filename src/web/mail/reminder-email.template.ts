import { html } from '../html/html.js';
import type { NoticeLink, OrderNoticeView } from '../notices/order-notice.view.js';
import { formatInterval, formatLocalTime } from '../shared/order-wording.js';
import { AUTO_FOOTER, type RenderedEmail, assertWebUrl, button, emailDocument, factsTable, para } from './email-layout.js';
import { singleLine } from './mail-format.js';
import { senderTag } from './order-email.template.js';

/** 签收提醒: sent shortly before the deadline to enterprises that have not acknowledged the current version. */
export function renderReminderEmail(notice: OrderNoticeView, link: NoticeLink): RenderedEmail {
  const ackUrl = assertWebUrl(link.url, 'ackUrl');
  const tz = notice.timezone;
  const deadline = formatLocalTime(notice.ackDeadline, tz);
  const start = formatLocalTime(notice.effectiveFrom, tz);
  // The reminder names the start: a version directed for later is told apart from the one in force.
  const subject = singleLine(`${senderTag(notice)}签收提醒 ${notice.directiveNumber} — ${notice.enterprise.name} (第${notice.modification}版，${start}起执行)，请于${deadline}前签收`);
  const lead = `贵单位尚未签收生产调控指令 ${notice.directiveNumber}（第${notice.modification}版，${formatInterval(notice.effectiveFrom, notice.effectiveTo, tz)}），签收截止时间为 ${deadline}。逾期未签收将报送所在县（市、区）及市冬防指挥部督办。`;
  const rows: Array<[string, string]> = [
    ['企业名称', notice.enterprise.name],
    ['企业编码', notice.enterprise.code],
    ['指令文号', `${notice.directiveNumber}（第${notice.modification}版）`],
    ['管控级别', notice.levelName ?? '无'],
    ['错峰生产阶段', notice.phaseName ?? '无'],
    ['执行时间', formatInterval(notice.effectiveFrom, notice.effectiveTo, tz)],
    ['签收截止', deadline],
  ];
  const linkNote = `链接有效期至 ${formatLocalTime(link.expiresAt, tz)}，仅对第${notice.modification}版有效。`;
  const text = [
    notice.commandCenter,
    '签收提醒',
    '',
    `致：${notice.enterprise.name}`,
    '',
    lead,
    '',
    ...rows.map(([k, v]) => `${k}：${v}`),
    '',
    '请立即打开以下链接查看指令并签收：',
    ackUrl,
    linkNote,
    '',
    `指令单号：${notice.orderId}`,
    AUTO_FOOTER,
  ].join('\n');
  const body = [
    para(notice.commandCenter, 'color:#57606a;font-size:13px;'),
    html`<h1 style="font-size:20px;margin:8px 0;">签收提醒</h1>`,
    para(`致：${notice.enterprise.name}`),
    html`<p style="margin:8px 0;padding:10px;background:#fff4e5;border:1px solid #f0b429;font-size:15px;line-height:1.6;">${lead}</p>`,
    factsTable(rows),
    button(ackUrl, '立即签收'),
    html`<p style="margin:4px 0;font-size:13px;word-break:break-all;"><a href="${ackUrl}">${ackUrl}</a></p>`,
    para(linkNote, 'font-size:13px;color:#57606a;'),
    para(`指令单号：${notice.orderId}`, 'font-size:12px;color:#57606a;'),
    para(AUTO_FOOTER, 'font-size:12px;color:#57606a;'),
  ];
  return { subject, text, html: emailDocument('签收提醒', body) };
}
