/**
 * Chinese wording the pages share: what an API error code means to a person. No Vue or
 * Node imports (bundled into the pages, and importable by the server). The phone pages'
 * own vocabulary is in phone-wording.ts.
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

export const VERDICT_TEXT: Readonly<Record<string, string>> = { violation: '违规', compliant: '合规' };
