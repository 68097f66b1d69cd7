import { reactive } from 'vue';
import { apiClient } from '../common/api.js';
import { storageDelete, storageGet, storageJson, storageKeys, storageSet } from '../common/storage.js';

// The access token and the last answers live for the browser session only; drafts (drafts.ts) outlive it.
const TOKEN_KEY = 'hazeops.inspector.token';
const USER_KEY = 'hazeops.inspector.user';
const CACHE_PREFIX = 'hazeops.inspector.cache:';

export const session = reactive({
  token: storageGet(sessionStorage, TOKEN_KEY),
  user: storageGet(sessionStorage, USER_KEY) ?? '',
  /** Why the sign-in form is shown again (expired, signed out), if it is. */
  message: null as string | null,
});

export function signIn(token: string, user: string): void {
  storageSet(sessionStorage, TOKEN_KEY, token);
  storageSet(sessionStorage, USER_KEY, user);
  session.token = token;
  session.user = user;
  session.message = null;
}

export function signOut(message: string, forget: boolean): void {
  storageDelete(sessionStorage, TOKEN_KEY);
  if (forget) {
    storageDelete(sessionStorage, USER_KEY);
    for (const k of storageKeys(sessionStorage)) if (k.startsWith(CACHE_PREFIX)) storageDelete(sessionStorage, k);
  }
  session.token = null;
  session.message = message;
}

export const api = apiClient({
  token: () => session.token,
  onUnauthorized: () => signOut('登录已过期，请重新登录。已填写的内容保存在草稿中。', false),
});

export function cachePut(key: string, value: unknown): void {
  storageSet(sessionStorage, CACHE_PREFIX + key, JSON.stringify(value));
}

export function cacheGet<T>(key: string): T | null {
  return storageJson<T>(sessionStorage, CACHE_PREFIX + key);
}

export function cacheDrop(key: string): void {
  storageDelete(sessionStorage, CACHE_PREFIX + key);
}
