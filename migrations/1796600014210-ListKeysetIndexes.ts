import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 item 2: console lists that answer page 1 and page 2,000 in the same time, and
 * a registry text search on an index made for Chinese text.
 *
 * - `GET /orders` walks idx_order_versions_list (partial: what the list can show; covering:
 *   its time filter and "pending" are read from the index) in its sort order, from a cursor.
 * - `GET /directives/:id/orders` walks idx_order_versions_directive_keyset.
 * - `GET /enterprises` walks idx_enterprises_active_code (and counts from it).
 * - `GET /enterprises?text=` uses a GIN index over the name's and code's single characters
 *   and character pairs (lower case): a query of one character looks up that character, a
 *   longer one all its pairs, and ILIKE then checks the candidates. pg_trgm is not used: its
 *   trigrams need three characters (水泥 has none to look up, so its index cannot narrow
 *   the search), and it counts CJK characters as word characters only under a UTF-8 ctype,
 *   which the embedded server (initdb --locale=C) does not have.
 */
export class ListKeysetIndexes1796600014210 implements MigrationInterface {
  name = 'ListKeysetIndexes1796600014210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "idx_order_versions_list" ON "order_versions" ("county", "enterprise_code", "effective_from", "id") INCLUDE ("effective_to", "created_at", "acknowledged_at") WHERE status <> 'superseded' AND NOT ends`,
    );
    await q.query(`CREATE INDEX "idx_order_versions_directive_keyset" ON "order_versions" ("directive_id", "county", "enterprise_code", "id")`);
    await q.query(`DROP INDEX "public"."idx_order_versions_directive_county"`);
    // The registry list (active enterprises by code) and its count, index-only.
    await q.query(`CREATE INDEX "idx_enterprises_active_code" ON "enterprises" ("code") WHERE active`);
    await q.query(
      `CREATE FUNCTION registry_search_grams(name text, code text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
       DECLARE r text[] := '{}'; s text; i int;
       BEGIN
         FOREACH s IN ARRAY ARRAY[lower(coalesce(name, '')), lower(coalesce(code, ''))] LOOP
           FOR i IN 1..length(s) LOOP
             r := r || substr(s, i, 1);
             IF i < length(s) THEN r := r || substr(s, i, 2); END IF;
           END LOOP;
         END LOOP;
         RETURN r;
       END $$`,
    );
    await q.query(
      `CREATE FUNCTION registry_query_grams(q text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT CASE WHEN length(q) <= 1 THEN ARRAY[lower(q)] ELSE ARRAY(SELECT DISTINCT substr(lower(q), i, 2) FROM generate_series(1, length(q) - 1) i) END $$`,
    );
    await q.query(`CREATE INDEX "idx_enterprises_text_grams" ON "enterprises" USING gin (registry_search_grams(name, code))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_enterprises_text_grams"`);
    await q.query(`DROP INDEX "public"."idx_enterprises_active_code"`);
    await q.query('DROP FUNCTION registry_query_grams(text)');
    await q.query('DROP FUNCTION registry_search_grams(text, text)');
    await q.query(`CREATE INDEX "idx_order_versions_directive_county" ON "order_versions" ("directive_id", "county", "enterprise_code")`);
    await q.query(`DROP INDEX "public"."idx_order_versions_directive_keyset"`);
    await q.query(`DROP INDEX "public"."idx_order_versions_list"`);
  }
}
