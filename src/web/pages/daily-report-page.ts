import type { DailyReport } from '../../compliance/reports.service.js';
import { escapeHtml } from '../mail/mail-format.js';
import { pageDocument } from './page-layout.js';

/** The daily report as a printable page (A4 landscape fits the table; the phone scrolls it). */
export function renderDailyReportPage(r: DailyReport, meta: { commandCenter: string; asOfText: string }): string {
  const head = ['县区', '响应级别', '指令', '已签收', '签收率', '已落实', '落实率', '逾期', '核查企业', '违规', '扣缴(元)', '报告不符'];
  const row = (cells: Array<string | number>, strong = false) =>
    `<tr>${cells.map((c) => `<td style="padding:6px;border:1px solid #ccc;${strong ? 'font-weight:bold;' : ''}">${escapeHtml(c)}</td>`).join('')}</tr>`;
  const body = [
    ...r.counties.map((c) => row([c.county, c.levelName ?? '无', c.orders, c.acknowledged, `${c.acknowledgementRate}%`, c.implemented, `${c.implementationRate}%`, c.overdue, c.inspections, c.violations, c.penaltyYuan.toLocaleString('zh-CN'), c.reportDiscrepancies])),
    row(['合计', '', r.totals.orders, r.totals.acknowledged, `${r.totals.acknowledgementRate}%`, r.totals.implemented, `${r.totals.implementationRate}%`, r.totals.overdue, r.totals.inspections, r.totals.violations, r.totals.penaltyYuan.toLocaleString('zh-CN'), r.totals.reportDiscrepancies], true),
  ].join('');
  const html = `
<style>@media print { @page { size: A4 landscape; margin: 12mm } .noprint { display: none } }</style>
<h1 style="font-size:20px">${escapeHtml(meta.commandCenter)} 冬防工作日报</h1>
<p>日期：${escapeHtml(r.date)}（统计截至 ${escapeHtml(meta.asOfText)}）</p>
<div style="overflow-x:auto"><table style="border-collapse:collapse;font-size:14px;min-width:640px">
<thead><tr>${head.map((h) => `<th style="padding:6px;border:1px solid #ccc;background:#f3f4f6">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${body}</tbody></table></div>
<p class="noprint"><button onclick="window.print()" style="font-size:16px;padding:8px 16px">打印</button></p>`;
  return pageDocument(`冬防工作日报 ${r.date}`, html);
}
