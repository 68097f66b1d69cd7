import type { ObservedState } from '../../shared/phone-wording.js';
import { storageDelete, storageJson, storageSet } from '../common/storage.js';

/**
 * A half-filled finding, kept in localStorage per task and line as the inspector types, so
 * it survives a dropped network, a reload or a closed tab. Its photos go to IndexedDB
 * (draft-photos.ts); the draft counts them, to ask for those IndexedDB could not keep.
 */
export interface FindingDraft {
  observedState: ObservedState | '';
  loadPercent: string;
  observedAt: string;
  powerKw: string;
  notes: string;
  lat: string;
  lng: string;
  photos: number;
  savedAt: number;
}

const key = (taskId: string, lineCode: string): string => `hazeops.inspector.draft:${taskId}:${lineCode}`;

export function loadDraft(taskId: string, lineCode: string): FindingDraft | null {
  const d = storageJson<FindingDraft>(localStorage, key(taskId, lineCode));
  return d && typeof d === 'object' ? d : null;
}

export function saveDraft(taskId: string, lineCode: string, draft: FindingDraft): boolean {
  return storageSet(localStorage, key(taskId, lineCode), JSON.stringify(draft));
}

export function deleteDraft(taskId: string, lineCode: string): void {
  storageDelete(localStorage, key(taskId, lineCode));
}
