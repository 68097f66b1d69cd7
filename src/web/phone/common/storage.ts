/** Web storage that never throws: private browsing may refuse it, and the page then works without drafts. */
export function storageGet(store: Storage, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

export function storageSet(store: Storage, key: string, value: string): boolean {
  try {
    store.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function storageDelete(store: Storage, key: string): void {
  try {
    store.removeItem(key);
  } catch {
    // Nothing to do: the entry stays.
  }
}

export function storageKeys(store: Storage): string[] {
  try {
    return Object.keys(store);
  } catch {
    return [];
  }
}

/** JSON from storage, or null when absent or unreadable. */
export function storageJson<T>(store: Storage, key: string): T | null {
  const text = storageGet(store, key);
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
