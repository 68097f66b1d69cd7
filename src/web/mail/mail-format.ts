/** Helpers of the e-mail templates: escaping here; local time and line wording come from the wording the pages share. */

export {
  type TemplateLineAction,
  type TemplateOrderLine,
  type TemplateReason,
  describeLineRequirement,
  describeReasons,
  formatClause,
  formatDatetimeLocalValue,
  formatInterval,
  formatLocalTime,
  formatPercent,
  lineLabel,
  needsImplementation,
  parseInstant,
} from '../shared/order-wording.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element text and in quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Mail headers must stay on one line whatever the registry holds (header injection). */
export function singleLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

