import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid.js';
import type { DrawInput, DrawResult } from '../rules/inspection/double-random-draw.js';

export interface StoredDraw {
  id: string;
  inputs: DrawInput;
  result: DrawResult;
  at: Date;
}

/** The draws table: every draw with all its inputs, so that anyone can re-run it. */
@Injectable()
export class DrawRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, d: { seed: string; size: number; at: Date; inputs: DrawInput; result: DrawResult; createdBy: string }): Promise<string> {
    const [draw] = await manager.query(`INSERT INTO draws (seed, size, at, inputs, result, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $3) RETURNING id`, [
      d.seed,
      d.size,
      d.at,
      JSON.stringify(d.inputs),
      JSON.stringify(d.result),
      d.createdBy,
    ]);
    return String(draw.id);
  }

  /** Null for a missing or malformed id. */
  async get(id: string): Promise<StoredDraw | null> {
    if (!isUuid(id)) return null;
    const [draw] = await this.dataSource.query('SELECT id, inputs, result, at FROM draws WHERE id = $1', [id]);
    return draw ?? null;
  }
}
