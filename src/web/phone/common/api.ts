import { ApiError, NetworkError } from './api-errors.js';

export { ApiError, errorLines, NetworkError } from './api-errors.js';

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
