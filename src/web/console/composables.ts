import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { messageOf } from './api/client';

export interface Loader<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  /** Loads; `quiet` keeps the current data on screen (polling) instead of showing the skeleton. */
  load(quiet?: boolean): Promise<void>;
}

/** One screen's data with its loading and error states (errors already in Chinese). */
export function useLoader<T>(fn: () => Promise<T>): Loader<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  async function load(quiet = false): Promise<void> {
    if (!quiet) loading.value = true;
    try {
      data.value = await fn();
      error.value = null;
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      loading.value = false;
    }
  }
  return { data, loading, error, load };
}

/** Runs `fn` now and every `ms` while the screen is open: live figures without a reload. */
export function usePolling(fn: () => Promise<void> | void, ms: number): void {
  let timer: ReturnType<typeof setInterval> | null = null;
  onMounted(() => {
    void fn();
    timer = setInterval(() => void fn(), ms);
  });
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer);
  });
}

/** How often live screens ask again: well inside the 10 s a change must take to show. */
export const LIVE_MS = 4000;

/**
 * Numbered pages over a keyset list: page p is asked for with the `nextCursor` of page p - 1
 * when the screen has it (next page, and every poll of a page reached that way: an index
 * range however deep), else by number (a jump). `reset` when the filter changes.
 */
export function useCursorPages() {
  const cursors = new Map<number, string>();
  return {
    query(page: number): { cursor: string } | { page: number } {
      const c = cursors.get(page);
      return c ? { cursor: c } : { page };
    },
    remember(page: number, nextCursor: string | null | undefined): void {
      if (nextCursor) cursors.set(page + 1, nextCursor);
    },
    reset(): void {
      cursors.clear();
    },
  };
}
