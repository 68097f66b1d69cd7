/** Helpers shared by the email templates and the acknowledgement pages: escaping, local time, line wording. */

export type TemplateLineAction = 'stop' | 'limit' | 'run';

export interface TemplateReason {
  rule: string;
  clause: string;
  text: string;
}

/** An order line as shown to people: the derivation's OrderLine plus the line's registered name. */
export interface TemplateOrderLine {
  code: string;
  name: string;
  action: TemplateLineAction;
  maxLoadPercent: number | null;
  stoppedCells: number | null;
  noKilnBanking: boolean;
  reasons: readonly TemplateReason[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element text and in quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Mail headers must stay on one line whatever the registry holds (header injection). */
export function singleLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-US digits and h23 give stable parts; the Chinese layout is assembled below.
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Epoch ms of an ISO instant; an ISO text without a zone is refused because it would be read in the server's zone. */
export function parseInstant(iso: string): number {
  if (typeof iso !== 'string' || !/(Z|[+-]\d{2}:?\d{2})$/i.test(iso.trim())) throw new Error(`expected an ISO time with a zone offset, got ${JSON.stringify(iso)}`);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a valid ISO time: ${JSON.stringify(iso)}`);
  return ms;
}

/** `2026年12月10日 08:00` in the given IANA zone, independent of the server's zone. */
export function formatLocalTime(iso: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(parseInstant(iso))) parts[p.type] = p.value;
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour!.padStart(2, '0')}:${parts.minute!.padStart(2, '0')}`;
}

/** The value for an `<input type="datetime-local">` in the given zone (`2026-12-10T08:00`). */
export function formatDatetimeLocalValue(iso: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(parseInstant(iso))) parts[p.type] = p.value;
  const two = (s: string | undefined): string => String(Number(s)).padStart(2, '0');
  return `${parts.year}-${two(parts.month)}-${two(parts.day)}T${two(parts.hour)}:${two(parts.minute)}`;
}

function localParts(iso: string, timeZone: string): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(parseInstant(iso))) parts[p.type] = p.value;
  return { date: `${Number(parts.month)}月${Number(parts.day)}日`, time: `${parts.hour!.padStart(2, '0')}:${parts.minute!.padStart(2, '0')}` };
}

/** An order version's interval: `自 12月2日 10:51 起至 10:55` (the end's date only when it differs), or `自 12月2日 10:51 起，直至解除`. */
export function formatInterval(from: string, to: string | null, timeZone: string): string {
  const a = localParts(from, timeZone);
  if (to === null) return `自 ${a.date} ${a.time} 起，直至解除`;
  const b = localParts(to, timeZone);
  return `自 ${a.date} ${a.time} 起至 ${b.date === a.date ? b.time : `${b.date} ${b.time}`}`;
}

function percent(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(2).replace(/\.?0+$/, '')}%`;
}

export function formatPercent(n: number): string {
  return percent(n);
}

/** What the line must do, in the words of an order: 停产 / 限产至N% / 停N个电解槽 / 正常生产. */
export function describeLineRequirement(line: TemplateOrderLine): string {
  const parts: string[] = [];
  if (line.action === 'stop') {
    parts.push(line.stoppedCells !== null && line.stoppedCells > 0 ? `停产（全部${line.stoppedCells}个电解槽）` : '停产');
  } else if (line.action === 'limit') {
    if (line.stoppedCells !== null && line.stoppedCells > 0) parts.push(`停${line.stoppedCells}个电解槽`);
    if (line.maxLoadPercent !== null) parts.push(`限产至${percent(line.maxLoadPercent)}`);
    if (parts.length === 0) parts.push('限产');
  } else {
    parts.push(line.maxLoadPercent !== null ? `正常生产（负荷不超过${percent(line.maxLoadPercent)}）` : '正常生产');
  }
  if (line.noKilnBanking) parts.push('禁止保温焖炉');
  return parts.join('；');
}

/** 「第43条」; a sub-item such as 11(2) reads 「第11条第（2）项」; anything else is shown as given. */
export function formatClause(clause: string): string {
  const c = clause.trim();
  let m = /^(\d+)$/.exec(c);
  if (m) return `「第${m[1]}条」`;
  m = /^(\d+)\s*[(（](\d+)[)）]$/.exec(c);
  if (m) return `「第${m[1]}条第（${m[2]}）项」`;
  return `「${c}」`;
}

/** One reason per line: `text「第43条」`; duplicates (shared reason objects) collapse. */
export function describeReasons(reasons: readonly TemplateReason[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of reasons) {
    const s = `${r.text}${r.clause ? formatClause(r.clause) : ''}`;
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out;
}

export function lineLabel(line: { code: string; name: string }): string {
  return line.name && line.name !== line.code ? `${line.name}（${line.code}）` : line.code;
}

/** Lines that need a confirmation of implementation: everything that is not plain running. */
export function needsImplementation(line: TemplateOrderLine): boolean {
  return line.action !== 'run';
}
