import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/role.js';
import { DirectiveErrorCode } from './directives.errors.js';
import { DomainError } from '../common/domain-error.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { decodeCursor, encodeCursor } from '../common/page-cursor.js';
import { isUuid } from '../common/uuid.js';
import { DirectiveOrdersRepository } from './directive-orders.repository.js';
import { DirectivesRepository } from './directives.repository.js';
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
  constructor(
    private readonly directives: DirectivesRepository,
    private readonly readModel: DirectiveOrdersRepository,
  ) {}

  async list(p: Principal, directiveId: string, q: DirectiveOrdersQuery): Promise<{ items: DirectiveOrderRow[]; total: number; page: number; pageSize: number; nextCursor: string | null }> {
    const c = q.cursor ? decodeCursor('directive-orders', q.cursor, 4) : null;
    if (c && (c.key[0] !== directiveId || !isUuid(c.key[3])))
      throw new DomainError(CommonErrorCode.INVALID_INPUT, 'cursor is not one this list gave out: ask for the first page without a cursor and follow nextCursor.');
    if (!(await this.directives.head(directiveId))) throw new DomainError(DirectiveErrorCode.DIRECTIVE_NOT_FOUND, `No directive ${directiveId}.`);
    const county = p.role === 'county_officer' ? (p.county ?? '(none)') : (q.county ?? null);
    const total = c?.total ?? (await this.readModel.count(directiveId, county));
    const after = c ? { county: c.key[1], enterpriseCode: c.key[2], id: c.key[3] } : null;
    const rows = await this.readModel.page(directiveId, county, q.pageSize, (q.page - 1) * q.pageSize, after);
    const last = rows.at(-1);
    const nextCursor = last && rows.length === q.pageSize ? encodeCursor('directive-orders', total, [directiveId, last.county, last.enterprise_code, last.id]) : null;
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
      deliveries: (r.deliveries ?? []).map((d) => ({
        channel: d.channel,
        recipient: d.recipient,
        status: d.status,
        attempts: d.attempts,
        lastError: d.last_error,
        lastAttemptAt: d.last_at ? new Date(d.last_at).toISOString() : null,
      })),
    }));
    return { items, total, page: q.page, pageSize: q.pageSize, nextCursor };
  }
}
