import { toCsv } from './csv-writer.js';

/** One problem of the quality report as the export shows it (the registry's report item has these fields). */
export interface QualityProblemRow {
  county: string;
  enterpriseCode: string;
  enterpriseName: string;
  kindName: string;
  levelName: string | null;
  lineCode: string | null;
  lineName: string | null;
  fix: string;
}

/** The quality report's problems for Excel: Chinese headers, formula-safe cells. */
export function registryQualityCsv(items: readonly QualityProblemRow[]): string {
  return toCsv(
    ['县区', '统一社会信用代码', '企业名称', '问题类型', '预警级别', '生产线代码', '生产线名称', '整改要求'],
    items.map((p) => [p.county, p.enterpriseCode, p.enterpriseName, p.kindName, p.levelName, p.lineCode, p.lineName, p.fix]),
  );
}
