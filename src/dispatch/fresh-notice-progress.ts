// Read model: directive progress (the `directives` module's read model, migration 1796600014200) for a directive's fresh outbox rows, written here because the COPY of those rows skips the outbox trigger that would have written it.
import type { EntityManager } from 'typeorm';
import { copyInTransaction } from '../common/copy-rows.js';

/** An order version written by the current transaction, as its directive's progress counts it. */
export interface FreshVersion {
  directiveId: string;
  county: string;
}

/**
 * What the outbox insert trigger would have recorded for fresh versions' first rows: per
 * version its counts in `order_version_notices` (`live` rows per version, all `pending`, none
 * sent), and per directive and county failed −1 per version that now has a live row at
 * `-infinity` (the versions' own trigger counted each as failed until it has one).
 */
export async function recordFreshNoticeProgress(manager: EntityManager, live: ReadonlyMap<string, number>, versions: ReadonlyMap<string, FreshVersion>): Promise<void> {
  if (live.size === 0) return;
  const failed = new Map<string, { directiveId: string; county: string; n: number }>();
  for (const id of live.keys()) {
    const v = versions.get(id)!;
    const k = `${v.directiveId}\u0000${v.county}`;
    const f = failed.get(k) ?? { directiveId: v.directiveId, county: v.county, n: 0 };
    f.n -= 1;
    failed.set(k, f);
  }
  await copyInTransaction(
    manager,
    'order_version_notices',
    ['order_version_id', 'sent', 'live'],
    [...live].map(([id, n]) => [id, 0, n]),
  );
  const groups = [...failed.values()];
  await manager.query(`INSERT INTO directive_progress (directive_id, county, at, failed) SELECT d, c, '-infinity', f FROM unnest($1::uuid[], $2::varchar[], $3::int[]) AS g(d, c, f)`, [
    groups.map((g) => g.directiveId),
    groups.map((g) => g.county),
    groups.map((g) => g.n),
  ]);
}
