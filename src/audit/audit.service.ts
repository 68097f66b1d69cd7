import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/role.js';
import { currentRequestId } from '../logging/request-context.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Who acted: a signed-in user, the service itself (`system`), or a signed link (`link:<code>`). */
export type Actor = Principal | { username: string; role: null };

export const SYSTEM_ACTOR: Actor = { username: 'system', role: null };

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes audit rows inside the caller's transaction, so a change and its audit commit together. */
  async record(manager: EntityManager, actor: Actor, changes: AuditChange[]): Promise<void> {
    if (changes.length === 0) return;
    const requestId = currentRequestId();
    const CHUNK = 5000;
    for (let i = 0; i < changes.length; i += CHUNK) {
      const part = changes.slice(i, i + CHUNK).map((c) => ({ action: c.action, entity_type: c.entityType, entity_id: c.entityId, before: c.before ?? null, after: c.after ?? null }));
      // One JSON document per batch: no per-element array escaping in the driver.
      await manager.query(
        `INSERT INTO audit_log (actor, actor_role, action, entity_type, entity_id, before, after, request_id)
         SELECT $1, $2, action, entity_type, entity_id, before, after, $3
         FROM json_to_recordset($4::json) AS x(action text, entity_type text, entity_id text, before jsonb, after jsonb)`,
        [actor.username, actor.role, requestId, JSON.stringify(part)],
      );
    }
  }

  async list(filter: { entityType?: string; entityId?: string; actor?: string; limit: number; offset: number }) {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').take(filter.limit).skip(filter.offset);
    if (filter.entityType) qb.andWhere('a.entityType = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entityId = :i', { i: filter.entityId });
    if (filter.actor) qb.andWhere('a.actor = :u', { u: filter.actor });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }
}
