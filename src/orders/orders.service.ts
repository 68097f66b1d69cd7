import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { DomainError } from '../common/domain-error.js';
import { OrderErrorCode } from './orders.errors.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { decodeCursor, encodeCursor } from '../common/page-cursor.js';
import { isUuid } from '../common/uuid.js';
import type { ListOrdersQuery } from './dto/list-orders.query.js';
import { Clock } from '../common/clock.js';
import { loadVersionViews, timelineState, type OrderVersionView, type TimelineState } from './order-view.js';
import { OrderVersionsRepository, type VersionRef } from './order-versions.repository.js';

/** Orders as their readers see them: an enterprise its own, a county officer its county. */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: OrderVersionsRepository,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * The versions in force at `at` (default now) or directed to start later, each with its
   * timeline state: an enterprise under orange now and red from noon is listed with both.
   * With a cursor the page continues a walk: same `at` and total as its first page.
   */
  async list(principal: Principal, q: ListOrdersQuery): Promise<{ items: Array<OrderVersionView & { state: TimelineState }>; total: number; at: string; nextCursor: string | null }> {
    const c = q.cursor ? decodeCursor('orders', q.cursor, 5) : null;
    const at = c ? new Date(c.key[0]) : q.at ? new Date(q.at) : this.clock.now();
    if (Number.isNaN(at.getTime())) throw new DomainError(CommonErrorCode.INVALID_INPUT, 'cursor is not one this list gave out: ask for the first page without a cursor.');
    const after = c ? { county: c.key[1], enterpriseCode: c.key[2], effectiveFrom: c.key[3], id: c.key[4] } : null;
    if (after && (!isUuid(after.id) || !/^-?\d{1,19}$/.test(after.effectiveFrom)))
      throw new DomainError(CommonErrorCode.INVALID_INPUT, 'cursor is not one this list gave out: ask for the first page without a cursor.');
    const scope = this.access.scope(principal);
    const { ids, total, last } = await this.versions.page({ ...q, at }, (columns, params) => this.access.sql(scope, columns, params), { after, total: c?.total ?? null });
    const views = await loadVersionViews(this.dataSource.manager, ids);
    const nextCursor = last && ids.length === q.pageSize ? encodeCursor('orders', total, [at.toISOString(), last.county, last.enterpriseCode, last.effectiveFrom, last.id]) : null;
    return { items: ids.map((id) => ({ ...views.get(id)!, state: timelineState(views.get(id)!, at) })), total, at: at.toISOString(), nextCursor };
  }

  async get(
    principal: Principal,
    orderId: string,
  ): Promise<{
    current: OrderVersionView;
    versions: Array<{
      modification: number;
      versionId: string;
      status: string;
      state: TimelineState;
      effectiveFrom: string;
      effectiveTo: string | null;
      directiveNumber: string;
      createdAt: string;
      acknowledgedAt: string | null;
    }>;
  }> {
    // orderId is a UUID (the route's pipe checks it): an unknown one has no versions.
    const ids = await this.versions.idsOfOrder(orderId);
    const views = await loadVersionViews(this.dataSource.manager, ids);
    const all = ids.map((id) => views.get(id)!).filter(Boolean);
    const current = all.find((v) => v.modification === v.currentModification);
    if (!current || !(await this.access.mayReadEnterprise(principal, current.enterprise))) throw this.notFound();
    return {
      current,
      versions: all.map((v) => ({
        modification: v.modification,
        versionId: v.versionId,
        status: v.status,
        state: timelineState(v, this.clock.now()),
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        directiveNumber: v.directiveNumber,
        createdAt: v.createdAt,
        acknowledgedAt: v.acknowledgedAt,
      })),
    };
  }

  /** The version an enterprise acts on: its own only; another's (or none) answers 404. */
  async versionForEnterprise(principal: Principal, orderId: string, modification: number): Promise<VersionRef> {
    const row = await this.versions.findRef(orderId, modification);
    if (!row || !this.access.mayActForEnterprise(principal, row.enterpriseCode)) throw this.notFound();
    return row;
  }

  private notFound(): DomainError {
    return new DomainError(OrderErrorCode.ORDER_NOT_FOUND, 'No such order (or it is outside what you may see).');
  }
}
