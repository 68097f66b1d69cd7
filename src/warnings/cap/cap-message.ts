import type { LevelKey } from '../../rules/levels/level-ladder.js';

/** OASIS Common Alerting Protocol 1.2, as published for each warning (issue, adjust, lift). */
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_MEDIA_TYPE = 'application/cap+xml';

export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
export type CapMsgType = 'Alert' | 'Update' | 'Cancel';
export type CapUrgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
export type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
export type CapCertainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';
export type CapResponseType = 'Shelter' | 'Evacuate' | 'Prepare' | 'Execute' | 'Avoid' | 'Monitor' | 'Assess' | 'AllClear' | 'None';

export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

export interface CapArea {
  areaDesc: string;
  /** e.g. { valueName: 'GB/T 2260', value: '410821' } for a county. */
  geocode?: { valueName: string; value: string };
}

export interface CapInfo {
  language: string;
  category: 'Env';
  /** e.g. 重污染天气橙色预警 */
  event: string;
  responseType?: CapResponseType[];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  effective: string;
  onset: string;
  /** null: until lifted; CAP then carries no <expires>. */
  expires: string | null;
  senderName: string;
  headline: string;
  description: string;
  instruction: string;
  web?: string;
  contact?: string;
  areas: CapArea[];
}

export interface CapAlertInput {
  identifier: string;
  sender: string;
  /** ISO time with an offset; normalised to CAP's form (no fraction, no "Z"). */
  sent: string;
  /** Default Actual. */
  status?: CapStatus;
  msgType: CapMsgType;
  scope: 'Public';
  /** Required for Update and Cancel: the earlier messages this one replaces. */
  references: CapReference[];
  note?: string;
  /** Several when counties or stretches differ (one level and time span per block). */
  info: CapInfo | readonly CapInfo[];
}

const SEVERITY_BY_LEVEL: Partial<Record<LevelKey, CapSeverity>> = { blue: 'Minor', yellow: 'Moderate', orange: 'Severe', red: 'Extreme' };

/** blue Minor, yellow Moderate, orange Severe, red Extreme; null for the control levels, which are not published warnings. */
export function capSeverityForLevel(level: LevelKey): CapSeverity | null {
  return SEVERITY_BY_LEVEL[level] ?? null;
}

/** Escapes text and attribute values; drops characters XML 1.0 cannot carry at all (they would make the whole feed unreadable). */
export function escapeXml(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * CAP dateTime: `YYYY-MM-DDThh:mm:ss±hh:mm`. CAP forbids "Z" (UTC is "-00:00") and
 * receivers commonly reject fractional seconds, so both are normalised away.
 */
export function toCapDateTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.exec(iso.trim());
  if (!m || Number.isNaN(Date.parse(iso))) throw new Error(`CAP time must be ISO with seconds and a zone offset, got ${JSON.stringify(iso)}`);
  return `${m[1]}${m[3]!.toUpperCase() === 'Z' ? '-00:00' : m[3]}`;
}

/** An instant as CAP dateTime in the given IANA zone, e.g. 2026-12-10T08:00:00+08:00 for Asia/Shanghai. */
export function capDateTimeInZone(epochMs: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(epochMs)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const whole = Math.floor(epochMs / 1000) * 1000;
  const offsetMin = Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - whole) / 60_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  // CAP's dateTime has exactly four year digits; anything else cannot be published.
  const utcYear = new Date(epochMs).getUTCFullYear();
  if (!(utcYear >= 1 && utcYear <= 9998 && p.year! >= 1 && p.year! <= 9999)) throw new RangeError(`CAP time out of range: ${String(epochMs)}`);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${String(p.year).padStart(4, '0')}-${two(p.month!)}-${two(p.day!)}T${two(p.hour!)}:${two(p.minute!)}:${two(p.second!)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** CAP forbids spaces, commas, "<" and "&" in identifier and sender: they are the separators of <references>. */
function capToken(value: string, field: string): string {
  if (!value || /[\s,<&]/.test(value)) throw new Error(`CAP ${field} must be non-empty without spaces, commas, "<" or "&" (got ${JSON.stringify(value)})`);
  return value;
}

function el(name: string, value: string, indent: string): string {
  return `${indent}<${name}>${escapeXml(value)}</${name}>\n`;
}

function renderInfo(info: CapInfo): string {
  const i = '    ';
  let out = '  <info>\n';
  out += el('language', info.language, i);
  out += el('category', info.category, i);
  out += el('event', info.event, i);
  for (const r of info.responseType ?? []) out += el('responseType', r, i);
  out += el('urgency', info.urgency, i);
  out += el('severity', info.severity, i);
  out += el('certainty', info.certainty, i);
  out += el('effective', toCapDateTime(info.effective), i);
  out += el('onset', toCapDateTime(info.onset), i);
  if (info.expires !== null) out += el('expires', toCapDateTime(info.expires), i);
  out += el('senderName', info.senderName, i);
  out += el('headline', info.headline, i);
  out += el('description', info.description, i);
  out += el('instruction', info.instruction, i);
  if (info.web) out += el('web', info.web, i);
  if (info.contact) out += el('contact', info.contact, i);
  if (info.areas.length === 0) throw new Error('CAP info needs at least one area');
  for (const a of info.areas) {
    out += `${i}<area>\n`;
    out += el('areaDesc', a.areaDesc, `${i}  `);
    if (a.geocode) {
      out += `${i}  <geocode>\n${el('valueName', a.geocode.valueName, `${i}    `)}${el('value', a.geocode.value, `${i}    `)}${i}  </geocode>\n`;
    }
    out += `${i}</area>\n`;
  }
  return `${out}  </info>\n`;
}

function renderAlertElement(input: CapAlertInput): string {
  if (input.msgType !== 'Alert' && input.references.length === 0) throw new Error(`CAP ${input.msgType} must reference the message(s) it replaces`);
  let out = `<alert xmlns="${CAP_NAMESPACE}">\n`;
  out += el('identifier', capToken(input.identifier, 'identifier'), '  ');
  out += el('sender', capToken(input.sender, 'sender'), '  ');
  out += el('sent', toCapDateTime(input.sent), '  ');
  out += el('status', input.status ?? 'Actual', '  ');
  out += el('msgType', input.msgType, '  ');
  out += el('scope', input.scope, '  ');
  if (input.note) out += el('note', input.note, '  ');
  if (input.references.length > 0) {
    const refs = input.references.map((r) => `${capToken(r.sender, 'reference sender')},${capToken(r.identifier, 'reference identifier')},${toCapDateTime(r.sent)}`);
    out += el('references', refs.join(' '), '  ');
  }
  const infos: readonly CapInfo[] = Array.isArray(input.info) ? input.info : [input.info as CapInfo];
  for (const info of infos) out += renderInfo(info);
  return `${out}</alert>`;
}

/** One CAP 1.2 alert as a standalone XML document, elements in the schema's order. */
export function renderCapAlert(input: CapAlertInput): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderAlertElement(input)}\n`;
}

export interface CapFeedMeta {
  /** A stable IRI, e.g. `urn:hazeops:jiaozuo:warnings` or the feed URL. */
  id: string;
  title: string;
  /** ISO time of the newest change. */
  updated: string;
  selfUrl?: string;
  author?: string;
}

export interface CapFeedEntry {
  id: string;
  title: string;
  updated: string;
  /** A document from renderCapAlert; its XML declaration is dropped when embedded. */
  xml: string;
  /** Where this alert alone can be fetched. */
  link?: string;
}

function atomTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || !/(Z|[+-]\d{2}:\d{2})$/i.test(iso.trim())) throw new Error(`Atom time must be ISO with a zone offset, got ${JSON.stringify(iso)}`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An Atom feed listing alerts, each embedded whole as `application/cap+xml` content (CAP itself has no list form). */
export function renderCapAtomFeed(feed: CapFeedMeta, entries: CapFeedEntry[]): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n';
  out += el('id', feed.id, '  ');
  out += el('title', feed.title, '  ');
  out += el('updated', atomTime(feed.updated), '  ');
  out += `  <author><name>${escapeXml(feed.author ?? feed.title)}</name></author>\n`;
  if (feed.selfUrl) out += `  <link rel="self" href="${escapeXml(feed.selfUrl)}"/>\n`;
  for (const e of entries) {
    const alert = e.xml.replace(/^\s*<\?xml[^?]*\?>\s*/, '').trim();
    if (!alert.startsWith('<alert')) throw new Error(`feed entry ${e.id} does not hold a CAP alert`);
    out += '  <entry>\n';
    out += el('id', e.id, '    ');
    out += el('title', e.title, '    ');
    out += el('updated', atomTime(e.updated), '    ');
    if (e.link) out += `    <link rel="alternate" type="${CAP_MEDIA_TYPE}" href="${escapeXml(e.link)}"/>\n`;
    out += `    <content type="${CAP_MEDIA_TYPE}">\n${alert}\n    </content>\n`;
    out += '  </entry>\n';
  }
  return `${out}</feed>\n`;
}
