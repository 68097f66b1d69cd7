// The flat CSV / XLSX layout of the registry: one row per production line, the enterprise's
// columns repeated on each of its lines' rows. Documented in import-format.md.
import { POLLUTANTS, type EmissionSource, type Pollutant } from '../../rules/enterprise.js';
import { LEVEL_KEYS, type LevelKey } from '../../rules/levels/level-ladder.js';

export const ENTERPRISE_COLUMNS = [
  'code',
  'name',
  'county',
  'industry',
  'process',
  'fuel',
  'air_emitting',
  'grade',
  'graded_on',
  'grading_authority',
  'livelihood_duty',
  'livelihood_max_load_percent',
  'livelihood_filed_on',
  'provincial_max_load_percent',
  'provincial_approved_on',
  'provincial_reference',
  'contacts',
  'webhook_url',
] as const;

/** A line's emission rate of one pollutant at normal load; the unit (kg/h) is part of the name. */
export type EmissionRateColumn = `line_${Pollutant}_kg_h`;
export const EMISSION_RATE_COLUMNS: Readonly<Record<Pollutant, EmissionRateColumn>> = {
  so2: 'line_so2_kg_h',
  nox: 'line_nox_kg_h',
  pm: 'line_pm_kg_h',
  vocs: 'line_vocs_kg_h',
};

export const LINE_COLUMNS = [
  'line_code',
  'line_name',
  'line_capacity',
  'line_unit',
  'line_cells',
  ...POLLUTANTS.map((p) => EMISSION_RATE_COLUMNS[p]),
  'line_emission_source',
  'line_emission_year',
] as const;

/** The columns of a line's emission inventory: all empty (not reported) or all filled. */
export const EMISSION_COLUMNS = [...POLLUTANTS.map((p) => EMISSION_RATE_COLUMNS[p]), 'line_emission_source', 'line_emission_year'] as const;

/** Values accepted for line_emission_source besides the keys themselves. */
export const EMISSION_SOURCE_ALIASES: Readonly<Record<EmissionSource, readonly string[]>> = {
  permit: ['排污许可证', '排污许可', '许可证'],
  inventory: ['清单', '排放清单', '源清单'],
  monitoring: ['监测', '在线监测', '自行监测', '监督性监测'],
};

/** One column per level of the whole ladder; a city that configures fewer levels leaves the other columns empty. */
export type MeasureColumn = `measure_${LevelKey}`;
export const MEASURE_COLUMNS: readonly MeasureColumn[] = LEVEL_KEYS.map((level) => `measure_${level}` as const);

export type EnterpriseColumn = (typeof ENTERPRISE_COLUMNS)[number];
export type LineColumn = (typeof LINE_COLUMNS)[number];
export type RegistryColumn = EnterpriseColumn | LineColumn | MeasureColumn;

/** Header row written by the exporters, in this order. */
export const REGISTRY_COLUMNS: readonly RegistryColumn[] = [...ENTERPRISE_COLUMNS, ...LINE_COLUMNS, ...MEASURE_COLUMNS];

/** Columns a file must have; the others may be left out entirely. */
export const REQUIRED_COLUMNS: readonly RegistryColumn[] = ['code', 'name', 'county', 'industry', 'line_code', 'line_name', 'line_capacity', 'line_unit'];

/** Chinese headers accepted for each column (the English name is always accepted). */
export const COLUMN_ALIASES: Readonly<Record<RegistryColumn, readonly string[]>> = {
  code: ['统一社会信用代码', '信用代码'],
  name: ['企业名称'],
  county: ['县区', '县(市、区)', '所属县区'],
  industry: ['行业'],
  process: ['工艺'],
  fuel: ['燃料'],
  air_emitting: ['涉气'],
  grade: ['绩效分级', '绩效等级'],
  graded_on: ['评级日期', '绩效评级日期'],
  grading_authority: ['评级单位', '绩效评级单位'],
  livelihood_duty: ['保民生类型', '民生保障类型'],
  livelihood_max_load_percent: ['保民生最大负荷(%)', '最大允许生产负荷(%)'],
  livelihood_filed_on: ['保民生备案日期'],
  provincial_max_load_percent: ['省级批准负荷(%)'],
  provincial_approved_on: ['省级批准日期'],
  provincial_reference: ['省级批准文号'],
  contacts: ['联系人'],
  webhook_url: ['回调地址'],
  line_code: ['生产线编号'],
  line_name: ['生产线名称'],
  line_capacity: ['产能'],
  line_unit: ['产能单位', '单位'],
  line_cells: ['电解槽数'],
  // The unit is part of every accepted header: a rate in t/a or mg/m³ must not be taken for kg/h.
  line_so2_kg_h: ['二氧化硫排放速率(kg/h)', 'SO2排放速率(kg/h)', '二氧化硫(kg/h)', 'SO2(kg/h)'],
  line_nox_kg_h: ['氮氧化物排放速率(kg/h)', 'NOx排放速率(kg/h)', '氮氧化物(kg/h)', 'NOx(kg/h)'],
  line_pm_kg_h: ['颗粒物排放速率(kg/h)', 'PM排放速率(kg/h)', '颗粒物(kg/h)', 'PM(kg/h)'],
  line_vocs_kg_h: ['VOCs排放速率(kg/h)', '挥发性有机物排放速率(kg/h)', 'VOCs(kg/h)', '挥发性有机物(kg/h)'],
  line_emission_source: ['排放数据来源', '数据来源'],
  line_emission_year: ['数据年份', '排放数据年份'],
  measure_light: ['轻度污染管控措施', '轻度'],
  measure_moderate: ['中度污染管控措施', '中度'],
  measure_blue: ['蓝色预警措施', '蓝色'],
  measure_yellow: ['黄色预警措施', '黄色'],
  measure_orange: ['橙色预警措施', '橙色'],
  measure_red: ['红色预警措施', '红色'],
};

/** Case, spaces, hyphens and full-width brackets do not matter in a header. */
function headerKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s\-_]+/g, '_');
}

const BY_HEADER = new Map<string, RegistryColumn>();
for (const column of REGISTRY_COLUMNS) {
  BY_HEADER.set(headerKey(column), column);
  for (const alias of COLUMN_ALIASES[column]) BY_HEADER.set(headerKey(alias), column);
}

/** The column a header cell names, or undefined for a column this layout does not know (ignored). */
export function columnForHeader(header: string): RegistryColumn | undefined {
  return BY_HEADER.get(headerKey(header));
}

const POLLUTANT_WORD = /二氧化硫|氮氧化物|颗粒物|烟尘|粉尘|挥发性有机物|vocs|so2|nox|\bpm\b/i;
const FIGURE_WORD = /排放|速率|量|kg|t\/|mg|吨|千克|\(/i;

/**
 * True for an unknown header that names a pollutant's figure (二氧化硫排放量(t/a), SO2 mg/m3):
 * rates are read in kg/h only, so such a column is refused rather than silently ignored.
 */
export function looksLikeEmissionFigure(header: string): boolean {
  return columnForHeader(header) === undefined && POLLUTANT_WORD.test(header) && FIGURE_WORD.test(header);
}
