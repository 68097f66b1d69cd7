import type { MigrationInterface, QueryRunner } from 'typeorm';

export const LIVE = `('sent', 'pending', 'sending', 'skipped')`;
const SUMS =
  'sum(t.orders)::int, sum(t.delivered)::int, sum(t.failed)::int, sum(t.acknowledged)::int, sum(t.implemented)::int, sum(t.replaced)::int, sum(t.in_force)::int, sum(t.ahead)::int, sum(t.overdue)::int';
const NONZERO =
  'sum(t.orders) <> 0 OR sum(t.delivered) <> 0 OR sum(t.failed) <> 0 OR sum(t.acknowledged) <> 0 OR sum(t.implemented) <> 0 OR sum(t.replaced) <> 0 OR sum(t.in_force) <> 0 OR sum(t.ahead) <> 0 OR sum(t.overdue) <> 0';
const COLUMNS = 'directive_id, county, at, orders, delivered, failed, acknowledged, implemented, replaced, in_force, ahead, overdue';

/**
 * Appends the deltas of the versions `source` yields (order_versions columns and `sign`, +1
 * or -1): grouped first by everything a delta depends on (a directive's 100,000 new versions
 * are a handful of groups), then spread over their instants. `notices` reads the versions'
 * outbox counts (insert and delete); an update leaves them out on both sides, where they cancel.
 */
export function progressDeltasSql(source: string, notices: boolean): string {
  return `INSERT INTO directive_progress (${COLUMNS})
    SELECT t.directive_id, t.county, t.at, ${SUMS}
    FROM (SELECT v.directive_id, v.county, v.status, v.effective_from, v.effective_to, v.created_at, v.ack_deadline,
                 v.acknowledged_at IS NOT NULL AS acknowledged, v.implemented_at IS NOT NULL AS implemented,
                 ${notices ? 'coalesce(c.sent, 0) > 0' : 'false'} AS sent, ${notices ? 'coalesce(c.live, 0) > 0' : 'false'} AS live, sum(v.sign)::int AS n
          FROM (${source}) v${notices ? ' LEFT JOIN order_version_notices c ON c.order_version_id = v.id' : ''}
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) g
    CROSS JOIN LATERAL directive_progress_terms(g.directive_id, g.county, g.status, g.effective_from, g.effective_to, g.created_at, g.ack_deadline, g.acknowledged, g.implemented, g.sent, g.live, g.n) t
    GROUP BY 1, 2, 3 HAVING ${NONZERO}`;
}

/**
 * Issue 14 item 2: directive progress maintained incrementally, in the same transaction as
 * every change of `order_versions` and `outbox` (statement-level triggers with transition
 * tables, so a COPY of 100,000 versions adds one aggregate, not 100,000 row triggers).
 *
 * - `order_version_notices`: per version, how many of its outbox rows are sent and how many
 *   are live (sent, pending, sending, skipped) — "delivered" and "failed" need "any row".
 * - `directive_progress`: append-only signed deltas per (directive, county, at). A value at
 *   instant `now` is the sum of the rows with `at <= now` (`-infinity` for what does not
 *   depend on time): a version in force from s to e is +1 at s and -1 at e, one directed to
 *   start at s is +1 at -infinity and -1 at s, an unacknowledged current version is overdue
 *   from one microsecond after its deadline. Inserting deltas takes no row lock, so
 *   concurrent acknowledgements never wait for each other or for a directive's commit. A job
 *   folds the rows of each (directive, county, at) into one, and every instant more than a
 *   minute past into one row per (directive, county): a read's index range `at <= now` then
 *   covers O(counties × instants of the last minute), whatever the number of orders.
 */
export class DirectiveProgressCounters1796600014200 implements MigrationInterface {
  name = 'DirectiveProgressCounters1796600014200';

  async up(q: QueryRunner): Promise<void> {
    // No writer may slip between the backfill and the triggers.
    await q.query('LOCK TABLE order_versions, outbox IN SHARE ROW EXCLUSIVE MODE');
    await q.query(
      `CREATE TABLE "order_version_notices" ("order_version_id" uuid NOT NULL, "sent" integer NOT NULL DEFAULT 0, "live" integer NOT NULL DEFAULT 0, CONSTRAINT "PK_order_version_notices" PRIMARY KEY ("order_version_id"))`,
    );
    await q.query(
      `CREATE TABLE "directive_progress" ("id" BIGSERIAL NOT NULL, "directive_id" uuid NOT NULL, "county" character varying(64) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "orders" integer NOT NULL DEFAULT 0, "delivered" integer NOT NULL DEFAULT 0, "failed" integer NOT NULL DEFAULT 0, "acknowledged" integer NOT NULL DEFAULT 0,
         "implemented" integer NOT NULL DEFAULT 0, "replaced" integer NOT NULL DEFAULT 0, "in_force" integer NOT NULL DEFAULT 0, "ahead" integer NOT NULL DEFAULT 0,
         "overdue" integer NOT NULL DEFAULT 0, CONSTRAINT "PK_directive_progress" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_directive_progress_directive" ON "directive_progress" ("directive_id", "county", "at")`);
    // The list of the late, earliest deadline first, within one directive.
    await q.query(`CREATE INDEX "idx_order_versions_directive_unacked" ON "order_versions" ("directive_id", "ack_deadline", "enterprise_code") WHERE status = 'current' AND acknowledged_at IS NULL`);

    // What n versions alike add to their directive's progress (inlined into the queries below).
    await q.query(
      `CREATE FUNCTION directive_progress_terms(p_directive uuid, p_county varchar, p_status varchar, p_from timestamptz, p_to timestamptz, p_created timestamptz, p_deadline timestamptz,
                                                p_acknowledged boolean, p_implemented boolean, p_sent boolean, p_live boolean, n integer)
       RETURNS TABLE (directive_id uuid, county varchar, at timestamptz, orders integer, delivered integer, failed integer, acknowledged integer, implemented integer, replaced integer, in_force integer, ahead integer, overdue integer)
       LANGUAGE sql IMMUTABLE AS $$
         SELECT p_directive, p_county, t.* FROM (VALUES
           ('-infinity'::timestamptz, n, n * p_sent::int, n * (NOT p_live)::int, n * p_acknowledged::int, n * p_implemented::int, n * (p_status = 'superseded')::int, 0, n * (p_status <> 'superseded')::int, 0),
           (p_from, 0, 0, 0, 0, 0, 0, 0, -n * (p_status <> 'superseded')::int, 0),
           (greatest(p_from, p_created), 0, 0, 0, 0, 0, 0, n * (p_status <> 'superseded' AND (p_to IS NULL OR p_to > greatest(p_from, p_created)))::int, 0, 0),
           (p_to, 0, 0, 0, 0, 0, 0, -n * (p_status <> 'superseded' AND p_to > greatest(p_from, p_created))::int, 0, 0),
           (p_deadline + interval '1 microsecond', 0, 0, 0, 0, 0, 0, 0, 0, n * (p_status = 'current' AND NOT p_acknowledged)::int)
         ) AS t(at, orders, delivered, failed, acknowledged, implemented, replaced, in_force, ahead, overdue)
         WHERE t.at IS NOT NULL $$`,
    );
    // Outbox rows counted per version; what changes "any row sent" / "no live row" becomes a delta.
    await q.query(
      // A version written by this very transaction is seen by no other: its first counts are
      // a plain INSERT (a COPY's 100,000 rows at a third of an upsert's cost); others upsert.
      `CREATE FUNCTION directive_progress_apply_notices(ids uuid[], ds integer[], dl integer[]) RETURNS void LANGUAGE sql AS $$
         WITH d AS (SELECT x.id, x.ds, x.dl, v.directive_id, v.county, (v.xmin = xid(pg_current_xact_id()) AND c.order_version_id IS NULL) AS fresh
                    FROM unnest(ids, ds, dl) AS x(id, ds, dl) JOIN order_versions v ON v.id = x.id LEFT JOIN order_version_notices c ON c.order_version_id = x.id
                    WHERE x.ds <> 0 OR x.dl <> 0),
         i AS (INSERT INTO order_version_notices (order_version_id, sent, live) SELECT id, ds, dl FROM d WHERE fresh
               RETURNING order_version_id, sent, live),
         o AS (INSERT INTO order_version_notices AS c (order_version_id, sent, live) SELECT id, ds, dl FROM d WHERE NOT fresh ORDER BY id
               ON CONFLICT (order_version_id) DO UPDATE SET sent = c.sent + excluded.sent, live = c.live + excluded.live
               RETURNING c.order_version_id, c.sent, c.live),
         u AS (SELECT * FROM i UNION ALL SELECT * FROM o),
         t AS (SELECT d.directive_id, d.county, (u.sent > 0)::int - (u.sent - d.ds > 0)::int AS delivered, (u.live = 0)::int - (u.live - d.dl = 0)::int AS failed FROM u JOIN d ON d.id = u.order_version_id)
         INSERT INTO directive_progress (directive_id, county, at, delivered, failed)
         SELECT directive_id, county, '-infinity', sum(delivered), sum(failed) FROM t GROUP BY 1, 2 HAVING sum(delivered) <> 0 OR sum(failed) <> 0 $$`,
    );
    await q.query(
      `CREATE FUNCTION directive_progress_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           PERFORM directive_progress_apply_notices(array_agg(id), array_agg(s), array_agg(l))
           FROM (SELECT order_version_id AS id, count(*) FILTER (WHERE status = 'sent')::int AS s, count(*) FILTER (WHERE status IN ${LIVE})::int AS l
                 FROM new_outbox WHERE order_version_id IS NOT NULL GROUP BY 1) x HAVING count(*) > 0;
         ELSIF TG_OP = 'UPDATE' THEN
           PERFORM directive_progress_apply_notices(array_agg(id), array_agg(s), array_agg(l))
           FROM (SELECT id, sum(s)::int AS s, sum(l)::int AS l FROM (
                   SELECT order_version_id AS id, (status = 'sent')::int AS s, (status IN ${LIVE})::int AS l FROM new_outbox WHERE order_version_id IS NOT NULL
                   UNION ALL
                   SELECT order_version_id, -(status = 'sent')::int, -(status IN ${LIVE})::int FROM old_outbox WHERE order_version_id IS NOT NULL) y
                 GROUP BY 1 HAVING sum(s) <> 0 OR sum(l) <> 0) x HAVING count(*) > 0;
         ELSE
           PERFORM directive_progress_apply_notices(array_agg(id), array_agg(s), array_agg(l))
           FROM (SELECT order_version_id AS id, -count(*) FILTER (WHERE status = 'sent')::int AS s, -count(*) FILTER (WHERE status IN ${LIVE})::int AS l
                 FROM old_outbox WHERE order_version_id IS NOT NULL GROUP BY 1) x HAVING count(*) > 0;
         END IF;
         RETURN NULL;
       END $$`,
    );
    // A version's directive and county never change, so an update's notices cancel out.
    await q.query(
      `CREATE FUNCTION directive_progress_versions() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           ${progressDeltasSql('SELECT n.*, 1 AS sign FROM new_versions n', true)};
         ELSIF TG_OP = 'UPDATE' THEN
           ${progressDeltasSql('SELECT n.*, 1 AS sign FROM new_versions n UNION ALL SELECT o.*, -1 FROM old_versions o', false)};
         ELSE
           ${progressDeltasSql('SELECT o.*, -1 AS sign FROM old_versions o', true)};
           DELETE FROM order_version_notices c USING old_versions o WHERE c.order_version_id = o.id;
         END IF;
         RETURN NULL;
       END $$`,
    );

    // Backfill, then the triggers (the lock above holds writers off until this commits).
    await q.query(
      `INSERT INTO order_version_notices (order_version_id, sent, live)
       SELECT o.order_version_id, count(*) FILTER (WHERE o.status = 'sent'), count(*) FILTER (WHERE o.status IN ${LIVE})
       FROM outbox o JOIN order_versions v ON v.id = o.order_version_id GROUP BY 1`,
    );
    await q.query(progressDeltasSql('SELECT v.*, 1 AS sign FROM order_versions v', true));
    for (const op of ['INSERT', 'UPDATE', 'DELETE'] as const) {
      const ref = op === 'INSERT' ? 'NEW TABLE AS new_versions' : op === 'DELETE' ? 'OLD TABLE AS old_versions' : 'OLD TABLE AS old_versions NEW TABLE AS new_versions';
      await q.query(
        `CREATE TRIGGER directive_progress_versions_${op.toLowerCase()} AFTER ${op} ON order_versions REFERENCING ${ref} FOR EACH STATEMENT EXECUTE FUNCTION directive_progress_versions()`,
      );
      const refOutbox = ref.replaceAll('_versions', '_outbox');
      await q.query(`CREATE TRIGGER directive_progress_outbox_${op.toLowerCase()} AFTER ${op} ON outbox REFERENCING ${refOutbox} FOR EACH STATEMENT EXECUTE FUNCTION directive_progress_outbox()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER directive_progress_versions_${op} ON order_versions`);
      await q.query(`DROP TRIGGER directive_progress_outbox_${op} ON outbox`);
    }
    await q.query('DROP FUNCTION directive_progress_versions()');
    await q.query('DROP FUNCTION directive_progress_outbox()');
    await q.query('DROP FUNCTION directive_progress_apply_notices(uuid[], integer[], integer[])');
    await q.query('DROP FUNCTION directive_progress_terms(uuid, varchar, varchar, timestamptz, timestamptz, timestamptz, timestamptz, boolean, boolean, boolean, boolean, integer)');
    await q.query(`DROP INDEX "public"."idx_order_versions_directive_unacked"`);
    await q.query(`DROP TABLE "directive_progress"`);
    await q.query(`DROP TABLE "order_version_notices"`);
  }
}
