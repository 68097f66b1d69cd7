// The season simulator's Chinese wording, shared by the console (采暖季模拟): each CSV problem
// the API lists (POST /api/v1/simulations/season, 422 SIMULATION_CSV_INVALID) in people's terms.

/** A CSV problem as the API lists it (src/simulations/season-aqi-csv.ts). */
export interface AqiCsvProblemView {
  row: number;
  column: string | null;
  kind: string;
  value: string | null;
  ref: number | null;
  message: string;
}

const COLUMN_TEXT: Readonly<Record<string, string>> = { date: '日期（date）或时间（datetime）', county: '区县（county）', aqi: 'AQI（aqi）' };

/** 第3行（日期）：“2026-12-32”不是有效日期，请写成 2026-11-15 — one line per problem. */
export function aqiCsvProblemText(p: AqiCsvProblemView): string {
  const where = `第${p.row}行${p.column ? `（${p.column}）` : ''}`;
  const v = p.value ?? '';
  switch (p.kind) {
    case 'unreadable':
      return `${where}：CSV 无法读取（引号未闭合或格式错误），请用 Excel“另存为 CSV UTF-8”后重试`;
    case 'empty':
      return 'CSV 为空：第一行为表头（日期或时间、区县、AQI），其后每个区县每天（或每小时）一行';
    case 'no_rows':
      return 'CSV 只有表头，没有数据行';
    case 'column_missing':
      return `表头缺少${COLUMN_TEXT[v] ?? v}列`;
    case 'column_twice':
      return `${where}：重复的${COLUMN_TEXT[v] ?? v}列，请删除其一`;
    case 'columns_conflict':
      return '表头同时有日期列和时间列：逐日数据只保留“日期”，逐时数据只保留“时间”';
    case 'time_invalid':
      return `${where}：“${v}”不是有效的日期或时间，请写成 2026-11-15（逐日）或 2026-11-15 08:00（逐时）`;
    case 'not_on_hour':
      return `${where}：“${v}”不是整点，逐时数据每小时一行（如 08:00）`;
    case 'county_unknown':
      return v === '' ? `${where}：缺少区县` : `${where}：“${v}”不是本市区县，请填写区县代码（如 410821）或名称`;
    case 'aqi_invalid':
      return v === '' ? `${where}：缺少 AQI` : `${where}：“${v}”不是有效的 AQI（0 至 2000 的数值）`;
    case 'duplicate':
      return `${where}：${v}与第${p.ref ?? '?'}行的日期（时间）重复，请删除其一`;
    case 'gap_days':
    case 'gap_hours':
      return `${where}：${v}在此行之前缺少 ${p.ref ?? '?'} ${p.kind === 'gap_hours' ? '小时' : '天'}的数据，每天（或每小时）都须有一行`;
    case 'not_from_midnight':
      return `${where}：${v}的逐时数据须从首日 00:00 开始`;
    case 'span_too_long':
      return `数据跨度超过 ${v} 天，请按采暖季拆分后分别模拟`;
    default:
      return `${where}：${p.message}`;
  }
}
