import type { SqlParams } from '../common/sql-params.js';
import type { Actor } from './audit.service.js';

/** What a statement needs to chain audit rows in SQL (AuditService.sqlChain). */
export interface SqlChain {
  lockClass: number;
  chains: number;
  ipad: Buffer;
  opad: Buffer;
}

/**
 * CTEs (for a statement of the caller's) that write one chained audit row, with no `before`,
 * for each row of the CTE `source` (its text column `entity_id`): the hot path's receipt writes
 * its entry in the statement that marks it. They compute in SQL what AuditService.record
 * computes: audit_chain_claim takes a chain and its head, and the hash is the HMAC of the
 * RFC 8785 JSON of the same fields (HMAC from the key's pads with sha256()). `after` is given
 * twice, as the canonical JSON text (keys sorted) and as the jsonb stored; both are SQL
 * expressions of the caller's.
 */
export function sqlAuditEntries(
  p: SqlParams,
  chain: SqlChain,
  source: string,
  entry: { actor: Actor; requestId: string | null; action: string; entityType: string; afterCanonical: string; afterJsonb: string },
): string {
  if (!/^[a-z_.]+$/.test(entry.action) || !/^[a-z_]+$/.test(entry.entityType) || !/^[a-z_]+$/.test(source)) throw new Error('sqlAuditEntries: action, entity type and source are identifiers');
  const actor = p.add(entry.actor.username);
  const role = p.add(entry.actor.role);
  const requestId = p.add(entry.requestId);
  const lockClass = p.add(chain.lockClass);
  const chains = p.add(chain.chains);
  const ipad = p.add(chain.ipad);
  const opad = p.add(chain.opad);
  return `audit_claim AS (
         SELECT c.chain, c.seq, c.hash, date_trunc('milliseconds', now()) AS at
         FROM audit_chain_claim(${lockClass}, ${chains}, 0) c WHERE EXISTS (SELECT 1 FROM ${source})),
       audit_entry AS (
         SELECT s.entity_id, cl.chain, coalesce(cl.seq, 0) + 1 AS seq, coalesce(cl.hash, repeat('0', 64)) AS prev_hash, cl.at
         FROM ${source} s CROSS JOIN audit_claim cl),
       audit_message AS (
         SELECT e.*, '[' || e.chain || ',' || to_jsonb((e.seq)::text)::text || ',' || to_jsonb(e.prev_hash::text)::text || ','
           || to_jsonb(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text || ',' || to_jsonb(${actor}::text)::text || ','
           || coalesce(to_jsonb(${role}::text)::text, 'null') || ',${JSON.stringify(entry.action)},${JSON.stringify(entry.entityType)},' || to_jsonb(e.entity_id)::text
           || ',null,' || ${entry.afterCanonical} || ',' || coalesce(to_jsonb(${requestId}::text)::text, 'null') || ']' AS m
         FROM audit_entry e),
       audited AS (
         INSERT INTO audit_log (at, actor, actor_role, action, entity_type, entity_id, before, after, request_id, chain, seq, prev_hash, hash)
         SELECT at, ${actor}, ${role}, '${entry.action}', '${entry.entityType}', entity_id, NULL, ${entry.afterJsonb}, ${requestId},
                chain, seq, prev_hash, encode(sha256(${opad}::bytea || sha256(${ipad}::bytea || convert_to(m, 'UTF8'))), 'hex')
         FROM audit_message RETURNING id)`;
}
