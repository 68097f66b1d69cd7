import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The directive page lists a directive's order versions by county and enterprise, paged: one index walk instead of a sort. */
export class DirectiveOrdersIndex1796200000000 implements MigrationInterface {
  name = 'DirectiveOrdersIndex1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_order_versions_directive_county" ON "order_versions" ("directive_id", "county", "enterprise_code")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_order_versions_directive_county"`);
  }
}
