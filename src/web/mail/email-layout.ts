import { type SafeHtml, html, raw } from '../html/html.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Links in mail must be web links; anything else (javascript:, data:) is a bug upstream, so fail loudly. */
export function assertWebUrl(url: string, field: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new Error(`${field} must be an http(s) URL, got ${JSON.stringify(url)}`);
  return url;
}

export const CELL = 'padding:8px;border:1px solid #d0d7de;vertical-align:top;text-align:left;font-size:14px;line-height:1.5;';
export const HEAD_CELL = `${CELL}background:#f3f4f6;font-weight:bold;`;

/** `<p>` of escaped text; the style is a constant of the templates. */
export function para(text: string, style = ''): SafeHtml {
  return html`<p style="margin:8px 0;font-size:15px;line-height:1.6;${raw(style)}">${text}</p>`;
}

/** A label/value table: phones render two narrow columns better than a wide grid. */
export function factsTable(rows: Array<[string, string]>): SafeHtml {
  const body = rows.map(([k, v]) => html`<tr><th scope="row" style="${raw(HEAD_CELL)}width:30%;white-space:nowrap;">${k}</th><td style="${raw(CELL)}">${v}</td></tr>`);
  return html`<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:8px 0;">${body}</table>`;
}

export function button(url: string, label: string): SafeHtml {
  return html`<p style="margin:16px 0;"><a href="${url}" style="display:inline-block;padding:12px 24px;background:#b42318;color:#ffffff;text-decoration:none;border-radius:6px;font-size:16px;font-weight:bold;">${label}</a></p>`;
}

/** Full HTML document with a single centred column; no external assets, inline styles only (mail clients strip the rest). */
export function emailDocument(title: string, body: SafeHtml | SafeHtml[]): string {
  return String(
    html`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="margin:0;padding:0;background:#ffffff;color:#1f2328;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;"><div style="max-width:640px;margin:0 auto;padding:12px;">${body}</div></body></html>`,
  );
}

export const AUTO_FOOTER = '本邮件由系统自动发送，请勿直接回复。如有疑问，请联系所在县（市、区）冬防办。';
