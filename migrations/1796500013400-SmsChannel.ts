import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMS (issue 13): delivery receipts on the attempt that sent it, the per-number sends the rate
 * limit counts, short acknowledgement links (/a/<code>) with the reply code given in the SMS,
 * and every reply (上行短信) the providers deliver.
 */
export class SmsChannel1796500013400 implements MigrationInterface {
  name = 'SmsChannel1796500013400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "delivery_attempts" ADD "provider_message_id" character varying(100), ADD "provider_code" character varying(100),
         ADD "receipt_status" character varying(16), ADD "receipt_code" character varying(100), ADD "receipt_at" TIMESTAMP WITH TIME ZONE,
         ADD CONSTRAINT "CHK_delivery_attempts_receipt_status" CHECK ("receipt_status" IS NULL OR "receipt_status" IN ('pending', 'delivered', 'failed'))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_delivery_attempts_provider_message" ON "delivery_attempts" ("provider_message_id") WHERE "provider_message_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_delivery_attempts_receipt_pending" ON "delivery_attempts" ("at") WHERE "receipt_status" = 'pending'`);
    await queryRunner.query(
      `CREATE TABLE "sms_sends" ("id" BIGSERIAL NOT NULL, "mobile" character varying(20) NOT NULL, "outbox_id" bigint NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_sms_sends" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sms_sends_mobile_at" ON "sms_sends" ("mobile", "sent_at")`);
    await queryRunner.query(
      `CREATE TABLE "ack_short_links" ("code" character varying(10) NOT NULL, "outbox_id" bigint, "order_version_id" uuid NOT NULL, "enterprise_code" character varying(18) NOT NULL,
         "mobile" character varying(20), "reply_code" character varying(8) NOT NULL, "token" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ack_short_links" PRIMARY KEY ("code"), CONSTRAINT "UQ_ack_short_links_outbox" UNIQUE ("outbox_id"),
         CONSTRAINT "CHK_ack_short_links_code" CHECK ("code" ~ '^[0-9A-Za-z]{10}$'))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_ack_short_links_reply" ON "ack_short_links" ("mobile", "reply_code")`);
    await queryRunner.query(
      `CREATE TABLE "sms_replies" ("id" BIGSERIAL NOT NULL, "provider" character varying(16) NOT NULL, "mobile" character varying(20) NOT NULL, "content" text NOT NULL,
         "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "outcome" character varying(32) NOT NULL,
         "order_version_id" uuid, "short_code" character varying(10), "raw" jsonb NOT NULL, CONSTRAINT "PK_sms_replies" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sms_replies_mobile" ON "sms_replies" ("mobile", "received_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sms_replies"`);
    await queryRunner.query(`DROP TABLE "ack_short_links"`);
    await queryRunner.query(`DROP TABLE "sms_sends"`);
    await queryRunner.query(`DROP INDEX "idx_delivery_attempts_receipt_pending"`);
    await queryRunner.query(`DROP INDEX "idx_delivery_attempts_provider_message"`);
    await queryRunner.query(
      `ALTER TABLE "delivery_attempts" DROP CONSTRAINT "CHK_delivery_attempts_receipt_status", DROP COLUMN "receipt_at", DROP COLUMN "receipt_code", DROP COLUMN "receipt_status", DROP COLUMN "provider_code", DROP COLUMN "provider_message_id"`,
    );
  }
}
