// Read model: one directive's order versions with the enterprise's name, its line names and every delivery (order_versions, enterprises, production_lines, outbox, delivery_attempts), for the directive page.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrderLine } from '../rules/orders/order.types.js';

export interface DirectiveOrderVersionRow {
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
}

const WHERE = `v.directive_id = $1 AND ($2::text IS NULL OR v.county = $2)`;

@Injectable()
export class DirectiveOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** How many versions the directive made (in one county, or everywhere when null). */
  async count(directiveId: string, county: string | null): Promise<number> {
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM order_versions v WHERE ${WHERE}`, [directiveId, county]);
    return total;
  }

  /**
   * One page, by county, enterprise and id (the index idx_order_versions_directive_keyset walks
   * it): after the key `after` (keyset) or from `offset`.
   */
  async page(
    directiveId: string,
    county: string | null,
    limit: number,
    offset: number,
    after: { county: string; enterpriseCode: string; id: string } | null = null,
  ): Promise<DirectiveOrderVersionRow[]> {
    return this.dataSource.query(
      `SELECT v.id, v.order_id, v.modification, v.status, v.enterprise_code, e.name, v.county, v.lines, v.ack_deadline, v.acknowledged_at, v.implemented_at,
              (SELECT json_object_agg(l.code, l.name) FROM production_lines l WHERE l.enterprise_code = v.enterprise_code) AS line_names,
              (SELECT json_agg(json_build_object('channel', o.channel, 'recipient', o.recipient, 'status', o.status, 'attempts', o.attempts, 'last_error', o.last_error,
                                                 'last_at', (SELECT max(a.at) FROM delivery_attempts a WHERE a.outbox_id = o.id)) ORDER BY o.id)
                 FROM outbox o WHERE o.order_version_id = v.id) AS deliveries
       FROM order_versions v JOIN enterprises e ON e.code = v.enterprise_code
       WHERE ${WHERE} AND ($5::text IS NULL OR (v.county, v.enterprise_code, v.id) > ($5, $6, $7::uuid))
       ORDER BY v.county, v.enterprise_code, v.id LIMIT $3 OFFSET $4`,
      [directiveId, county, limit, after ? 0 : offset, after?.county ?? null, after?.enterpriseCode ?? null, after?.id ?? null],
    );
  }
}
