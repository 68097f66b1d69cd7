import type { InspectorPageConfig } from '../../shared/inspector-page-config.js';
import { localInputToIso } from '../../shared/order-wording.js';
import type { ObservedState } from '../../shared/phone-wording.js';
import type { FindingDraft } from './drafts.js';

/** The form's fields as typed (strings, as the inputs hold them); the draft is this plus the photo count. */
export type FindingFields = Omit<FindingDraft, 'photos' | 'savedAt'>;

/** What POST /tasks/:id/findings takes. */
export interface FindingBody {
  lineCode: string;
  observedState: ObservedState;
  observedAt: string;
  loadPercent?: number;
  powerKw?: number;
  lat?: number;
  lng?: number;
  notes?: string;
}

/** Every problem with the form, in Chinese; empty when it may be sent. */
export function findingProblems(v: FindingFields, files: readonly File[], cfg: InspectorPageConfig): string[] {
  const ev = cfg.evidence;
  const problems: string[] = [];
  if (!v.observedState) problems.push('请选择现场状态');
  const lp = Number(v.loadPercent);
  if (v.observedState === 'reduced' && (v.loadPercent === '' || !(lp >= 0 && lp <= 100))) problems.push('请填写实际负荷（0–100%）');
  if (!localInputToIso(v.observedAt, cfg.timezone)) problems.push('请填写核查时间');
  if (v.powerKw !== '' && !(Number(v.powerKw) >= 0)) problems.push('电表读数应为不小于 0 的数字');
  if (files.length > ev.maxPhotosPerFinding) problems.push(`照片最多 ${ev.maxPhotosPerFinding} 张`);
  for (const f of files) {
    if (!ev.allowedMimeTypes.includes(f.type)) problems.push(`照片格式不支持：${f.name}（支持 ${ev.allowedMimeTypes.join('、')}）`);
    else if (f.size > ev.maxBytes) problems.push(`照片过大：${f.name}`);
  }
  return problems;
}

/** The request body for valid fields (findingProblems returned nothing). */
export function findingBody(lineCode: string, v: FindingFields, timezone: string): FindingBody {
  const body: FindingBody = { lineCode, observedState: v.observedState as ObservedState, observedAt: localInputToIso(v.observedAt, timezone)! };
  if (v.observedState === 'reduced') body.loadPercent = Number(v.loadPercent);
  if (v.powerKw !== '') body.powerKw = Number(v.powerKw);
  if (v.lat !== '' && v.lng !== '') {
    body.lat = Number(v.lat);
    body.lng = Number(v.lng);
  }
  if (v.notes.trim()) body.notes = v.notes.trim();
  return body;
}
