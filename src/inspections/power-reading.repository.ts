import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The power_readings table: per-line meter readings. */
@Injectable()
export class PowerReadingRepository {
  /** Stores new readings; a reading already stored for the line and instant is skipped. Answers how many were new. */
  async insertNew(manager: EntityManager, readings: Array<{ enterpriseCode: string; lineCode: string; at: string; kw: number }>, source: string): Promise<number> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO power_readings (enterprise_code, line_code, at, kw, source)
       SELECT enterprise_code, line_code, at, kw, $2 FROM json_to_recordset($1::json) AS x(enterprise_code text, line_code text, at timestamptz, kw float8)
       ON CONFLICT (enterprise_code, line_code, at) DO NOTHING RETURNING id`,
      [JSON.stringify(readings.map((r) => ({ enterprise_code: r.enterpriseCode, line_code: r.lineCode, at: r.at, kw: r.kw }))), source],
    );
    return inserted.length;
  }

  /** A line's readings in [from, to). */
  history(manager: EntityManager, enterpriseCode: string, lineCode: string, from: Date, to: Date): Promise<Array<{ at: Date; kw: number }>> {
    return manager.query('SELECT at, kw FROM power_readings WHERE enterprise_code = $1 AND line_code = $2 AND at >= $3 AND at < $4', [enterpriseCode, lineCode, from, to]);
  }
}
