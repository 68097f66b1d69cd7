import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportedLine } from '../rules/inspection/status-report-check.js';

export interface NewStatusReport {
  enterpriseCode: string;
  slot: Date;
  reportedAt: Date;
  reportedBy: string;
  lines: ReportedLine[];
  note: string | null;
  orderVersionId: string | null;
  discrepancies: unknown[];
}

/** The `status_reports` table: append-only; a correction is a new row, the latest per slot counts. */
@Injectable()
export class StatusReportsRepository {
  /** The id of the latest report of an enterprise for a slot, or null. */
  async latestId(manager: EntityManager, enterpriseCode: string, slot: Date): Promise<string | null> {
    const [row] = await manager.query('SELECT id FROM status_reports WHERE enterprise_code = $1 AND slot = $2 ORDER BY reported_at DESC, id DESC LIMIT 1', [enterpriseCode, slot]);
    return row ? String(row.id) : null;
  }

  async insert(manager: EntityManager, r: NewStatusReport): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO status_reports (enterprise_code, slot, reported_at, reported_by, lines, note, order_version_id, discrepancies) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [r.enterpriseCode, r.slot, r.reportedAt, r.reportedBy, JSON.stringify(r.lines), r.note, r.orderVersionId, JSON.stringify(r.discrepancies)],
    );
    return String(row.id);
  }
}
