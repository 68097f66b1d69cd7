import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a version's first notice went out (its acknowledgement deadline counts from then); an index for "in force at t". */
export class OrderTimeline1796100000000 implements MigrationInterface {
  name = 'OrderTimeline1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order_versions" ADD "notified_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "idx_order_versions_interval" ON "order_versions" ("enterprise_code", "effective_from")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_order_versions_interval"`);
    await queryRunner.query(`ALTER TABLE "order_versions" DROP COLUMN "notified_at"`);
  }
}
