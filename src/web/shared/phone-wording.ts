/**
 * Chinese wording of the phone pages (inspection vocabulary, why a signed link cannot be
 * used). No Vue or Node imports, like wording.ts beside it.
 */

export const TASK_KIND_TEXT: Readonly<Record<string, string>> = { random: '随机抽查', targeted: '定向核查', power: '用电异常' };
export const TASK_STATUS_TEXT: Readonly<Record<string, string>> = { open: '待核查', done: '已核查' };
export const OBSERVED_STATES = [
  { value: 'running', text: '生产中' },
  { value: 'stopped', text: '已停产' },
  { value: 'banked', text: '保温焖炉' },
  { value: 'reduced', text: '降负荷' },
] as const;
export type ObservedState = (typeof OBSERVED_STATES)[number]['value'];

/** Why a signed link cannot be used, and what to do: said to an enterprise, never in technical terms. */
export type LinkErrorReason = 'malformed' | 'bad_signature' | 'expired' | 'not_found';

export const LINK_ERRORS: Readonly<Record<LinkErrorReason, { title: string; message: string }>> = {
  expired: { title: '链接已过期', message: '该签收链接已超过有效期。如需查看或签收指令，请联系所在县（市、区）冬防办重新发送。' },
  malformed: { title: '链接无效', message: '链接不完整。请从指令邮件中直接点击链接，或完整复制邮件中的链接后在浏览器中打开。如仍无法打开，请联系所在县（市、区）冬防办。' },
  bad_signature: { title: '链接无效', message: '链接无法验证，可能已被修改或复制不完整。请从指令邮件中直接点击链接打开。如仍无法打开，请联系所在县（市、区）冬防办。' },
  not_found: { title: '指令不存在', message: '未找到该链接对应的指令，可能已被撤销。请以最新收到的指令邮件为准，或联系所在县（市、区）冬防办。' },
};
