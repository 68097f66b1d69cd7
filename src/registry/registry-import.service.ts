import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type Actor, type AuditChange } from '../audit/audit.service.js';
import { DomainError } from '../common/domain-error.js';
import { RegistryErrorCode } from './registry.errors.js';
import { ConfigService } from '../config/config.service.js';
import type { Enterprise } from '../rules/enterprise.js';
import { sameData } from '../common/same-data.js';
import { entityToEnterprise } from './enterprise.mapper.js';
import { EnterpriseRepository } from './enterprise.repository.js';
import { parseRegistryImport } from './import/registry-import.js';
import { validationContextAt } from './validation/enterprise.validator.js';
import { Clock } from '../common/clock.js';
import { EnterpriseContactsChanged } from './enterprise-contacts-changed.js';

export type ImportKind = 'json' | 'csv' | 'xlsx';

export interface ImportSummary {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  /** Order notices queued again because a contact was added or fixed. */
  resent: number;
}

export type ImportProgress = (stage: 'parsed' | 'compared' | 'written', done: number, total: number) => void;

const WRITE_BATCH = 2000;
const UNIQUE_VIOLATION = '23505';

@Injectable()
export class RegistryImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseRepository,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly contactsChanged: EnterpriseContactsChanged,
    private readonly clock: Clock,
  ) {}

  /**
   * All or nothing: any bad row means nothing is written and every problem is reported.
   * Upsert by code; an enterprise whose data is unchanged is not touched (no version bump, no audit).
   */
  async import(actor: Actor, kind: ImportKind, body: unknown, opts: { dryRun?: boolean; onProgress?: ImportProgress } = {}): Promise<ImportSummary> {
    const { enterprises, errors } = await parseRegistryImport(kind, body as Buffer, this.config.city, validationContextAt(this.clock.now(), this.config.city));
    if (errors.length > 0) {
      throw new DomainError(RegistryErrorCode.IMPORT_INVALID, `The import has ${errors.length} error(s); nothing was written. Fix every listed row and import again.`, errors);
    }
    opts.onProgress?.('parsed', enterprises.length, enterprises.length);
    const dryRun = opts.dryRun ?? false;

    const write = (copyCreates: boolean) =>
      this.dataSource.transaction(async (manager) => {
        const existing = await this.enterprises.load(
          enterprises.map((e) => e.code),
          { manager },
        );
        const changed: Enterprise[] = [];
        const fresh: Enterprise[] = [];
        const contactChanges: Array<{ before: Enterprise; after: Enterprise }> = [];
        const audit: AuditChange[] = [];
        let created = 0;
        for (const e of enterprises) {
          const before = existing.get(e.code);
          if (!before) {
            created++;
            (copyCreates ? fresh : changed).push(e);
            audit.push({ action: 'enterprise.import.create', entityType: 'enterprise', entityId: e.code, before: null, after: e });
            continue;
          }
          const old = entityToEnterprise(before);
          if (!sameData(old, e)) {
            changed.push(e);
            contactChanges.push({ before: old, after: e });
            audit.push({ action: 'enterprise.import.update', entityType: 'enterprise', entityId: e.code, before: old, after: e });
          }
        }
        opts.onProgress?.('compared', enterprises.length, enterprises.length);
        const summary: ImportSummary = {
          received: enterprises.length,
          created,
          updated: changed.length + fresh.length - created,
          unchanged: enterprises.length - changed.length - fresh.length,
          dryRun,
          resent: 0,
        };
        if (dryRun) return summary;
        // The audit rows are hashed while PostgreSQL takes the enterprises, and written after them.
        const writeAudit = await this.audit.recordLater(manager, actor, audit);
        await this.enterprises.insertNew(manager, fresh);
        opts.onProgress?.('written', fresh.length, changed.length + fresh.length);
        for (let i = 0; i < changed.length; i += WRITE_BATCH) {
          await this.enterprises.upsert(manager, changed.slice(i, i + WRITE_BATCH));
          opts.onProgress?.('written', fresh.length + Math.min(i + WRITE_BATCH, changed.length), changed.length + fresh.length);
        }
        await writeAudit();
        summary.resent = await this.contactsChanged.changed(manager, actor, contactChanges);
        return summary;
      });
    // New enterprises go in by COPY; one created by another writer meanwhile makes it fail
    // with a unique violation, and the import runs again as an upsert.
    const summary = await write(true).catch((err: unknown) => {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      return write(false);
    });

    this.contactsChanged.committed();
    return summary;
  }
}
