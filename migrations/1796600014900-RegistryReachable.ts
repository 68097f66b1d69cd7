import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: `GET /enterprises?reachable=` from an index. Whether an enterprise has a usable
 * channel (a webhook, or a contact with an e-mail address that accepts e-mail) was an
 * anti-join of all enterprises against contacts for every page and count (0.8 s at 100,000).
 * It is now a column written with the enterprise by the registry's writes, which always write
 * an enterprise's row and its contacts together (src/registry/enterprise.repository.ts);
 * default false: a row inserted without contacts or webhook has no channel.
 *
 * - idx_enterprises_active_reachable_code: either value of `reachable` as a range in code
 *   order (the page), and its count index-only.
 * - idx_enterprises_active_county_code: the same for a county (a county officer's whole list,
 *   and the console's county filter), which idx_enterprises_county_industry cannot give in
 *   code order.
 */
export class RegistryReachable1796600014900 implements MigrationInterface {
  name = 'RegistryReachable1796600014900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "enterprises" ADD "reachable" boolean NOT NULL DEFAULT false`);
    await q.query(
      `UPDATE "enterprises" e SET "reachable" = true
       WHERE e.webhook_url IS NOT NULL
          OR EXISTS (SELECT 1 FROM contacts c WHERE c.enterprise_code = e.code AND c.email IS NOT NULL AND c.email <> '' AND 'email' = ANY(c.channels))`,
    );
    await q.query(`CREATE INDEX "idx_enterprises_active_reachable_code" ON "enterprises" ("reachable", "code") WHERE active`);
    await q.query(`CREATE INDEX "idx_enterprises_active_county_code" ON "enterprises" ("county", "code") WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_enterprises_active_county_code"`);
    await q.query(`DROP INDEX "public"."idx_enterprises_active_reachable_code"`);
    await q.query(`ALTER TABLE "enterprises" DROP COLUMN "reachable"`);
  }
}
