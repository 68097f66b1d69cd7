import type { TemplateOrderLine } from '../../shared/order-wording.js';

/** The parts of the inspections API's answers this page reads (GET /tasks, GET /tasks/:id, POST findings). */
export interface TaskSummary {
  id: string;
  kind: string;
  status: string;
  enterpriseName: string;
  enterpriseCode: string;
  county: string;
  reason: string | null;
  createdAt: string;
}

export interface FindingSummary {
  id: string;
  lineCode: string;
  observedState: string;
  observedAt: string;
  verdict: string;
  reason: string | null;
}

export interface EnterpriseLine {
  code: string;
  name: string;
  capacity: number | null;
  unit: string | null;
}

export interface TaskDetail {
  task: TaskSummary;
  enterprise: { code: string; name: string; county: string; lines: EnterpriseLine[] } | null;
  order: { level: string; phase: string | null; modification: number; lines: TemplateOrderLine[] } | null;
  findings: FindingSummary[];
}

export interface FindingAnswer {
  id: string;
  verdict: string;
  reason: string | null;
  penalty: { amount: number; item: string } | null;
  /** A violation against an order that had not been delivered before the observed moment: recorded, not fined (issue 8). */
  noticeMissing?: boolean;
}

/** A line as the page shows it: the registry's line with the order's requirement, if any. */
export interface InspectedLine extends EnterpriseLine {
  order: TemplateOrderLine | null;
}

/** Registry lines first, in their order; an order line the registry no longer has is kept, after them. */
export function inspectedLines(detail: TaskDetail): InspectedLine[] {
  const out: InspectedLine[] = [];
  const byCode = new Map<string, InspectedLine>();
  for (const l of detail.enterprise?.lines ?? []) {
    const x: InspectedLine = { code: l.code, name: l.name, capacity: l.capacity, unit: l.unit, order: null };
    byCode.set(l.code, x);
    out.push(x);
  }
  for (const ol of detail.order?.lines ?? []) {
    const known = byCode.get(ol.code);
    if (known) known.order = ol;
    else {
      const x: InspectedLine = { code: ol.code, name: ol.name || ol.code, capacity: null, unit: null, order: ol };
      byCode.set(ol.code, x);
      out.push(x);
    }
  }
  return out;
}
