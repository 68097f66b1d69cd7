import { errorText } from '../../shared/wording.js';

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
}

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

export interface ApiClientOptions {
  /** The bearer token to send, if any. */
  token?: () => string | null;
  /** Called on a 401 to a request that carried a token. */
  onUnauthorized?: () => void;
}

/** Same-origin JSON calls under /api/v1/, errors as ApiError / NetworkError. */
export function apiClient(opts: ApiClientOptions = {}) {
  return async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown, type?: string): Promise<T> {
    const token = opts.token?.() ?? null;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const init: RequestInit = { method, headers, cache: 'no-store', credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = type ?? 'application/json';
      init.body = type ? (body as BodyInit) : JSON.stringify(body);
    }
    let res: Response;
    let text: string;
    try {
      res = await fetch(`/api/v1/${path}`, init);
      text = await res.text();
    } catch {
      throw new NetworkError();
    }
    let data: unknown = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (!res.ok) {
      const e = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      if (res.status === 401 && token) opts.onUnauthorized?.();
      throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? '', e?.details);
    }
    return data as T;
  };
}

/**
 * What went wrong, in lines a person can act on: the headline names what was being done.
 * `withServerText`: also the service's own message and details (English, for the inspection
 * teams to pass on); the enterprise's page shows the Chinese headline only.
 */
export function errorLines(e: unknown, what: string, withServerText = true): string[] {
  if (e instanceof NetworkError) return [`${what}：网络不可用，请检查网络后重试`];
  if (e instanceof ApiError) {
    const lines = [`${what}：${errorText(e.code, e.status)}`];
    if (!withServerText) return lines;
    if (e.message) lines.push(`${e.message}（${e.code}）`);
    if (Array.isArray(e.details)) {
      for (const d of e.details.slice(0, 10) as unknown[]) {
        if (d && typeof d === 'object') {
          const x = d as ErrorDetail;
          lines.push(`${x.field ? `${x.field}：` : ''}${x.message ?? ''}`);
        } else lines.push(String(d));
      }
    }
    return lines;
  }
  return [`${what}：${e instanceof Error ? e.message : String(e)}`];
}
