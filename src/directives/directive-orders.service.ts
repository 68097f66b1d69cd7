import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/role.js';
import { DirectiveErrorCode } from './directives.errors.js';
import { DomainError } from '../common/domain-error.js';
import type { OrderLine } from '../rules/orders/order.types.js';
import type { DirectiveOrdersQuery } from './dto/directive-orders.query.js';

export interface DirectiveOrderRow {
  versionId: string;
  orderId: string;
  modification: number;
  status: string;
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  lines: Array<{ code: string; name: string; action: string; maxLoadPercent: number | null }>;
  ackDeadline: string;
  acknowledgedAt: string | null;
  implementedAt: string | null;
  deliveries: Array<{ channel: string; recipient: string; status: string; attempts: number; lastError: string | null; lastAttemptAt: string | null }>;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The order versions one directive made, with their lines and every delivery, paged: the directive page's lists. */
@Injectable()
export class DirectiveOrdersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(p: Principal, directiveId: string, q: DirectiveOrdersQuery): Promise<{ items: DirectiveOrderRow[]; total: number; page: number; pageSize: number }> {
    const [directive] = await this.dataSource.query('SELECT id FROM directives WHERE id = $1', [directiveId]);
    if (!directive) throw new DomainError(DirectiveErrorCode.DIRECTIVE_NOT_FOUND, `No directive ${directiveId}.`);
    const county = p.role === 'county_officer' ? (p.county ?? '\u0000none') : (q.county ?? null);
    const where = `v.directive_id = $1 AND ($2::text IS NULL OR v.county = $2)`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM order_versions v WHERE ${where}`, [directiveId, county]);
    const rows: Array<{
      id: string;
      order_id: string;
      modification: number;
      status: string;
      enterprise_code: string;
      name: string;
      county: string;
      lines: OrderLine[];
      line_names: Record<string, string> | null;
      ack_deadline: Date;
      acknowledged_at: Date | null;
      implemented_at: Date | null;
      deliveries: Array<{ channel: string; recipient: string; status: string; attempts: number; last_error: string | null; last_at: string | null }> | null;
    }> = await this.dataSource.query(
      `SELECT v.id, v.order_id, v.modification, v.status, v.enterprise_code, e.name, v.county, v.lines, v.ack_deadline, v.acknowledged_at, v.implemented_at,
              (SELECT json_object_agg(l.code, l.name) FROM production_lines l WHERE l.enterprise_code = v.enterprise_code) AS line_names,
              (SELECT json_agg(json_build_object('channel', o.channel, 'recipient', o.recipient, 'status', o.status, 'attempts', o.attempts, 'last_error', o.last_error,
                                                 'last_at', (SELECT max(a.at) FROM delivery_attempts a WHERE a.outbox_id = o.id)) ORDER BY o.id)
                 FROM outbox o WHERE o.order_version_id = v.id) AS deliveries
       FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code
       WHERE ${where} ORDER BY v.county, v.enterprise_code LIMIT $3 OFFSET $4`,
      [directiveId, county, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items = rows.map((r) => ({
      versionId: r.id,
      orderId: r.order_id,
      modification: r.modification,
      status: r.status,
      enterpriseCode: r.enterprise_code,
      enterpriseName: r.name,
      county: r.county,
      lines: r.lines.map((l) => ({ code: l.code, name: r.line_names?.[l.code] ?? l.code, action: l.action, maxLoadPercent: l.maxLoadPercent })),
      ackDeadline: r.ack_deadline.toISOString(),
      acknowledgedAt: iso(r.acknowledged_at),
      implementedAt: iso(r.implemented_at),
      deliveries: (r.deliveries ?? []).map((d) => ({ channel: d.channel, recipient: d.recipient, status: d.status, attempts: d.attempts, lastError: d.last_error, lastAttemptAt: d.last_at ? new Date(d.last_at).toISOString() : null })),
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}
