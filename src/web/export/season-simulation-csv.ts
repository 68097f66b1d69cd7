import { toCsv } from './csv-writer.js';

/** One row of the season simulator's totals as the export shows it (a county, an industry or the city). */
export interface SimulationTotalsRow {
  /** 区县, 行业 or 全市. */
  scope: string;
  name: string;
  enterprises: number;
  enterpriseDaysRestricted: number;
  enterpriseDaysStopped: number;
  capacityDaysLost: number;
  tonnesAvoided: { so2: number; nox: number; pm: number; vocs: number };
  ordersIssued: number;
  /** Days at each level, e.g. 橙色预警 3天；无 118天 (counties only). */
  levelDays: string | null;
}

/** The simulator's totals for Excel: Chinese headers, formula-safe cells. */
export function seasonSimulationCsv(firstDate: string, lastDate: string, rows: readonly SimulationTotalsRow[]): string {
  return toCsv(
    ['范围', '名称', '模拟期间', '企业数', '受限企业·天', '停产企业·天', '损失产能(企业·天)', '二氧化硫减排(吨)', '氮氧化物减排(吨)', '颗粒物减排(吨)', 'VOCs减排(吨)', '下达指令(家次)', '各级别天数'],
    rows.map((r) => [
      r.scope,
      r.name,
      `${firstDate}至${lastDate}`,
      r.enterprises,
      r.enterpriseDaysRestricted,
      r.enterpriseDaysStopped,
      r.capacityDaysLost,
      r.tonnesAvoided.so2,
      r.tonnesAvoided.nox,
      r.tonnesAvoided.pm,
      r.tonnesAvoided.vocs,
      r.ordersIssued,
      r.levelDays,
    ]),
  );
}
