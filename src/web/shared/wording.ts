/**
 * Chinese wording the pages share: what an API error code means to a person, and the names
 * of the inspection vocabulary. No Vue or Node imports (bundled into the pages, and
 * importable by the server).
 */

/** An API error code (`{ error: { code } }`) as a person reads it. */
export const ERROR_TEXT: Readonly<Record<string, string>> = {
  INVALID_CREDENTIALS: '用户名或密码错误',
  TOO_MANY_ATTEMPTS: '尝试次数过多，请稍后再试',
  UNAUTHENTICATED: '登录已过期，请重新登录',
  FORBIDDEN: '当前账号无权执行此操作',
  NOT_FOUND: '未找到（可能已撤销或属于其他督导组）',
  INVALID_INPUT: '填写内容有误',
  UNPROCESSABLE: '填写内容有误',
  CONFLICT: '与已有记录冲突',
  PAYLOAD_TOO_LARGE: '文件过大',
  UNSUPPORTED_MEDIA_TYPE: '文件格式不支持',
  ORDER_SUPERSEDED: '本版指令已被替代',
  LINE_NOT_RESTRICTED: '该生产线在本版指令中无需停产或限产',
  LINK_INVALID: '链接无效',
  LINK_EXPIRED: '链接已过期',
  ORDER_NOT_FOUND: '指令不存在',
  INTERNAL: '服务器内部错误',
};

/** The message for an error code, or a generic one naming the HTTP status. */
export function errorText(code: string, status: number): string {
  return ERROR_TEXT[code] ?? `请求失败（${status}）`;
}

export const TASK_KIND_TEXT: Readonly<Record<string, string>> = { random: '随机抽查', targeted: '定向核查', power: '用电异常' };
export const TASK_STATUS_TEXT: Readonly<Record<string, string>> = { open: '待核查', done: '已核查' };
export const OBSERVED_STATES = [
  { value: 'running', text: '生产中' },
  { value: 'stopped', text: '已停产' },
  { value: 'banked', text: '保温焖炉' },
  { value: 'reduced', text: '降负荷' },
] as const;
export type ObservedState = (typeof OBSERVED_STATES)[number]['value'];
export const VERDICT_TEXT: Readonly<Record<string, string>> = { violation: '违规', compliant: '合规' };

/** Why a signed link cannot be used, and what to do: said to an enterprise, never in technical terms. */
export type LinkErrorReason = 'malformed' | 'bad_signature' | 'expired' | 'not_found';

export const LINK_ERRORS: Readonly<Record<LinkErrorReason, { title: string; message: string }>> = {
  expired: { title: '链接已过期', message: '该签收链接已超过有效期。如需查看或签收指令，请联系所在县（市、区）冬防办重新发送。' },
  malformed: { title: '链接无效', message: '链接不完整。请从指令邮件中直接点击链接，或完整复制邮件中的链接后在浏览器中打开。如仍无法打开，请联系所在县（市、区）冬防办。' },
  bad_signature: { title: '链接无效', message: '链接无法验证，可能已被修改或复制不完整。请从指令邮件中直接点击链接打开。如仍无法打开，请联系所在县（市、区）冬防办。' },
  not_found: { title: '指令不存在', message: '未找到该链接对应的指令，可能已被撤销。请以最新收到的指令邮件为准，或联系所在县（市、区）冬防办。' },
};
