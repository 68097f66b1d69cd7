import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface PhoneNoticeView {
  id: string;
  orderId: string;
  modification: number;
  orderVersionId: string;
  enterpriseCode: string;
  county: string;
  calledName: string;
  phone: string;
  calledAt: string;
  answeredBy: string;
  notes: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface NewPhoneNotice {
  orderVersionId: string;
  orderId: string;
  modification: number;
  enterpriseCode: string;
  county: string;
  calledName: string;
  phone: string;
  calledAt: Date;
  answeredBy: string;
  notes: string | null;
  recordedBy: string;
  recordedAt: Date;
}

function toView(r: Record<string, unknown>): PhoneNoticeView {
  return {
    id: String(r.id),
    orderId: r.order_id as string,
    modification: r.modification as number,
    orderVersionId: r.order_version_id as string,
    enterpriseCode: r.enterprise_code as string,
    county: r.county as string,
    calledName: r.called_name as string,
    phone: r.phone as string,
    calledAt: (r.called_at as Date).toISOString(),
    answeredBy: r.answered_by as string,
    notes: (r.notes as string | null) ?? null,
    recordedBy: r.recorded_by as string,
    recordedAt: (r.recorded_at as Date).toISOString(),
  };
}

/** The `phone_notices` table: a county officer's recorded calls. */
@Injectable()
export class PhoneNoticesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, n: NewPhoneNotice): Promise<PhoneNoticeView> {
    const [row] = await manager.query(
      `INSERT INTO phone_notices (order_version_id, order_id, modification, enterprise_code, county, called_name, phone, called_at, answered_by, notes, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [n.orderVersionId, n.orderId, n.modification, n.enterpriseCode, n.county, n.calledName, n.phone, n.calledAt, n.answeredBy, n.notes, n.recordedBy, n.recordedAt],
    );
    return toView(row);
  }

  async ofVersion(versionId: string): Promise<PhoneNoticeView[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query('SELECT * FROM phone_notices WHERE order_version_id = $1 ORDER BY called_at, id', [versionId]);
    return rows.map(toView);
  }
}
