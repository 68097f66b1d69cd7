// The phone pages' API errors and how they read to people (no DOM, so unit tests can import it).
import { formatLocalTime } from '../../shared/order-wording.js';
import { ERROR_TEXT, errorText } from '../../shared/wording.js';

/** The request never got an answer (offline, DNS, reset). */
export class NetworkError extends Error {
  constructor() {
    super('网络不可用');
    this.name = 'NetworkError';
  }
}

export interface ErrorDetail {
  field?: string;
  message?: string;
  /** For a time outside what the service accepts: the allowed range (ISO; null = open). */
  allowed?: { from?: string | null; to?: string | null };
}

/** The fields the phone pages send, as their forms name them (matched on the last part of the path). */
const FIELD_TEXT: Readonly<Record<string, string>> = {
  observedAt: '核查时间',
  observedState: '现场状态',
  loadPercent: '实际负荷',
  powerKw: '电表读数',
  notes: '现场情况说明',
  lat: '位置',
  lng: '位置',
  lineCode: '生产线',
  stoppedAt: '落实时间',
  line: '生产线',
  username: '用户名',
  password: '密码',
};

/** The service answered with an error body `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * What went wrong, in lines a person can act on: the headline names what was being done;
 * known fields of the details are named in Chinese, with the allowed range of a time.
 * `withServerText`: also the service's own text for codes and fields the page does not know
 * (English, for the inspection teams to pass on); the enterprise's page never shows it.
 */
export function errorLines(e: unknown, what: string, opts: { withServerText?: boolean; timezone?: string } = {}): string[] {
  const withServerText = opts.withServerText ?? true;
  if (e instanceof NetworkError) return [`${what}：网络不可用，请检查网络后重试`];
  if (e instanceof ApiError) {
    const lines = [`${what}：${errorText(e.code, e.status)}`];
    if (Array.isArray(e.details)) {
      for (const d of e.details.slice(0, 10) as unknown[]) {
        const x = (d && typeof d === 'object' ? d : {}) as ErrorDetail;
        const label = x.field
          ? FIELD_TEXT[
              x.field
                .split(/[.[\]]/)
                .filter(Boolean)
                .pop() ?? ''
            ]
          : undefined;
        if (label && x.allowed && opts.timezone) lines.push(`${label}：应在 ${rangeText(x.allowed, opts.timezone)}`);
        else if (label) lines.push(`${label}：填写有误`);
        else if (withServerText) lines.push(d && typeof d === 'object' ? `${x.field ? `${x.field}：` : ''}${x.message ?? ''}` : String(d));
      }
    }
    if (withServerText && !(e.code in ERROR_TEXT) && e.message) lines.push(`${e.message}（${e.code}）`);
    return lines;
  }
  return [`${what}：${e instanceof Error ? e.message : String(e)}`];
}

function rangeText(r: NonNullable<ErrorDetail['allowed']>, timezone: string): string {
  const t = (iso: string | null | undefined): string | null => {
    if (!iso) return null;
    try {
      return formatLocalTime(iso, timezone);
    } catch {
      return iso;
    }
  };
  const from = t(r.from);
  const to = t(r.to);
  if (from && to) return `${from} 至 ${to} 之间`;
  if (from) return `${from} 之后`;
  return to ? `${to} 之前` : '允许的范围内';
}
