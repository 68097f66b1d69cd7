import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid.js';

export interface NewEvidence {
  findingId: string;
  path: string;
  sha256: string;
  mime: string;
  size: number;
  uploadedBy: string;
  width: number | null;
  height: number | null;
  exifTakenAt: Date | null;
  exifLat: number | null;
  exifLng: number | null;
  timeCheck: string;
}

/** The evidence table: one row per stored photo of a finding. */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countOf(manager: EntityManager, findingId: string): Promise<number> {
    const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM evidence WHERE finding_id = $1', [findingId]);
    return n;
  }

  async insert(manager: EntityManager, e: NewEvidence): Promise<{ id: string; createdAt: Date }> {
    const [row] = await manager.query(
      `INSERT INTO evidence (finding_id, path, sha256, mime, size, uploaded_by, width, height, exif_taken_at, exif_lat, exif_lng, time_check)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id, created_at`,
      [e.findingId, e.path, e.sha256, e.mime, e.size, e.uploadedBy, e.width, e.height, e.exifTakenAt, e.exifLat, e.exifLng, e.timeCheck],
    );
    return { id: String(row.id), createdAt: row.created_at as Date };
  }

  ofFinding(findingId: string): Promise<Array<Record<string, unknown>>> {
    return this.dataSource.query(
      `SELECT id, sha256, mime, size, width, height, exif_taken_at, exif_lat, exif_lng, time_check, uploaded_by, created_at FROM evidence WHERE finding_id = $1 ORDER BY created_at`,
      [findingId],
    );
  }

  /** Where one photo of a finding is stored; null for a missing or malformed id. */
  async file(findingId: string, evidenceId: string): Promise<{ path: string; sha256: string; mime: string } | null> {
    if (!isUuid(evidenceId)) return null;
    const [row] = await this.dataSource.query('SELECT path, sha256, mime FROM evidence WHERE id = $1 AND finding_id = $2', [evidenceId, findingId]);
    return row ?? null;
  }
}
