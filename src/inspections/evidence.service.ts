import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/role.js';
import { CommonErrorCode, DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The bytes must be what the Content-Type says: a renamed file is refused. */
function looksLike(mime: string, b: Buffer): boolean {
  if (mime === 'image/jpeg') return b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  if (mime === 'image/png') return b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (mime === 'image/webp') return b.length > 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
  return false;
}

/**
 * Photos of findings, stored outside the database rows: content-addressed files under the
 * data folder (the same photo twice is stored once), with type, size and SHA-256 in the row.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
  ) {}

  private get folder(): string {
    return join(this.config.app.dataDir, 'evidence');
  }

  private async finding(p: Principal, findingId: string): Promise<{ id: string; team: string | null; county: string }> {
    const [f] = await this.dataSource.query('SELECT id, team, county FROM findings WHERE id = $1', [findingId]).catch(() => []);
    const visible = f && (p.role === 'commander' || p.role === 'viewer' || (p.role === 'inspector' && f.team === p.team) || (p.role === 'county_officer' && f.county === p.county));
    if (!visible) throw new DomainError(CommonErrorCode.NOT_FOUND, 'No such finding (or it belongs to another team).');
    return f;
  }

  async upload(p: Principal, findingId: string, contentType: string | undefined, body: unknown) {
    const f = await this.finding(p, findingId);
    if (p.role !== 'inspector' && p.role !== 'commander') throw new DomainError(CommonErrorCode.NOT_FOUND, 'Only the inspecting team adds evidence.');
    const { maxBytes, allowedMimeTypes, maxPhotosPerFinding } = this.config.inspection.evidence;
    const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!allowedMimeTypes.includes(mime)) throw new DomainError(CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, `Photos must be ${allowedMimeTypes.join(', ')} (got ${mime || 'no Content-Type'}).`);
    if (!Buffer.isBuffer(body) || body.length === 0) throw new DomainError(CommonErrorCode.INVALID_INPUT, 'Send the photo itself as the request body.');
    if (body.length > maxBytes) throw new DomainError(CommonErrorCode.PAYLOAD_TOO_LARGE, `A photo may be at most ${Math.round(maxBytes / 1048576)} MiB.`);
    if (!looksLike(mime, body)) throw new DomainError(CommonErrorCode.UNPROCESSABLE, `The file is not a ${mime} image.`);
    const sha256 = createHash('sha256').update(body).digest('hex');
    const relative = join(sha256.slice(0, 2), `${sha256}.${EXTENSION[mime]}`);
    const file = join(this.folder, relative);
    // Written before the row: a crash leaves at worst an unreferenced file, never a row without bytes.
    if (!existsSync(file)) {
      mkdirSync(join(this.folder, sha256.slice(0, 2)), { recursive: true });
      writeFileSync(file, body);
    }
    return this.dataSource.transaction(async (manager) => {
      const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM evidence WHERE finding_id = $1', [f.id]);
      if (n >= maxPhotosPerFinding) throw new DomainError(CommonErrorCode.UNPROCESSABLE, `A finding holds at most ${maxPhotosPerFinding} photos.`);
      const [row] = await manager.query(
        'INSERT INTO evidence (finding_id, path, sha256, mime, size, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at',
        [f.id, relative, sha256, mime, body.length, p.username],
      );
      await this.audit.record(manager, p, [{ action: 'evidence.add', entityType: 'finding', entityId: f.id, before: null, after: { evidenceId: row.id, sha256, mime, size: body.length } }]);
      return { id: row.id as string, findingId: f.id, sha256, mime, size: body.length, createdAt: (row.created_at as Date).toISOString() };
    });
  }

  async list(p: Principal, findingId: string) {
    const f = await this.finding(p, findingId);
    return this.dataSource.query('SELECT id, sha256, mime, size, uploaded_by AS "uploadedBy", created_at AS "createdAt" FROM evidence WHERE finding_id = $1 ORDER BY created_at', [f.id]);
  }

  /** The photo's bytes, checked against the stored checksum before they are served. */
  async read(p: Principal, findingId: string, evidenceId: string): Promise<{ mime: string; bytes: Buffer }> {
    const f = await this.finding(p, findingId);
    const [row] = await this.dataSource.query('SELECT path, sha256, mime FROM evidence WHERE id = $1 AND finding_id = $2', [evidenceId, f.id]).catch(() => []);
    if (!row) throw new DomainError(CommonErrorCode.NOT_FOUND, 'No such photo.');
    const bytes = readFileSync(join(this.folder, row.path));
    if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) throw new Error(`evidence ${evidenceId} does not match its checksum`);
    return { mime: row.mime, bytes };
  }
}
