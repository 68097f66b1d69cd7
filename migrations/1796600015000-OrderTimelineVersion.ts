import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, item 1: the order timeline every instance keeps in memory for dry runs is kept
 * current by a version. Every statement that writes the timeline of orders (a new order or
 * version, a changed interval, status or head; not receipts, deliveries or implementation)
 * bumps the one counter row `order_timeline_version` in its own transaction (a trigger, so no
 * writer can forget). An instance whose copy is at another version loads the timeline again
 * before it answers (no NOTIFY: a commit touches most of the timeline, so a reload on next use
 * is what a notice would start anyway).
 */
export class OrderTimelineVersion1796600015000 implements MigrationInterface {
  name = 'OrderTimelineVersion1796600015000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "order_timeline_version" ("id" boolean NOT NULL DEFAULT true, "version" bigint NOT NULL, CONSTRAINT "PK_order_timeline_version" PRIMARY KEY ("id"), CONSTRAINT "CHK_order_timeline_version_one" CHECK ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "order_timeline_version" ("id", "version") VALUES (true, 0)`);
    await queryRunner.query(
      `CREATE FUNCTION order_timeline_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE order_timeline_version SET version = version + 1;
         RETURN NULL;
       END $$`,
    );
    // Column lists: receipts, deliveries and implementation updates leave the timeline alone.
    const timeline: Array<[string, string]> = [
      ['order_versions', 'order_id, modification, enterprise_code, status, ends, lines, max_load_percent, effective_from, effective_to, created_at'],
      ['orders', 'enterprise_code, status, current_modification, current_version_id, created_at'],
    ];
    for (const [table, columns] of timeline) {
      await queryRunner.query(`CREATE TRIGGER "trg_${table}_timeline_write" AFTER INSERT OR DELETE OR UPDATE OF ${columns} ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION order_timeline_changed()`);
      await queryRunner.query(`CREATE TRIGGER "trg_${table}_timeline_truncate" AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION order_timeline_changed()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['order_versions', 'orders']) {
      await queryRunner.query(`DROP TRIGGER "trg_${table}_timeline_write" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "trg_${table}_timeline_truncate" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION order_timeline_changed()`);
    await queryRunner.query(`DROP TABLE "order_timeline_version"`);
  }
}
