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
