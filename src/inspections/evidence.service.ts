import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { InspectionErrorCode } from './inspections.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { EvidenceRepository } from './evidence.repository.js';
import { FindingRepository } from './finding.repository.js';
import { decodePhoto, NotAnImageError, type DecodedPhoto } from './photo-decoder.js';

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Photos of findings, stored outside the database rows: content-addressed files under the
 * data folder (the same photo twice is stored once), with type, size and SHA-256 in the row.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly findings: FindingRepository,
    private readonly evidence: EvidenceRepository,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  private get folder(): string {
    return join(this.config.app.dataDir, 'evidence');
  }

  private async finding(p: Principal, findingId: string): Promise<{ id: string; team: string | null; county: string; observed_at: Date }> {
    const f = await this.findings.ref(findingId);
    if (!f || !this.access.mayReadTask(p, f)) throw new DomainError(InspectionErrorCode.FINDING_NOT_FOUND, 'No such finding (or it belongs to another team).');
    return f;
  }

  async upload(p: Principal, findingId: string, contentType: string | undefined, body: unknown) {
    const f = await this.finding(p, findingId);
    if (!this.access.mayWriteTask(p, f)) throw new DomainError(InspectionErrorCode.FINDING_NOT_FOUND, 'Only the inspecting team adds evidence.');
    const { maxBytes, allowedMimeTypes, maxPhotosPerFinding } = this.config.inspection.evidence;
    const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!allowedMimeTypes.includes(mime)) throw new DomainError(InspectionErrorCode.PHOTO_TYPE_NOT_ALLOWED, `Photos must be ${allowedMimeTypes.join(', ')} (got ${mime || 'no Content-Type'}).`);
    if (!Buffer.isBuffer(body) || body.length === 0) throw new DomainError(InspectionErrorCode.PHOTO_MISSING, 'Send the photo itself as the request body.');
    if (body.length > maxBytes) throw new DomainError(InspectionErrorCode.PHOTO_TOO_LARGE, `A photo may be at most ${Math.round(maxBytes / 1048576)} MiB.`);
    let photo: DecodedPhoto;
    try {
      photo = await decodePhoto(body, mime, this.config.inspection.evidence.maxPixels, this.config.city.city.timezone);
    } catch (err) {
      if (err instanceof NotAnImageError) throw new DomainError(InspectionErrorCode.PHOTO_UNREADABLE, `Not stored: ${err.message}.`);
      throw err;
    }
    const timeCheck = this.timeCheck(photo.takenAt, f.observed_at);
    const sha256 = createHash('sha256').update(body).digest('hex');
    const relative = join(sha256.slice(0, 2), `${sha256}.${EXTENSION[mime]}`);
    const file = join(this.folder, relative);
    // Written before the row: a crash leaves at worst an unreferenced file, never a row without bytes.
    if (!existsSync(file)) {
      mkdirSync(join(this.folder, sha256.slice(0, 2)), { recursive: true });
      writeFileSync(file, body);
    }
    return this.dataSource.transaction(async (manager) => {
      if ((await this.evidence.countOf(manager, f.id)) >= maxPhotosPerFinding) throw new DomainError(InspectionErrorCode.PHOTO_LIMIT_REACHED, `A finding holds at most ${maxPhotosPerFinding} photos.`);
      const row = await this.evidence.insert(manager, {
        findingId: f.id,
        path: relative,
        sha256,
        mime,
        size: body.length,
        uploadedBy: p.username,
        width: photo.width,
        height: photo.height,
        exifTakenAt: photo.takenAt,
        exifLat: photo.lat,
        exifLng: photo.lng,
        timeCheck,
      });
      const exif = { takenAt: photo.takenAt?.toISOString() ?? null, lat: photo.lat, lng: photo.lng };
      await this.audit.record(manager, p, [
        { action: 'evidence.add', entityType: 'finding', entityId: f.id, before: null, after: { evidenceId: row.id, sha256, mime, size: body.length, exif, timeCheck } },
      ]);
      return { id: row.id, findingId: f.id, sha256, mime, size: body.length, width: photo.width, height: photo.height, exif, timeCheck, createdAt: row.createdAt.toISOString() };
    });
  }

  async list(p: Principal, findingId: string) {
    const f = await this.finding(p, findingId);
    const rows = await this.evidence.ofFinding(f.id);
    return rows.map((r) => ({
      id: r.id,
      sha256: r.sha256,
      mime: r.mime,
      size: r.size,
      width: r.width,
      height: r.height,
      exif: { takenAt: (r.exif_taken_at as Date | null)?.toISOString() ?? null, lat: r.exif_lat, lng: r.exif_lng },
      timeCheck: r.time_check,
      uploadedBy: r.uploaded_by,
      createdAt: r.created_at,
    }));
  }

  /** `far` when the camera's time lies beyond the configured tolerance from the observed time. */
  private timeCheck(takenAt: Date | null, observedAt: Date): 'ok' | 'far' | 'no_exif_time' {
    if (takenAt === null) return 'no_exif_time';
    const toleranceMs = this.config.inspection.evidence.exifTimeToleranceMinutes * 60_000;
    return Math.abs(takenAt.getTime() - observedAt.getTime()) > toleranceMs ? 'far' : 'ok';
  }

  /** The photo's bytes, checked against the stored checksum before they are served. */
  async read(p: Principal, findingId: string, evidenceId: string): Promise<{ mime: string; bytes: Buffer }> {
    const f = await this.finding(p, findingId);
    const row = await this.evidence.file(f.id, evidenceId);
    if (!row) throw new DomainError(InspectionErrorCode.PHOTO_NOT_FOUND, 'No such photo.');
    const bytes = readFileSync(join(this.folder, row.path));
    if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) throw new Error(`evidence ${evidenceId} does not match its checksum`);
    return { mime: row.mime, bytes };
  }
}
