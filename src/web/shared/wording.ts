// Chinese wording shared by the server's pages, the console and the phone pages.
// Pure data and functions: no Vue, no Node, no Nest imports, so every bundle can take it.

/** API error codes (`{ error: { code } }`) as a person reads them. Unknown codes fall back to the HTTP status. */
export const ERROR_TEXT: Readonly<Record<string, string>> = {
  INVALID_INPUT: '提交的内容有误，请检查后重试',
  UNPROCESSABLE: '提交的内容未通过校验，请按提示修改',
  NOT_FOUND: '未找到该记录，可能已被删除或不在您的管辖范围内',
  CONFLICT: '操作冲突：其他人刚刚修改了同一内容，请刷新后再试',
  PAYLOAD_TOO_LARGE: '文件过大，请压缩或拆分后再上传',
  UNSUPPORTED_MEDIA_TYPE: '文件类型不支持',
  UNAUTHENTICATED: '登录已过期，请重新登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  FORBIDDEN: '您的账号无权进行此操作',
  TOO_MANY_ATTEMPTS: '登录失败次数过多，请稍后再试',
  USERNAME_TAKEN: '该用户名已被使用',
  USER_INACTIVE: '该账号已停用，请联系指挥部',
  CSRF_MISMATCH: '页面安全校验失败，请刷新页面后重试',
  PASSWORD_CHANGE_REQUIRED: '密码已被重置，请先修改密码',
  ENTERPRISE_NOT_FOUND: '未找到该企业，或不在您的管辖范围内',
  ENTERPRISE_EXISTS: '该统一社会信用代码的企业已存在',
  ENTERPRISE_INVALID: '企业信息未通过校验，请按下列问题修改',
  VERSION_CONFLICT: '保存失败：您编辑期间有其他人修改了该企业，请重新打开后再编辑',
  CODE_MISMATCH: '统一社会信用代码与地址不一致',
  IMPORT_INVALID: '导入文件有错误，未写入任何数据，请按下表逐行修改',
  RULES_INPUT_INVALID: '输入数据不符合规则要求',
  SEASON_NOT_FOUND: '未找到该采暖季的错峰安排',
  ORDER_NOT_FOUND: '未找到该指令单',
  ORDER_SUPERSEDED: '该指令单已被新版本替代，请查看最新版本',
  LINK_INVALID: '链接无效',
  LINK_EXPIRED: '链接已过期，请联系县区重新发送指令',
  SHORT_LINK_NOT_FOUND: '短信链接不存在，请核对短信中的链接',
  SHORT_LINK_EXPIRED: '短信链接已过期，请联系县区重新发送指令',
  SMS_CALLBACK_REFUSED: '短信回调地址无效',
  LINE_NOT_RESTRICTED: '该生产线没有管控要求，无需确认落实',
  NOT_ACKNOWLEDGED: '请先签收指令，再确认落实',
  LEVEL_CONFLICT: '其他值班员刚刚对同一区县发布或调整了指令，本次未生效。请刷新查看最新等级后再决定',
  DIRECTIVE_NOT_FOUND: '未找到该指令',
  UNKNOWN_COUNTY: '指令中含有未配置的区县，请从区县列表中选择',
  LEVEL_END_REQUIRED: '请填写响应结束时间，或选择“直至解除”',
  LEVEL_CHANGE_REFUSED: '该指令无法执行：有区县的响应等级不能按此变更（请检查开始、结束时间），本次未生效',
  FORECAST_UNKNOWN_KEYS: '预报数据中含有未配置的区县或等级，请按提示修改',
  SIMULATION_CSV_MISSING: '请上传或粘贴采暖季空气质量CSV（日期或时间、区县、AQI）',
  SIMULATION_CSV_INVALID: '空气质量CSV有误，请按所列行号和列名修改后重新提交',
  SIMULATION_OVERLAY_INVALID: '对比方案的参数有误，请按所列字段修改',
  WARNING_NOT_FOUND: '未找到该预警信息',
  TEAM_COUNTY_UNKNOWN: '所属区县不在本市区县列表中',
  TEAM_EXISTS: '该督导检查组编号已存在',
  TEAM_UNKNOWN: '未找到该督导检查组，请先创建',
  DRAW_NO_CANDIDATES: '当前没有执行中指令的企业，无法抽查',
  DRAW_NO_TEAMS: '尚无督导检查组，请先创建检查组再抽查',
  DRAW_TOO_LARGE: '抽查数量超过执行中指令的企业数，请减少抽查数量',
  DRAW_NOT_FOUND: '未找到该抽查记录',
  TASK_NOT_FOUND: '未找到该检查任务，或不属于您的检查组',
  TASK_ENTERPRISE_UNKNOWN: '企业名录中没有该企业',
  FINDING_LINE_UNKNOWN: '该企业没有这条生产线，请从生产线列表中选择',
  FINDING_NOT_FOUND: '未找到该检查记录，或不属于您的检查组',
  PHOTO_NOT_FOUND: '未找到该照片',
  PHOTO_MISSING: '请选择要上传的照片',
  PHOTO_TYPE_NOT_ALLOWED: '照片格式不支持，请上传规定格式的图片（如 JPEG）',
  PHOTO_TOO_LARGE: '照片过大，请压缩后再上传',
  PHOTO_UNREADABLE: '照片无法识别，未保存，请重新拍摄后上传',
  PHOTO_LIMIT_REACHED: '该检查记录的照片已达上限',
  READINGS_UNREADABLE: '用电数据无法读取，请按模板（enterprise_code,line_code,at,kw）提交',
  READINGS_EMPTY: '没有收到用电数据',
  READINGS_TOO_MANY: '一次提交的用电数据过多，请拆分后再提交',
  READINGS_INVALID: '部分用电数据有误，全部未保存，请按提示修改',
  LEDGER_ENTRY_NOT_FOUND: '未找到该台账记录',
  LEDGER_ENTRY_VOIDED: '该台账记录已作废',
  REPORT_DATE_INVALID: '日期格式有误，应为 2026-12-10 这样的日期',
  SHIFT_OVERLAP: '该班次与值班表中已有班次时间重叠，同一时间只能有一个班次，请先调整或缩短已有班次',
  SHIFT_NOT_FOUND: '未找到该班次，可能已被修改，请刷新值班表',
  SHIFT_INVALID: '班次时间有误：结束时间须晚于开始时间，一次最多查询 100 天',
  DUTY_USER_INVALID: '值班员和值班长须为在用的指挥部值班人员账号，请从列表中选择',
  INTERNAL: '服务器内部错误，请联系运维人员（可提供请求编号）',
};

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: ERROR_TEXT.INVALID_INPUT!,
  401: ERROR_TEXT.UNAUTHENTICATED!,
  403: ERROR_TEXT.FORBIDDEN!,
  404: ERROR_TEXT.NOT_FOUND!,
  409: ERROR_TEXT.CONFLICT!,
  413: ERROR_TEXT.PAYLOAD_TOO_LARGE!,
  415: ERROR_TEXT.UNSUPPORTED_MEDIA_TYPE!,
  422: ERROR_TEXT.UNPROCESSABLE!,
  429: '请求过于频繁，请稍后再试',
};

export const NETWORK_ERROR_TEXT = '网络连接失败，请检查网络后重试';

/** The Chinese sentence for an API error: by code, else by HTTP status, else a generic one. */
export function errorText(code: string | undefined, status?: number): string {
  if (code && ERROR_TEXT[code]) return ERROR_TEXT[code]!;
  if (status !== undefined && STATUS_TEXT[status]) return STATUS_TEXT[status]!;
  if (status === 0) return NETWORK_ERROR_TEXT;
  if (status !== undefined && status >= 500) return ERROR_TEXT.INTERNAL!;
  return status !== undefined ? `请求失败（${status}）` : '操作失败，请稍后重试';
}

/** How a contact accepts notices (registry `channels`), and how an outbox row travelled. */
export const CHANNEL_TEXT: Readonly<Record<string, string>> = {
  email: '电子邮件',
  sms: '短信',
  phone: '电话',
  webhook: '接口推送',
  robot: '工作群机器人',
};

/** How an outbox delivery stands (console: directive and enterprise pages). */
export const DELIVERY_STATUS_TEXT: Readonly<Record<string, string>> = { sent: '已送达', pending: '待发送', sending: '发送中', failed: '发送失败', dead: '发送失败', skipped: '已跳过（被新版本替代）' };

/** The two people of a duty shift (值班表). */
export const DUTY_POSITION_TEXT: Readonly<Record<string, string>> = {
  duty_officer: '值班员',
  shift_leader: '值班长',
};

export const ROLE_TEXT: Readonly<Record<string, string>> = {
  commander: '指挥部值班员',
  county_officer: '区县专班',
  enterprise: '企业',
  inspector: '督导检查组',
  viewer: '只读用户',
};

/** A production line's required action in an order. */
export const LINE_ACTION_TEXT: Readonly<Record<string, string>> = {
  stop: '停产',
  limit: '限产',
  run: '正常生产',
};

/** Where a line's emission figures come from. */
export const EMISSION_SOURCE_TEXT: Readonly<Record<string, string>> = {
  permit: '排污许可证',
  inventory: '排放清单',
  monitoring: '监测',
};

/** What an inspector saw on site. */
export const OBSERVED_STATE_TEXT: Readonly<Record<string, string>> = {
  running: '生产中',
  stopped: '已停产',
  banked: '保温（闷炉）',
  reduced: '限产运行',
};

export const VERDICT_TEXT: Readonly<Record<string, string>> = {
  violation: '违规',
  compliant: '合规',
};

export const ALERT_KIND_TEXT: Readonly<Record<string, string>> = {
  no_channel: '无法送达（无可用联系方式）',
  ack_reminder: '签收提醒',
  ack_overdue: '逾期未签收',
  report_missing: '未按时报送生产状态',
  notice_missing: '违规前未能证明已通知企业',
  report_discrepancy: '报送状态与指令不符',
  power_anomaly: '用电异常',
  delivery_failed: '送达失败',
};

export const DIRECTIVE_ACTION_TEXT: Readonly<Record<string, string>> = {
  issue: '启动',
  adjust: '调整',
  lift: '解除',
  expire: '到期结束',
  season: '错峰生产',
};

export const TASK_STATE_TEXT: Readonly<Record<string, string>> = {
  open: '待核查',
  in_progress: '核查中',
  done: '已完成',
  closed: '已完成',
};

export const TASK_SOURCE_TEXT: Readonly<Record<string, string>> = {
  draw: '双随机抽查',
  random: '双随机抽查',
  targeted: '定向核查',
  power: '用电异常核查',
};

/** A code's Chinese label from one of the tables above, or the code itself when the table has none. */
export function label(table: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return table[code] ?? code;
}

/** The city's clock: every time a person reads is local to Asia/Shanghai unless the city says otherwise. */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-11-01 00:00` in the city's time zone; '—' for none. */
export function localDateTime(iso: string | Date | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '—';
  const parts = Object.fromEntries(DATE_TIME.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** 12.5% style, '—' when the denominator is zero. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${Math.round((part / whole) * 1000) / 10}%`;
}

/** The UTC offset of a time zone at an instant, as `+08:00`. */
export function zoneOffset(at: Date, timeZone: string = CITY_TIME_ZONE): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

/** A wall-clock time typed in the city (`2026-12-10T20:00`) as ISO 8601 with the city's offset, as the API wants it. */
export function cityIso(local: string, timeZone: string = CITY_TIME_ZONE): string {
  const base = local.length === 16 ? `${local}:00` : local.slice(0, 19);
  // The offset of that wall-clock time: guess with UTC, then correct once (enough outside DST jumps).
  const guess = new Date(`${base}Z`);
  return `${base}${zoneOffset(new Date(guess.getTime() - offsetMinutes(zoneOffset(guess, timeZone)) * 60_000), timeZone)}`;
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return sign * ((h ?? 0) * 60 + (m ?? 0));
}

/** The city's wall clock now, as `2026-12-10T20:00`, for a form's default. */
export function cityNowLocal(now: Date = new Date()): string {
  return localDateTime(now).replace(' ', 'T');
}

/** The pollutants of the emission inventory. */
export const POLLUTANT_TEXT: Readonly<Record<string, string>> = {
  so2: '二氧化硫',
  nox: '氮氧化物',
  pm: '颗粒物',
  vocs: '挥发性有机物',
};

/** Kinds of problem in the 清单 quality report (GET /api/v1/registry/quality). */
export const QUALITY_KIND_TEXT: Readonly<Record<string, string>> = {
  measures_missing: '缺少预警级别减排措施',
  target_not_met: '减排措施未达到级别减排比例',
  line_emissions_missing: '生产线未填报排放数据',
  line_emissions_outdated: '排放数据过旧',
  grade_missing: '未评定绩效等级',
  grade_undated: '绩效等级缺少评级日期',
  grade_expired: '绩效等级已过有效期',
};

/** One problem of the quality report as the wording reads it (the registry module's item has these fields). */
export interface QualityProblemWordingInput {
  kind: string;
  lineCode: string | null;
  lineName: string | null;
  /** The level's Chinese name (黄色预警), resolved by the caller from the city's ladder. */
  levelName: string | null;
  gaps: ReadonlyArray<{ pollutant: string; percent: number; targetPercent: number }> | null;
  year: number | null;
  oldestYear: number | null;
  gradedOn: string | null;
  validUntil: string | null;
}

/** What to fix, in Chinese, for one problem of the quality report. */
export function qualityFixText(p: QualityProblemWordingInput): string {
  const line = p.lineCode === null ? '' : `生产线${p.lineCode}${p.lineName && p.lineName !== p.lineCode ? `（${p.lineName}）` : ''}`;
  const level = p.levelName ?? '';
  switch (p.kind) {
    case 'measures_missing':
      return `在应急减排清单中补充${level}的减排措施（停产或限产的生产线），或登记保民生豁免。`;
    case 'target_not_met': {
      const gaps = (p.gaps ?? []).map((g) => `${label(POLLUTANT_TEXT, g.pollutant)}减排${g.percent}%（要求不低于${g.targetPercent}%）`).join('、');
      return `${level}措施减排不足：${gaps}。请增加停产或限产的生产线，或降低限产负荷。`;
    }
    case 'line_emissions_missing':
      return `填报${line}的二氧化硫、氮氧化物、颗粒物、挥发性有机物排放速率（kg/h）、数据来源和年份。`;
    case 'line_emissions_outdated':
      return `${line}的排放数据为${p.year ?? ''}年，请更新为${p.oldestYear ?? ''}年及以后的排污许可证、清单或监测数据。`;
    case 'grade_missing':
      return '填写企业绩效等级（A、B、C、D级或引领性、保障类）、评级日期和评级单位。';
    case 'grade_undated':
      return '补充绩效等级的评级日期和评级单位。';
    case 'grade_expired':
      return `绩效等级于${p.gradedOn ?? ''}评定，有效期至${p.validUntil ?? ''}，请录入重新评级的结果和日期。`;
    default:
      return label(QUALITY_KIND_TEXT, p.kind);
  }
}
