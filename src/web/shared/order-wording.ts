/**
 * How an order reads to people (local times, line requirements, clauses): one module for the
 * server's e-mails and the phone pages, so both say the same thing. Plain TypeScript with no
 * Node or browser imports (it is bundled into the pages).
 */
import { parseInstant } from '../../rules/time/local-time.js';

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

/**
 * Epoch ms of an ISO instant with its zone, for what people read: throws where the one parser
 * (`parseInstant` of rules/time, which answers NaN) refuses, because a zone-less text would be
 * read in the server's zone and a wrong time shown is worse than an error.
 */
export function requireInstant(iso: string): number {
  const ms = parseInstant(iso);
  if (Number.isNaN(ms)) throw new Error(`expected an ISO time with a zone offset, got ${JSON.stringify(iso)}`);
  return ms;
}

/** `2026年12月10日 08:00` in the given IANA zone, independent of the server's zone. */
export function formatLocalTime(iso: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(requireInstant(iso))) parts[p.type] = p.value;
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour!.padStart(2, '0')}:${parts.minute!.padStart(2, '0')}`;
}

/** The value for an `<input type="datetime-local">` in the given zone (`2026-12-10T08:00`). */
export function formatDatetimeLocalValue(iso: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(requireInstant(iso))) parts[p.type] = p.value;
  const two = (s: string | undefined): string => String(Number(s)).padStart(2, '0');
  return `${parts.year}-${two(parts.month)}-${two(parts.day)}T${two(parts.hour)}:${two(parts.minute)}`;
}

function localParts(iso: string, timeZone: string): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(requireInstant(iso))) parts[p.type] = p.value;
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

/** `¥100,000`: whole yuan with thousands separators. */
export function formatYuan(amount: number): string {
  return `¥${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

function offsetMsAt(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * A `datetime-local` value read in the city's zone (whatever the phone's zone), as ISO with
 * its offset (`2026-12-10T08:00:00+08:00`); null when the value is not a date and time.
 */
export function localInputToIso(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(naive)) return null;
  // Two passes settle the offset where it changes (DST zones).
  const offset = offsetMsAt(naive - offsetMsAt(naive, timeZone), timeZone) / 60_000;
  const a = Math.abs(offset);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${offset < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}
