import { html } from '../html/html.js';
import { formatLocalTime } from '../shared/order-wording.js';
import { label, POLLUTANT_TEXT } from '../shared/wording.js';
import { pageDocument } from './page-layout.js';

/** The figures of one row of the daily report (a county, or the totals). */
export interface DailyReportFigures {
  orders: number;
  acknowledged: number;
  acknowledgementRate: number;
  implemented: number;
  implementationRate: number;
  overdue: number;
  inspections: number;
  /** Inspection records (the CSV shows them; the page does not). */
  findings: number;
  violations: number;
  penaltyYuan: number;
  reportDiscrepancies: number;
}

/** One stage of a pollutant's reduction: t/day and percent of the baseline. */
export interface ReductionStageView {
  tonnesPerDay: number;
  percent: number | null;
  shortfall: boolean;
}

/** The reduction of one level directive in force that day (issue 12, item 4). */
export interface DailyReductionView {
  number: string;
  levelName: string | null;
  counties: readonly string[];
  /** Accounted as of this instant (ISO). */
  at: string;
  stages: ReadonlyArray<{
    pollutant: string;
    baselineTonnesPerDay: number;
    targetPercent: number | null;
    planned: ReductionStageView;
    confirmed: ReductionStageView;
    verified: ReductionStageView;
  }>;
}

/** The daily report as the page shows it (the compliance module's report has these fields). */
export interface DailyReportView {
  date: string;
  /** When the figures were taken (ISO). */
  asOf: string;
  counties: Array<DailyReportFigures & { county: string; levelName: string | null }>;
  totals: DailyReportFigures;
  reduction?: readonly DailyReductionView[];
}

const pct = (p: number | null): string => (p === null ? '—' : `${p}%`);

/** The daily report as a printable page (A4 landscape fits the table; the phone scrolls it). */
export function renderDailyReportPage(r: DailyReportView, meta: { commandCenter: string; timezone: string }): string {
  const asOfText = formatLocalTime(r.asOf, meta.timezone);
  const head = ['县区', '响应级别', '指令', '已签收', '签收率', '已落实', '落实率', '逾期', '核查企业', '违规', '扣缴(元)', '报告不符'];
  const row = (cells: Array<string | number>, strong = false) =>
    html`<tr>${cells.map((c) => (strong ? html`<td style="padding:6px;border:1px solid #ccc;font-weight:bold;">${c}</td>` : html`<td style="padding:6px;border:1px solid #ccc;">${c}</td>`))}</tr>`;
  const figures = (f: DailyReportFigures) => [
    f.orders,
    f.acknowledged,
    `${f.acknowledgementRate}%`,
    f.implemented,
    `${f.implementationRate}%`,
    f.overdue,
    f.inspections,
    f.violations,
    f.penaltyYuan.toLocaleString('zh-CN'),
    f.reportDiscrepancies,
  ];
  const body = [...r.counties.map((c) => row([c.county, c.levelName ?? '无', ...figures(c)])), row(['合计', '', ...figures(r.totals)], true)];
  const cell = 'padding:6px;border:1px solid #ccc;';
  const stageCell = (st: ReductionStageView) =>
    st.shortfall
      ? html`<td style="${cell}color:#c0392b;font-weight:bold;">${st.tonnesPerDay} 吨/日（${pct(st.percent)}）</td>`
      : html`<td style="${cell}">${st.tonnesPerDay} 吨/日（${pct(st.percent)}）</td>`;
  const reductions = r.reduction ?? [];
  const reduction =
    reductions.length === 0
      ? html`<p>当日无预警指令执行，无减排核算。</p>`
      : reductions.map(
          (d) => html`<h2 style="font-size:16px">${d.number} ${d.levelName ?? ''}（${d.counties.join('、')}；核算至 ${formatLocalTime(d.at, meta.timezone)}）</h2>
<div style="overflow-x:auto"><table style="border-collapse:collapse;font-size:14px;min-width:640px">
<thead><tr>${['污染物', '基线', '目标', '计划减排', '企业确认', '核查核实'].map((h) => html`<th style="${cell}background:#f3f4f6">${h}</th>`)}</tr></thead>
<tbody>${d.stages.map(
            (s) =>
              html`<tr><td style="${cell}">${label(POLLUTANT_TEXT, s.pollutant)}</td><td style="${cell}">${s.baselineTonnesPerDay} 吨/日</td><td style="${cell}">${pct(s.targetPercent)}</td>${stageCell(s.planned)}${stageCell(s.confirmed)}${stageCell(s.verified)}</tr>`,
          )}</tbody></table></div>`,
        );
  const page = html`
<style>@media print { @page { size: A4 landscape; margin: 12mm } .noprint { display: none } }</style>
<h1 style="font-size:20px">${meta.commandCenter} 冬防工作日报</h1>
<p>日期：${r.date}（统计截至 ${asOfText}）</p>
<div style="overflow-x:auto"><table style="border-collapse:collapse;font-size:14px;min-width:640px">
<thead><tr>${head.map((h) => html`<th style="padding:6px;border:1px solid #ccc;background:#f3f4f6">${h}</th>`)}</tr></thead>
<tbody>${body}</tbody></table></div>
<h2 style="font-size:18px">减排核算（计划 / 企业确认 / 核查核实）</h2>
${reduction}
<p class="noprint"><button onclick="window.print()" style="font-size:16px;padding:8px 16px">打印</button></p>`;
  return pageDocument(`冬防工作日报 ${r.date}`, page);
}
