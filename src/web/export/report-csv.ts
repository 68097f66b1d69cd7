import { formatLocalTime } from '../shared/order-wording.js';
import { label, LINE_ACTION_TEXT, OBSERVED_STATE_TEXT, POLLUTANT_TEXT, VERDICT_TEXT } from '../shared/wording.js';
import type { DailyReportFigures, DailyReportView } from '../pages/daily-report-page.js';
import { toCsv, writeCsv } from './csv-writer.js';

/**
 * The command center's CSV exports (daily report, 指令单, 核查记录, 台账) as people open them in
 * Excel: Chinese headers and labels, local times. The compliance module reads the rows and
 * resolves the configured names; this file only lays them out.
 */

const CHANNEL_NAMES: Record<string, string> = { email: '电子邮件', webhook: '系统接口', phone: '电话通知', acknowledgement: '企业签收' };

function localOf(timeZone: string): (at: Date | string | null | undefined) => string | null {
  return (at) => (at instanceof Date ? formatLocalTime(at.toISOString(), timeZone) : typeof at === 'string' && at !== '' ? formatLocalTime(at, timeZone) : null);
}

export function dailyReportCsv(r: DailyReportView): string {
  const header = ['日期', '县区', '响应级别', '指令数', '已签收', '签收率(%)', '已落实', '落实率(%)', '逾期未签收', '核查企业数', '核查记录', '违规', '扣缴金额(元)', '报告与指令不符'];
  const row = (c: DailyReportFigures & { county: string; levelName: string | null }) => [
    r.date,
    c.county,
    c.levelName ?? '无',
    c.orders,
    c.acknowledged,
    c.acknowledgementRate,
    c.implemented,
    c.implementationRate,
    c.overdue,
    c.inspections,
    c.findings,
    c.violations,
    c.penaltyYuan,
    c.reportDiscrepancies,
  ];
  const counties = toCsv(header, [...r.counties.map(row), row({ ...r.totals, county: '合计', levelName: '' })]);
  // After one empty record, the reduction table: a row per level directive in force that day and pollutant.
  const reductionHeader = [
    '日期',
    '指令文号',
    '响应级别',
    '县区',
    '污染物',
    '基线(吨/日)',
    '目标(%)',
    '计划减排(吨/日)',
    '计划减排(%)',
    '企业确认(吨/日)',
    '企业确认(%)',
    '核查核实(吨/日)',
    '核查核实(%)',
  ];
  const reductionRows = (r.reduction ?? []).flatMap((d) =>
    d.stages.map((s) => [
      r.date,
      d.number,
      d.levelName ?? '无',
      d.counties.join('、'),
      label(POLLUTANT_TEXT, s.pollutant),
      s.baselineTonnesPerDay,
      s.targetPercent,
      s.planned.tonnesPerDay,
      s.planned.percent,
      s.confirmed.tonnesPerDay,
      s.confirmed.percent,
      s.verified.tonnesPerDay,
      s.verified.percent,
    ]),
  );
  return counties + '\r\n' + writeCsv([reductionHeader, ...reductionRows], { bom: false, guardFormulas: true });
}

/** One order version of the 指令单 export, names resolved. */
export interface OrderExportRow {
  county: string;
  enterpriseCode: string;
  enterpriseName: string;
  directiveNumber: string;
  modification: number;
  superseded: boolean;
  inForce: boolean;
  /** null: no level (shown 无). */
  levelName: string | null;
  phaseName: string | null;
  lines: ReadonlyArray<{ code: string; action: string; maxLoadPercent: number | null }>;
  stoppedCapacityPercent: number;
  maxLoadPercent: number | null;
  effectiveFrom: Date | null;
  effectiveTo: Date | null;
  ackDeadline: Date | null;
  acknowledgedAt: Date | null;
  implementedAt: Date | null;
}

export function ordersCsv(rows: readonly OrderExportRow[], timeZone: string): string {
  const local = localOf(timeZone);
  const lineText = (lines: OrderExportRow['lines']) =>
    lines.map((l) => `${l.code}:${label(LINE_ACTION_TEXT, l.action)}${l.maxLoadPercent !== null && l.action === 'limit' ? `≤${l.maxLoadPercent}%` : ''}`).join('；');
  return toCsv(
    [
      '县区',
      '统一社会信用代码',
      '企业名称',
      '指令文号',
      '版本',
      '执行状态',
      '响应级别',
      '错峰阶段',
      '生产线要求',
      '停产产能占比(%)',
      '最大负荷(%)',
      '生效时间',
      '截止时间',
      '签收期限',
      '签收时间',
      '落实时间',
    ],
    rows.map((r) => [
      r.county,
      r.enterpriseCode,
      r.enterpriseName,
      r.directiveNumber,
      r.modification,
      r.superseded ? '已替代' : r.inForce ? '执行中' : '未生效',
      r.levelName ?? '无',
      r.phaseName ?? '',
      lineText(r.lines),
      r.stoppedCapacityPercent,
      r.maxLoadPercent,
      local(r.effectiveFrom),
      local(r.effectiveTo) ?? '直至解除',
      local(r.ackDeadline),
      local(r.acknowledgedAt) ?? '未签收',
      local(r.implementedAt) ?? '未落实',
    ]),
  );
}

/** One inspection record of the 核查记录 export. */
export interface FindingExportRow {
  county: string;
  enterpriseCode: string;
  enterpriseName: string;
  lineCode: string;
  observedState: string;
  loadPercent: number | null;
  observedAt: Date | null;
  powerKw: number | null;
  inspector: string;
  team: string | null;
  verdict: string;
  reason: string;
  directiveNumber: string | null;
  photos: number;
  noticeMissing: boolean;
}

export function findingsCsv(rows: readonly FindingExportRow[], timeZone: string): string {
  const local = localOf(timeZone);
  return toCsv(
    ['县区', '统一社会信用代码', '企业名称', '生产线', '现场状态', '负荷(%)', '核查时间', '电表读数(kW)', '核查人', '督导组', '结论', '说明', '依据指令', '照片数', '指令送达'],
    rows.map((r) => [
      r.county,
      r.enterpriseCode,
      r.enterpriseName,
      r.lineCode,
      label(OBSERVED_STATE_TEXT, r.observedState),
      r.loadPercent,
      local(r.observedAt),
      r.powerKw,
      r.inspector,
      r.team,
      label(VERDICT_TEXT, r.verdict),
      r.reason,
      r.directiveNumber ?? '',
      r.photos,
      r.noticeMissing ? '无送达记录（不扣缴）' : '',
    ]),
  );
}

/** The proof of notice a ledger entry rests on (ISO times). */
export interface LedgerEvidenceView {
  directiveNumber: string;
  modification: number;
  delivered: { channel: string; at: string } | null;
  acknowledgedAt: string | null;
}

/** One entry of the 台账 export, the penalty item named. */
export interface LedgerExportRow {
  id: string;
  county: string;
  enterpriseCode: string | null;
  enterpriseName: string | null;
  itemName: string;
  amount: number;
  description: string;
  createdAt: Date | null;
  voidedAt: Date | null;
  voidReason: string | null;
  evidence: LedgerEvidenceView | null;
}

export function ledgerCsv(rows: readonly LedgerExportRow[], timeZone: string): string {
  const local = localOf(timeZone);
  return toCsv(
    ['编号', '县区', '统一社会信用代码', '企业名称', '事项', '金额(元)', '说明', '记录时间', '状态', '撤销时间', '撤销理由', '所依指令', '送达方式', '送达时间', '签收时间'],
    rows.map((r) => {
      const e = r.evidence;
      return [
        r.id,
        r.county,
        r.enterpriseCode,
        r.enterpriseName ?? '',
        r.itemName,
        r.amount,
        r.description,
        local(r.createdAt),
        r.voidedAt ? '已撤销' : '有效',
        local(r.voidedAt),
        r.voidReason,
        e ? `${e.directiveNumber} 第${e.modification}版` : null,
        e?.delivered ? (CHANNEL_NAMES[e.delivered.channel] ?? e.delivered.channel) : null,
        local(e?.delivered?.at),
        local(e?.acknowledgedAt),
      ];
    }),
  );
}
