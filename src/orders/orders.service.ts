import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AcknowledgementService, type AckReceipt } from '../acknowledgements/acknowledgement.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { DomainError } from '../common/domain-error.js';
import { OrderErrorCode } from './orders.errors.js';
import type { ConfirmImplementationDto } from './dto/confirm-implementation.dto.js';
import type { ListOrdersQuery } from './dto/list-orders.query.js';
import { Clock } from '../common/clock.js';
import { loadVersionViews, timelineState, type OrderVersionView, type TimelineState } from './order-view.js';
import { inForceAt, inForceOrAheadAt } from './version-in-force.js';

/** Orders as their readers see them: an enterprise its own, a county officer its county. */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly acks: AcknowledgementService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * The versions in force at `at` (default now) or directed to start later, each with its
   * timeline state: an enterprise under orange now and red from noon is listed with both.
   */
  async list(principal: Principal, q: ListOrdersQuery): Promise<{ items: Array<OrderVersionView & { state: TimelineState }>; total: number; at: string }> {
    const at = q.at ? new Date(q.at) : this.clock.now();
    const params: unknown[] = [at];
    const where: string[] = [inForceOrAheadAt('v', '$1'), 'NOT v.ends', await this.access.sql(this.access.scope(principal), { code: 'v.enterprise_code', county: 'v.county' }, params)];
    if (q.inForceOnly) where.push(inForceAt('v', '$1'));
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.county) add('v.county = ?', q.county);
    if (q.enterpriseCode) add('v.enterprise_code = ?', q.enterpriseCode);
    if (q.pending) where.push('v.acknowledged_at IS NULL');
    const from = `FROM order_versions v WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params);
    const ids: Array<{ id: string }> = await this.dataSource.query(
      `SELECT v.id ${from} ORDER BY v.county, v.enterprise_code, v.effective_from LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    const views = await loadVersionViews(this.dataSource.manager, ids.map((r) => r.id));
    return { items: ids.map((r) => ({ ...views.get(r.id)!, state: timelineState(views.get(r.id)!, at) })), total, at: at.toISOString() };
  }

  async get(principal: Principal, orderId: string): Promise<{ current: OrderVersionView; versions: Array<{ modification: number; versionId: string; status: string; state: TimelineState; effectiveFrom: string; effectiveTo: string | null; directiveNumber: string; createdAt: string; acknowledgedAt: string | null }> }> {
    const versions: Array<{ id: string; modification: number }> = await this.dataSource.query('SELECT id, modification FROM order_versions WHERE order_id = $1 ORDER BY modification', [orderId]).catch(() => []);
    const views = await loadVersionViews(this.dataSource.manager, versions.map((v) => v.id));
    const all = versions.map((v) => views.get(v.id)!).filter(Boolean);
    const current = all.find((v) => v.modification === v.currentModification);
    if (!current || !(await this.access.mayReadEnterprise(principal, current.enterprise))) throw this.notFound();
    return {
      current,
      versions: all.map((v) => ({ modification: v.modification, versionId: v.versionId, status: v.status, state: timelineState(v, this.clock.now()), effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo, directiveNumber: v.directiveNumber, createdAt: v.createdAt, acknowledgedAt: v.acknowledgedAt })),
    };
  }

  private async versionFor(principal: Principal, orderId: string, modification: number): Promise<string> {
    const rows: Array<{ id: string; enterprise_code: string; county: string }> = await this.dataSource
      .query('SELECT id, enterprise_code, county FROM order_versions WHERE order_id = $1 AND modification = $2', [orderId, modification])
      .catch(() => []);
    const row = rows[0];
    if (!row || !this.access.mayActForEnterprise(principal, row.enterprise_code)) throw this.notFound();
    return row.id;
  }

  /** An enterprise acknowledges its own orders only: another's answers 404. */
  async acknowledge(principal: Principal, orderId: string, modification: number): Promise<AckReceipt> {
    return this.acks.acknowledgeByNumber(orderId, modification, principal.enterpriseCode ?? '\u0000none', principal);
  }

  async implement(principal: Principal, orderId: string, modification: number, dto: ConfirmImplementationDto): Promise<OrderVersionView> {
    const id = await this.versionFor(principal, orderId, modification);
    return this.acks.confirmImplementation(id, dto.lines.map((l) => ({ line: l.line, at: new Date(l.stoppedAt) })), principal);
  }

  private notFound(): DomainError {
    return new DomainError(OrderErrorCode.ORDER_NOT_FOUND, 'No such order (or it is outside what you may see).');
  }
}
