import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { AuthErrorCode } from '../auth/auth.errors.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { RegistryErrorCode } from './registry.errors.js';
import { ConfigService } from '../config/config.service.js';
import { STANDARD_WEBHOOK_HEADERS, standardWebhookSecretFor } from '../common/standard-webhook.js';
import { WEBHOOK_SIGNATURE_HEADER, webhookSecretFor } from '../common/webhook-signature.js';
import type { Enterprise } from '../rules/enterprise.js';
import type { ListEnterprisesQuery } from './dto/list-enterprises.query.js';
import { decodeCursor, encodeCursor } from '../common/page-cursor.js';
import { entityToEnterprise, entityToView, type EnterpriseView } from './enterprise.mapper.js';
import { EnterpriseRepository } from './enterprise.repository.js';
import { EnterpriseContactsChanged } from './enterprise-contacts-changed.js';
import { validateEnterprise, validationContextAt } from './validation/enterprise.validator.js';
import { Clock } from '../common/clock.js';

/** The version the caller read: body `version`, or an If-Match header ("3" or W/"3"). */
function expectedVersionOf(input: unknown, ifMatch: string | undefined): number {
  const fromBody = (input as { version?: unknown } | null)?.version;
  const raw = fromBody ?? ifMatch?.replace(/^W\//, '').replace(/"/g, '');
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    throw new DomainError(CommonErrorCode.INVALID_INPUT, 'Send the version you read (field "version" in the body, or an If-Match header) so that concurrent changes are not lost.');
  }
  return n;
}

@Injectable()
export class RegistryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseRepository,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly contactsChanged: EnterpriseContactsChanged,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, q: ListEnterprisesQuery): Promise<{ items: EnterpriseView[]; total: number; page: number; pageSize: number; nextCursor: string | null }> {
    const params: unknown[] = [];
    const sql = await this.access.sql(this.access.scope(principal), { code: 'e.code', county: 'e.county' }, params);
    const c = q.cursor ? decodeCursor('enterprises', q.cursor, 1) : null;
    const { rows, total } = await this.enterprises.page({ ...q, scope: { sql, params }, after: c?.key[0] ?? null, total: c?.total ?? null });
    const last = rows.at(-1);
    const nextCursor = last && rows.length === q.pageSize ? encodeCursor('enterprises', total, [last.code]) : null;
    return { items: rows.map(entityToView), total, page: q.page, pageSize: q.pageSize, nextCursor };
  }

  async get(principal: Principal, code: string): Promise<EnterpriseView> {
    const found = (await this.enterprises.load([code.toUpperCase()])).get(code.toUpperCase());
    // Out of scope looks exactly like absent: no probing of other enterprises' codes.
    if (!found || !(await this.access.mayReadEnterprise(principal, found))) throw this.notFound(code);
    return entityToView(found);
  }

  async create(principal: Principal, input: unknown): Promise<EnterpriseView> {
    const enterprise = this.validate(input);
    this.assertMayWrite(principal, enterprise.county);
    return this.dataSource.transaction(async (manager) => {
      if (await this.enterprises.existsLocked(manager, enterprise.code))
        throw new DomainError(RegistryErrorCode.ENTERPRISE_EXISTS, `Enterprise ${enterprise.code} is already registered; use PUT /api/v1/enterprises/${enterprise.code} to change it.`);
      await this.enterprises.upsert(manager, [enterprise]);
      await this.audit.record(manager, principal, [{ action: 'enterprise.create', entityType: 'enterprise', entityId: enterprise.code, before: null, after: enterprise }]);
      const saved = (await this.enterprises.load([enterprise.code], { manager })).get(enterprise.code);
      if (!saved) throw new Error('enterprise vanished after insert');
      return entityToView(saved);
    });
  }

  /** Optimistic concurrency: the caller names the version it read; a stale one gets 409. */
  async update(principal: Principal, code: string, input: unknown, ifMatch: string | undefined): Promise<EnterpriseView> {
    const upper = code.toUpperCase();
    const expectedVersion = expectedVersionOf(input, ifMatch);
    const bodyCode = (input as { code?: unknown } | null)?.code;
    if (bodyCode !== undefined && String(bodyCode).trim().toUpperCase() !== upper) {
      throw new DomainError(RegistryErrorCode.CODE_MISMATCH, `The body's code ${String(bodyCode)} differs from the path's ${upper}; a credit code cannot be changed.`);
    }
    const enterprise = this.validate({ ...(input as object), code: upper });
    const view = await this.dataSource.transaction(async (manager) => {
      const current = (await this.enterprises.load([upper], { manager, lock: true })).get(upper);
      if (!current || !(await this.access.mayReadEnterprise(principal, current, manager))) throw this.notFound(upper);
      this.assertMayWrite(principal, current.county);
      this.assertMayWrite(principal, enterprise.county);
      if (current.version !== expectedVersion) {
        throw new DomainError(
          RegistryErrorCode.VERSION_CONFLICT,
          `Enterprise ${upper} was changed by someone else (you sent version ${expectedVersion}, it is now ${current.version}); reload it and apply your change again.`,
          { currentVersion: current.version },
        );
      }
      await this.enterprises.upsert(manager, [enterprise]);
      const before = entityToEnterprise(current);
      await this.audit.record(manager, principal, [{ action: 'enterprise.update', entityType: 'enterprise', entityId: upper, before, after: enterprise }]);
      await this.contactsChanged.changed(manager, principal, [{ before, after: enterprise }]);
      const saved = (await this.enterprises.load([upper], { manager })).get(upper);
      if (!saved) throw new Error('enterprise vanished after update');
      return entityToView(saved);
    });
    this.contactsChanged.committed();
    return view;
  }

  async webhookSecret(
    principal: Principal,
    code: string,
  ): Promise<{ enterpriseCode: string; standard: { headers: string[]; algorithm: string; secret: string }; header: string; algorithm: string; secret: string }> {
    const e = await this.get(principal, code);
    return {
      enterpriseCode: e.code,
      standard: {
        headers: [...STANDARD_WEBHOOK_HEADERS],
        algorithm: 'Standard Webhooks v1: webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>"; verify with the standardwebhooks library',
        secret: standardWebhookSecretFor(e.code, this.config.app.secret),
      },
      header: WEBHOOK_SIGNATURE_HEADER,
      algorithm: 'HMAC-SHA256 over "<t>.<body>", header t=<unix seconds>,v1=<hex>',
      secret: webhookSecretFor(e.code, this.config.app.secret),
    };
  }

  /** Enterprises are never deleted: deactivation keeps their history and stops new orders. */
  async setActive(principal: Principal, code: string, active: boolean): Promise<EnterpriseView> {
    const upper = code.toUpperCase();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.enterprises.lockRow(manager, upper);
      if (!current || !(await this.access.mayReadEnterprise(principal, current, manager))) throw this.notFound(upper);
      this.assertMayWrite(principal, current.county);
      if (current.active !== active) {
        await this.enterprises.setActive(manager, upper, active, current.version + 1);
        await this.audit.record(manager, principal, [
          { action: active ? 'enterprise.activate' : 'enterprise.deactivate', entityType: 'enterprise', entityId: upper, before: { active: current.active }, after: { active } },
        ]);
      }
      const saved = (await this.enterprises.load([upper], { manager })).get(upper);
      if (!saved) throw this.notFound(upper);
      return entityToView(saved);
    });
  }

  private validate(input: unknown): Enterprise {
    const result = validateEnterprise(input, this.config.city, validationContextAt(this.clock.now(), this.config.city));
    if (!result.ok) {
      throw new DomainError(
        RegistryErrorCode.ENTERPRISE_INVALID,
        `The enterprise has ${result.errors.length} problem(s): ` + result.errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        result.errors,
      );
    }
    return result.value;
  }

  private assertMayWrite(principal: Principal, county: string): void {
    if (this.access.mayWriteEnterprise(principal, { code: '', county })) return;
    throw new DomainError(
      AuthErrorCode.FORBIDDEN,
      principal.role === 'county_officer' ? `A county officer of ${principal.county} may only change enterprises of that county.` : 'Your role may not change the registry.',
    );
  }

  private notFound(code: string): DomainError {
    return new DomainError(RegistryErrorCode.ENTERPRISE_NOT_FOUND, `No enterprise with code ${code} (or it is outside what you may see).`);
  }
}
