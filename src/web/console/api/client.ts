import { errorText, NETWORK_ERROR_TEXT } from '../../shared/wording';
import { client } from './generated/client.gen';

/** An API failure, already worded in Chinese for the screen; `code` and `details` for screens that explain more (409, 422). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly serverMessage: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The readable half of the session: the CSRF value the server bound to the HttpOnly session cookie. */
export function csrfToken(): string | null {
  const m = /(?:^|;\s*)hazeops_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : null;
}

/** Called when a request answers 401: the session ended (the router shows the sign-in page). */
let onUnauthenticated: () => void = () => undefined;
export function whenUnauthenticated(fn: () => void): void {
  onUnauthenticated = fn;
}

client.setConfig({ baseUrl: '', credentials: 'same-origin' });
client.interceptors.request.use((request) => {
  const token = csrfToken();
  if (token && UNSAFE.has(request.method)) request.headers.set('X-CSRF-Token', token);
  return request;
});

export function toApiError(status: number, body: unknown): ApiError {
  const e = (body as ErrorBody | null)?.error;
  return new ApiError(status, e?.code, errorText(e?.code, status), e?.message ?? '', e?.details);
}

interface SdkResult {
  data?: unknown;
  error?: unknown;
  response?: Response;
}

/**
 * Awaits a generated SDK call and answers its body as T, or throws an ApiError in Chinese.
 * T names the shape until the OpenAPI document declares every response body.
 */
export async function call<T>(pending: Promise<SdkResult>): Promise<T> {
  let result: SdkResult;
  try {
    result = await pending;
  } catch {
    throw new ApiError(0, undefined, NETWORK_ERROR_TEXT, '', undefined);
  }
  const status = result.response?.status ?? 0;
  if (!result.response) throw new ApiError(0, undefined, NETWORK_ERROR_TEXT, '', undefined);
  if (status >= 400 || result.error !== undefined) {
    if (status === 401) onUnauthenticated();
    throw toApiError(status, result.error);
  }
  return result.data as T;
}

/** For endpoints the SDK does not describe as JSON (CSV, raw uploads): plain fetch with the same session and errors. */
export async function raw(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = csrfToken();
  if (token && UNSAFE.has((init.method ?? 'GET').toUpperCase())) headers.set('X-CSRF-Token', token);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, undefined, NETWORK_ERROR_TEXT, '', undefined);
  }
  if (res.status >= 400) {
    if (res.status === 401) onUnauthenticated();
    throw toApiError(res.status, await res.json().catch(() => null));
  }
  return res;
}

/** The message to show for anything a screen caught. */
export function messageOf(e: unknown): string {
  return e instanceof ApiError ? e.message : NETWORK_ERROR_TEXT;
}
