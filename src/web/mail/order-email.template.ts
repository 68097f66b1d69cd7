import { AUTO_FOOTER, CELL, HEAD_CELL, type RenderedEmail, assertWebUrl, button, emailDocument, factsTable, para } from './email-layout.js';
import {
  type TemplateOrderLine,
  describeLineRequirement,
  describeReasons,
  escapeHtml,
  formatInterval,
  formatLocalTime,
  formatPercent,
  lineLabel,
  singleLine,
} from './mail-format.js';

export interface OrderEmailEnterprise {
  code: string;
  name: string;
  county: string;
}

export interface OrderEmailInput {
  cityName: string;
  commandCenter: string;
  /** Shown in the subject's 【】; default `${cityName}冬防指挥部`. */
  senderShortName?: string;
  directiveNumber: string;
  enterprise: OrderEmailEnterprise;
  orderId: string;
  /** Version number, 1-based. */
  modification: number;
  /** The version this one replaces, or null for the first. */
  supersedes: number | null;
  levelName: string | null;
  phaseName: string | null;
  effectiveFrom: string;
  /** null: until lifted (直至解除). */
  effectiveTo: string | null;
  ackDeadline: string;
  lines: TemplateOrderLine[];
  stoppedCapacityPercent: number;
  maxLoadPercent: number | null;
  notes: string[];
  ackUrl: string;
  linkExpiresAt: string;
  /** IANA zone for every time shown, e.g. Asia/Shanghai. */
  timezone: string;
}

export function senderTag(input: { cityName: string; senderShortName?: string }): string {
  return `【${singleLine(input.senderShortName ?? `${input.cityName}冬防指挥部`)}】`;
}

function controlRows(input: OrderEmailInput): Array<[string, string]> {
  const tz = input.timezone;
  return [
    ['企业名称', input.enterprise.name],
    ['企业编码', input.enterprise.code],
    ['所属县（市、区）', input.enterprise.county],
    ['指令文号', `${input.directiveNumber}（第${input.modification}版）`],
    ['管控级别', input.levelName ?? '无（不在预警或管控期间）'],
    ['错峰生产阶段', input.phaseName ?? '无'],
    ['执行时间', formatInterval(input.effectiveFrom, input.effectiveTo, tz)],
    ['签收截止', formatLocalTime(input.ackDeadline, tz)],
  ];
}

function enterpriseWide(input: OrderEmailInput): string[] {
  const out = [`停产产能占全厂产能比例：${formatPercent(input.stoppedCapacityPercent)}（按整条生产线或整个电解槽计）`];
  if (input.maxLoadPercent !== null) out.push(`全厂生产负荷不得超过最大允许负荷的 ${formatPercent(input.maxLoadPercent)}`);
  return out;
}

function versionNotice(input: OrderEmailInput): string | null {
  if (input.supersedes === null) return null;
  return `本指令为第${input.modification}版，替代第${input.supersedes}版。第${input.supersedes}版的签收链接已失效，请以本版为准并重新签收。`;
}

/** The order email: who, what, when, per-line requirements with their basis, the deadline and the signed link. */
export function renderOrderEmail(input: OrderEmailInput): RenderedEmail {
  const ackUrl = assertWebUrl(input.ackUrl, 'ackUrl');
  const tz = input.timezone;
  const deadline = formatLocalTime(input.ackDeadline, tz);
  const expires = formatLocalTime(input.linkExpiresAt, tz);
  const subject = singleLine(`${senderTag(input)}生产调控指令 ${input.directiveNumber} — ${input.enterprise.name} (第${input.modification}版)`);
  const title = `生产调控指令 ${input.directiveNumber}（第${input.modification}版）`;
  const notice = versionNotice(input);
  const linkNote = `链接有效期至 ${expires}。本链接仅对本版指令有效；指令如有更新，旧版链接随即失效，请以最新邮件中的链接为准。`;

  const text: string[] = [input.commandCenter, title, '', `致：${input.enterprise.name}（企业编码 ${input.enterprise.code}，${input.enterprise.county}）`, ''];
  if (notice) text.push(`【版本更新】${notice}`, '');
  text.push(...controlRows(input).map(([k, v]) => `${k}：${v}`), '', '各生产线要求：');
  if (input.lines.length === 0) text.push('  （本企业无登记生产线）');
  input.lines.forEach((line, i) => {
    text.push(`${i + 1}. ${lineLabel(line)}`, `   要求：${describeLineRequirement(line)}`);
    for (const r of describeReasons(line.reasons)) text.push(`   依据：${r}`);
  });
  text.push('', '全厂要求：', ...enterpriseWide(input).map((s) => `  - ${s}`));
  if (input.notes.length > 0) text.push('', '说明：', ...input.notes.map((n) => `  - ${n}`));
  text.push(
    '',
    `请于 ${deadline} 前打开以下链接签收本指令，并在各生产线落实后逐条确认：`,
    ackUrl,
    linkNote,
    '',
    `指令单号：${input.orderId}`,
    AUTO_FOOTER,
  );

  const rows = input.lines
    .map((line) => {
      const reasons = describeReasons(line.reasons).map((r) => escapeHtml(r)).join('<br>') || '—';
      const strong = line.action === 'run' ? '' : 'color:#b42318;font-weight:bold;';
      return `<tr><td style="${CELL}">${escapeHtml(lineLabel(line))}</td><td style="${CELL}${strong}">${escapeHtml(describeLineRequirement(line))}</td><td style="${CELL}font-size:13px;color:#57606a;">${reasons}</td></tr>`;
    })
    .join('');
  const lineTable =
    input.lines.length === 0
      ? para('（本企业无登记生产线）')
      : `<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:8px 0;"><thead><tr><th style="${HEAD_CELL}">生产线</th><th style="${HEAD_CELL}">要求</th><th style="${HEAD_CELL}">依据</th></tr></thead><tbody>${rows}</tbody></table>`;
  const list = (items: string[]): string =>
    `<ul style="margin:8px 0;padding-left:20px;">${items.map((s) => `<li style="font-size:14px;line-height:1.6;">${escapeHtml(s)}</li>`).join('')}</ul>`;

  const html = emailDocument(
    title,
    [
      para(input.commandCenter, 'color:#57606a;font-size:13px;'),
      `<h1 style="font-size:20px;margin:8px 0;">${escapeHtml(title)}</h1>`,
      para(`致：${input.enterprise.name}`),
      notice ? `<p style="margin:8px 0;padding:10px;background:#fff4e5;border:1px solid #f0b429;font-size:15px;line-height:1.6;">${escapeHtml(notice)}</p>` : '',
      factsTable(controlRows(input)),
      '<h2 style="font-size:17px;margin:16px 0 4px;">各生产线要求</h2>',
      lineTable,
      '<h2 style="font-size:17px;margin:16px 0 4px;">全厂要求</h2>',
      list(enterpriseWide(input)),
      input.notes.length > 0 ? `<h2 style="font-size:17px;margin:16px 0 4px;">说明</h2>${list(input.notes)}` : '',
      para(`请于 ${deadline} 前签收本指令，并在各生产线落实后逐条确认。`, 'font-weight:bold;'),
      button(ackUrl, '打开指令并签收'),
      para(`如按钮无法点击，请复制以下链接到浏览器打开：`, 'font-size:13px;'),
      `<p style="margin:4px 0;font-size:13px;word-break:break-all;"><a href="${escapeHtml(ackUrl)}">${escapeHtml(ackUrl)}</a></p>`,
      para(linkNote, 'font-size:13px;color:#57606a;'),
      para(`指令单号：${input.orderId}`, 'font-size:12px;color:#57606a;'),
      para(AUTO_FOOTER, 'font-size:12px;color:#57606a;'),
    ].join(''),
  );
  return { subject, text: text.join('\n'), html };
}
