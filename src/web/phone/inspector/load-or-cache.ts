import { NetworkError } from '../common/api.js';
import { api, cacheGet, cachePut } from './session.js';

/** The API's answer, kept for the session; offline, the last kept answer marked stale. */
export async function loadOrCache<T>(path: string, cacheKey: string): Promise<{ data: T; stale: boolean }> {
  try {
    const data = await api<T>('GET', path);
    cachePut(cacheKey, data);
    return { data, stale: false };
  } catch (e) {
    const cached = e instanceof NetworkError ? cacheGet<T>(cacheKey) : null;
    if (cached !== null) return { data: cached, stale: true };
    throw e;
  }
}
