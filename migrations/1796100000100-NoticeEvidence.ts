import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proof of notice (issue 8): phone notices, the evidence a ledger entry cites, breaches
 * without a penalty, resolvable alerts, and status reports kept as history.
 */
export class NoticeEvidence1796100000100 implements MigrationInterface {
  name = 'NoticeEvidence1796100000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "phone_notices" ("id" BIGSERIAL NOT NULL, "order_version_id" uuid NOT NULL, "order_id" uuid NOT NULL, "modification" integer NOT NULL, "enterprise_code" character varying(18) NOT NULL, "county" character varying(64) NOT NULL, "called_name" character varying(100) NOT NULL, "phone" character varying(32) NOT NULL, "called_at" TIMESTAMP WITH TIME ZONE NOT NULL, "answered_by" character varying(100) NOT NULL, "notes" text, "recorded_by" character varying(64) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_phone_notices" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_phone_notices_version" ON "phone_notices" ("order_version_id", "called_at")`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" ADD "order_version_id" uuid`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" ADD "evidence" jsonb`);
    await queryRunner.query(`ALTER TABLE "findings" ADD "notice_missing" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "resolved_by" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "resolution_note" text`);
    await queryRunner.query(`DROP INDEX "public"."uq_status_report_slot"`);
    await queryRunner.query(`CREATE INDEX "idx_status_report_slot" ON "status_reports" ("enterprise_code", "slot", "reported_at")`);
    await queryRunner.query(`ALTER TABLE "status_reports" ADD "order_version_id" uuid`);
    await queryRunner.query(`ALTER TABLE "status_reports" ADD "discrepancies" jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "status_reports" DROP COLUMN "discrepancies"`);
    await queryRunner.query(`ALTER TABLE "status_reports" DROP COLUMN "order_version_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_status_report_slot"`);
    // Keep the latest report per slot so the unique index can come back.
    await queryRunner.query(
      `DELETE FROM "status_reports" r USING "status_reports" s WHERE s.enterprise_code = r.enterprise_code AND s.slot = r.slot AND (s.reported_at, s.id) > (r.reported_at, r.id)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_report_slot" ON "status_reports" ("enterprise_code", "slot")`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "resolution_note"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "resolved_by"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP COLUMN "notice_missing"`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" DROP COLUMN "evidence"`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" DROP COLUMN "order_version_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_phone_notices_version"`);
    await queryRunner.query(`DROP TABLE "phone_notices"`);
  }
}
