import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** PostgreSQL's "could not obtain lock" (NOWAIT). */
const LOCK_NOT_AVAILABLE = '55P03';

export interface StoredCountyLevel<S> {
  county: string;
  machine_version: number;
  snapshot: S;
}

export interface CountyLevelState<S> {
  county: string;
  snapshot: S;
  /** The machine's state value (none | active), its directed level and stated end: columns for queries. */
  state: string;
  level: string | null;
  endsAt: string | null;
}

/** county_levels: one persisted response-level machine per county. */
@Injectable()
export class CountyLevelsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the missing counties with their initial snapshot; existing rows stay as they are. */
  async seed(rows: Array<{ county: string; snapshot: unknown }>, machineVersion: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO county_levels (county, machine_version, snapshot, state, level, ends_at, version)
       SELECT county, $2, snapshot, 'none', NULL, NULL, 1 FROM json_to_recordset($1::json) AS x(county text, snapshot jsonb)
       ON CONFLICT (county) DO NOTHING`,
      [JSON.stringify(rows), machineVersion],
    );
  }

  /** Locks the counties' rows for the transaction without waiting; null when another transaction holds one of them. */
  async lockNoWait<S>(manager: EntityManager, counties: string[]): Promise<Array<StoredCountyLevel<S>> | null> {
    try {
      return await manager.query('SELECT county, machine_version, snapshot FROM county_levels WHERE county = ANY($1) ORDER BY county FOR UPDATE NOWAIT', [counties]);
    } catch (err) {
      if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) return null;
      throw err;
    }
  }

  async save<S>(manager: EntityManager, states: Array<CountyLevelState<S>>): Promise<void> {
    for (const s of states) {
      await manager.query(`UPDATE county_levels SET snapshot = $2, state = $3, level = $4, ends_at = $5, version = version + 1, updated_at = now() WHERE county = $1`, [
        s.county,
        JSON.stringify(s.snapshot),
        s.state,
        s.level,
        s.endsAt,
      ]);
    }
  }

  async all<S>(manager: EntityManager = this.dataSource.manager): Promise<Array<{ county: string; snapshot: S }>> {
    return manager.query('SELECT county, snapshot FROM county_levels ORDER BY county');
  }

  /** Active levels whose stated end has come, oldest end first. */
  async endedBy(now: Date): Promise<Array<{ county: string; level: string; ends_at: Date }>> {
    return this.dataSource.query(`SELECT county, level, ends_at FROM county_levels WHERE state = 'active' AND ends_at IS NOT NULL AND ends_at <= $1 ORDER BY ends_at, county`, [now]);
  }
}
