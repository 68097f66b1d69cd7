import { html, joinHtml, raw } from '../html/html.js';
import type { NoticeLink, OrderNoticeView } from '../notices/order-notice.view.js';
import { describeLineRequirement, describeReasons, formatInterval, formatLocalTime, formatPercent, lineLabel } from '../shared/order-wording.js';
import { AUTO_FOOTER, CELL, HEAD_CELL, type RenderedEmail, assertWebUrl, button, emailDocument, factsTable, para } from './email-layout.js';
import { singleLine } from './mail-format.js';

export function senderTag(input: { cityName: string; senderShortName?: string }): string {
  return `【${singleLine(input.senderShortName ?? `${input.cityName}冬防指挥部`)}】`;
}

function controlRows(notice: OrderNoticeView): Array<[string, string]> {
  const tz = notice.timezone;
  return [
    ['企业名称', notice.enterprise.name],
    ['企业编码', notice.enterprise.code],
    ['所属县（市、区）', notice.enterprise.county],
    ['指令文号', `${notice.directiveNumber}（第${notice.modification}版）`],
    ['管控级别', notice.levelName ?? '无（不在预警或管控期间）'],
    ['错峰生产阶段', notice.phaseName ?? '无'],
    ['执行时间', formatInterval(notice.effectiveFrom, notice.effectiveTo, tz)],
    ['签收截止', formatLocalTime(notice.ackDeadline, tz)],
  ];
}

function enterpriseWide(notice: OrderNoticeView): string[] {
  const out = [`停产产能占全厂产能比例：${formatPercent(notice.stoppedCapacityPercent)}（按整条生产线或整个电解槽计）`];
  if (notice.maxLoadPercent !== null) out.push(`全厂生产负荷不得超过最大允许负荷的 ${formatPercent(notice.maxLoadPercent)}`);
  return out;
}

function versionNotice(notice: OrderNoticeView): string | null {
  if (notice.supersedes === null) return null;
  return `本指令为第${notice.modification}版，替代第${notice.supersedes}版。第${notice.supersedes}版的签收链接已失效，请以本版为准并重新签收。`;
}

/** The order email: who, what, when, per-line requirements with their basis, the deadline and the signed link. */
export function renderOrderEmail(notice: OrderNoticeView, link: NoticeLink): RenderedEmail {
  const ackUrl = assertWebUrl(link.url, 'ackUrl');
  const tz = notice.timezone;
  const deadline = formatLocalTime(notice.ackDeadline, tz);
  const expires = formatLocalTime(link.expiresAt, tz);
  const subject = singleLine(`${senderTag(notice)}生产调控指令 ${notice.directiveNumber} — ${notice.enterprise.name} (第${notice.modification}版)`);
  const title = `生产调控指令 ${notice.directiveNumber}（第${notice.modification}版）`;
  const versionText = versionNotice(notice);
  const linkNote = `链接有效期至 ${expires}。本链接仅对本版指令有效；指令如有更新，旧版链接随即失效，请以最新邮件中的链接为准。`;

  const text: string[] = [notice.commandCenter, title, '', `致：${notice.enterprise.name}（企业编码 ${notice.enterprise.code}，${notice.enterprise.county}）`, ''];
  if (versionText) text.push(`【版本更新】${versionText}`, '');
  text.push(...controlRows(notice).map(([k, v]) => `${k}：${v}`), '', '各生产线要求：');
  if (notice.lines.length === 0) text.push('  （本企业无登记生产线）');
  notice.lines.forEach((line, i) => {
    text.push(`${i + 1}. ${lineLabel(line)}`, `   要求：${describeLineRequirement(line)}`);
    for (const r of describeReasons(line.reasons)) text.push(`   依据：${r}`);
  });
  text.push('', '全厂要求：', ...enterpriseWide(notice).map((s) => `  - ${s}`));
  if (notice.notes.length > 0) text.push('', '说明：', ...notice.notes.map((n) => `  - ${n}`));
  text.push('', `请于 ${deadline} 前打开以下链接签收本指令，并在各生产线落实后逐条确认：`, ackUrl, linkNote, '', `指令单号：${notice.orderId}`, AUTO_FOOTER);

  const cell = raw(CELL);
  const head = raw(HEAD_CELL);
  const rows = notice.lines.map((line) => {
    const reasons = describeReasons(line.reasons);
    const strong = raw(line.action === 'run' ? '' : 'color:#b42318;font-weight:bold;');
    return html`<tr><td style="${cell}">${lineLabel(line)}</td><td style="${cell}${strong}">${describeLineRequirement(line)}</td><td style="${cell}font-size:13px;color:#57606a;">${reasons.length > 0 ? joinHtml(reasons, raw('<br>')) : '—'}</td></tr>`;
  });
  const lineTable =
    notice.lines.length === 0
      ? para('（本企业无登记生产线）')
      : html`<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:8px 0;"><thead><tr><th style="${head}">生产线</th><th style="${head}">要求</th><th style="${head}">依据</th></tr></thead><tbody>${rows}</tbody></table>`;
  const list = (items: string[]) => html`<ul style="margin:8px 0;padding-left:20px;">${items.map((s) => html`<li style="font-size:14px;line-height:1.6;">${s}</li>`)}</ul>`;

  const body = [
    para(notice.commandCenter, 'color:#57606a;font-size:13px;'),
    html`<h1 style="font-size:20px;margin:8px 0;">${title}</h1>`,
    para(`致：${notice.enterprise.name}`),
    html`${versionText !== null && html`<p style="margin:8px 0;padding:10px;background:#fff4e5;border:1px solid #f0b429;font-size:15px;line-height:1.6;">${versionText}</p>`}`,
    factsTable(controlRows(notice)),
    html`<h2 style="font-size:17px;margin:16px 0 4px;">各生产线要求</h2>`,
    lineTable,
    html`<h2 style="font-size:17px;margin:16px 0 4px;">全厂要求</h2>`,
    list(enterpriseWide(notice)),
    html`${notice.notes.length > 0 && html`<h2 style="font-size:17px;margin:16px 0 4px;">说明</h2>${list(notice.notes)}`}`,
    para(`请于 ${deadline} 前签收本指令，并在各生产线落实后逐条确认。`, 'font-weight:bold;'),
    button(ackUrl, '打开指令并签收'),
    para(`如按钮无法点击，请复制以下链接到浏览器打开：`, 'font-size:13px;'),
    html`<p style="margin:4px 0;font-size:13px;word-break:break-all;"><a href="${ackUrl}">${ackUrl}</a></p>`,
    para(linkNote, 'font-size:13px;color:#57606a;'),
    para(`指令单号：${notice.orderId}`, 'font-size:12px;color:#57606a;'),
    para(AUTO_FOOTER, 'font-size:12px;color:#57606a;'),
  ];
  return { subject, text: text.join('\n'), html: emailDocument(title, body) };
}
