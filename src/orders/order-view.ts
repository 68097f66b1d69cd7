// Read model: an order version as people read it, joining orders' own tables (orders,
// order_versions) with the directive's number and kind (directives) and the enterprise's
// name, webhook and line names (registry's enterprises, production_lines). Reads only.
import type { EntityManager } from 'typeorm';
import type { OrderLine } from '../rules/orders/order.types.js';
import { inForceAt } from './version-in-force.js';

/** An order version with what people need to read it: names, directive number, state. */
export interface OrderVersionView {
  versionId: string;
  orderId: string;
  modification: number;
  /** superseded: replaced before it began (its interval is empty). */
  status: 'current' | 'superseded';
  ends: boolean;
  directiveId: string;
  directiveNumber: string;
  directiveKind: string;
  enterprise: { code: string; name: string; county: string; webhookUrl: string | null };
  level: string;
  phase: string | null;
  lines: Array<OrderLine & { name: string; implementedAt: string | null }>;
  stoppedCapacityPercent: number;
  maxLoadPercent: number | null;
  notes: string[];
  effectiveFrom: string;
  effectiveTo: string | null;
  ackDeadline: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  implementedAt: string | null;
  /** The order's current version number, to name it when this one is superseded. */
  currentModification: number;
  /** For a replaced version: the version in force at its planned start (what replaced it). */
  replacedBy: { orderId: string; modification: number; versionId: string } | null;
  /** First successful delivery of its notice. */
  notifiedAt: string | null;
  createdAt: string;
}

/** Where a version stands on the timeline at an instant. */
export type TimelineState = 'ahead' | 'in_force' | 'replaced' | 'ended';

export function timelineState(view: Pick<OrderVersionView, 'status' | 'effectiveFrom' | 'effectiveTo'>, at: Date): TimelineState {
  if (view.status === 'superseded') return 'replaced';
  if (Date.parse(view.effectiveFrom) > at.getTime()) return 'ahead';
  if (view.effectiveTo !== null && Date.parse(view.effectiveTo) <= at.getTime()) return 'ended';
  return 'in_force';
}

interface Row {
  id: string;
  order_id: string;
  modification: number;
  status: 'current' | 'superseded';
  ends: boolean;
  directive_id: string;
  number: string;
  kind: string;
  enterprise_code: string;
  name: string;
  county: string;
  webhook_url: string | null;
  level: string;
  phase: string | null;
  lines: OrderLine[];
  stopped_capacity_percent: number;
  max_load_percent: number | null;
  notes: string[];
  effective_from: Date;
  effective_to: Date | null;
  ack_deadline: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  implementation: Record<string, { at: string }>;
  implemented_at: Date | null;
  current_modification: number;
  created_at: Date;
  notified_at: Date | null;
  replaced_by: { order_id: string; modification: number; id: string } | null;
  line_names: Record<string, string> | null;
}

export async function loadVersionViews(manager: EntityManager, versionIds: string[]): Promise<Map<string, OrderVersionView>> {
  if (versionIds.length === 0) return new Map();
  const rows: Row[] = await manager.query(
    `SELECT v.id, v.order_id, v.modification, v.status, v.ends, v.directive_id, d.number, d.kind, v.enterprise_code, e.name, v.county, e.webhook_url,
            v.level, v.phase, v.lines, v.stopped_capacity_percent, v.max_load_percent, v.notes, v.effective_from, v.effective_to, v.ack_deadline,
            v.acknowledged_at, v.acknowledged_by, v.implementation, v.implemented_at, o.current_modification, v.created_at, v.notified_at,
            CASE WHEN v.status = 'superseded' THEN (SELECT json_build_object('order_id', r.order_id, 'modification', r.modification, 'id', r.id) FROM order_versions r
              WHERE r.enterprise_code = v.enterprise_code AND ${inForceAt('r', 'v.effective_from')} ORDER BY r.effective_from DESC LIMIT 1) END AS replaced_by,
            (SELECT json_object_agg(l.code, l.name) FROM production_lines l WHERE l.enterprise_code = v.enterprise_code) AS line_names
     FROM order_versions v
     JOIN orders o ON o.id = v.order_id
     JOIN directives d ON d.id = v.directive_id
     JOIN enterprises e ON e.code = v.enterprise_code
     WHERE v.id = ANY($1::uuid[])`,
    [versionIds],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        versionId: r.id,
        orderId: r.order_id,
        modification: r.modification,
        status: r.status,
        ends: r.ends,
        directiveId: r.directive_id,
        directiveNumber: r.number,
        directiveKind: r.kind,
        enterprise: { code: r.enterprise_code, name: r.name, county: r.county, webhookUrl: r.webhook_url },
        level: r.level,
        phase: r.phase,
        lines: r.lines.map((l) => ({ ...l, name: r.line_names?.[l.code] ?? l.code, implementedAt: r.implementation?.[l.code]?.at ?? null })),
        stoppedCapacityPercent: r.stopped_capacity_percent,
        maxLoadPercent: r.max_load_percent,
        notes: r.notes,
        effectiveFrom: r.effective_from.toISOString(),
        effectiveTo: r.effective_to?.toISOString() ?? null,
        ackDeadline: r.ack_deadline.toISOString(),
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
        acknowledgedBy: r.acknowledged_by,
        implementedAt: r.implemented_at?.toISOString() ?? null,
        currentModification: r.current_modification,
        replacedBy: r.replaced_by ? { orderId: r.replaced_by.order_id, modification: r.replaced_by.modification, versionId: r.replaced_by.id } : null,
        notifiedAt: r.notified_at?.toISOString() ?? null,
        createdAt: r.created_at.toISOString(),
      },
    ]),
  );
}
