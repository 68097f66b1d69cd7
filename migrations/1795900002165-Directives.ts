import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Directives1795900002165 implements MigrationInterface {
  name = 'Directives1795900002165';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alerts" ("id" BIGSERIAL NOT NULL, "dedupe_key" character varying(300) NOT NULL, "kind" character varying(32) NOT NULL, "stage" integer NOT NULL DEFAULT '1', "county" character varying(64) NOT NULL, "enterprise_code" character varying(18), "order_version_id" uuid, "message" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_e63c11f6e79b317fa7726ccb606" UNIQUE ("dedupe_key"), CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_alerts_county_open" ON "alerts"  ("county", "resolved_at") `);
    await queryRunner.query(
      `CREATE TABLE "status_reports" ("id" BIGSERIAL NOT NULL, "enterprise_code" character varying(18) NOT NULL, "slot" TIMESTAMP WITH TIME ZONE NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reported_by" character varying(64) NOT NULL, "lines" jsonb NOT NULL, "note" text, CONSTRAINT "PK_5b303afd85233dce17c88c519ca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_report_slot" ON "status_reports"  ("enterprise_code", "slot") `);
    await queryRunner.query(
      `CREATE TABLE "county_levels" ("county" character varying(64) NOT NULL, "machine_version" integer NOT NULL, "snapshot" jsonb NOT NULL, "state" character varying(16) NOT NULL, "level" character varying(16), "ends_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_88dcc1840d7e4213eab483a4973" PRIMARY KEY ("county"))`,
    );
    await queryRunner.query(`CREATE TABLE "directive_sequences" ("year" integer NOT NULL, "last_seq" integer NOT NULL, CONSTRAINT "PK_f268184dcd4dc3637a6394fc964" PRIMARY KEY ("year"))`);
    await queryRunner.query(
      `CREATE TABLE "directives" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(64) NOT NULL, "kind" character varying(16) NOT NULL, "level" character varying(16), "counties" text array NOT NULL, "city" boolean NOT NULL DEFAULT false, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "basis" text NOT NULL, "season_key" character varying(160), "supersedes_id" uuid, "issued_by" character varying(64) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "summary" jsonb NOT NULL DEFAULT '{}'::jsonb, CONSTRAINT "UQ_d5017404e2e6e832efefb053f5b" UNIQUE ("number"), CONSTRAINT "PK_33cbab4c60a227ae4053fcaea3c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_directive_season_phase" ON "directives"  ("season_key") WHERE "season_key" IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "delivery_attempts" ("id" BIGSERIAL NOT NULL, "outbox_id" bigint NOT NULL, "attempt" integer NOT NULL, "worker" character varying(64) NOT NULL, "ok" boolean NOT NULL, "response" text, "error" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41eba4eb5401d72860f7cd9a7ac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_delivery_attempts_outbox" ON "delivery_attempts"  ("outbox_id") `);
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "idempotency_key" character varying(300) NOT NULL, "kind" character varying(16) NOT NULL, "channel" character varying(16) NOT NULL, "recipient" character varying(500) NOT NULL, "enterprise_code" character varying(18), "order_version_id" uuid, "payload" jsonb, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_by" character varying(64), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_0a4005b6a3155709204b10740a9" UNIQUE ("idempotency_key"), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_outbox_order_version" ON "outbox"  ("order_version_id") `);
    await queryRunner.query(`CREATE INDEX "idx_outbox_due" ON "outbox"  ("next_attempt_at") WHERE status IN ('pending', 'sending')`);
    await queryRunner.query(
      `CREATE TABLE "order_versions" ("id" uuid NOT NULL, "order_id" uuid NOT NULL, "modification" integer NOT NULL, "directive_id" uuid NOT NULL, "enterprise_code" character varying(18) NOT NULL, "county" character varying(64) NOT NULL, "status" character varying(16) NOT NULL, "ends" boolean NOT NULL DEFAULT false, "level" character varying(16) NOT NULL, "phase" character varying(64), "lines" jsonb NOT NULL, "stopped_capacity_percent" double precision NOT NULL, "max_load_percent" double precision, "notes" jsonb NOT NULL, "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL, "effective_to" TIMESTAMP WITH TIME ZONE, "ack_deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" character varying(64), "implementation" jsonb NOT NULL DEFAULT '{}'::jsonb, "implemented_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_28328333ed61e1c7e0a29f8ad0f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_order_versions_pending_ack" ON "order_versions"  ("ack_deadline") WHERE status = 'current' AND acknowledged_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "idx_order_versions_directive" ON "order_versions"  ("directive_id") `);
    await queryRunner.query(`CREATE INDEX "idx_order_versions_enterprise" ON "order_versions"  ("enterprise_code", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_order_versions_modification" ON "order_versions"  ("order_id", "modification") `);
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enterprise_code" character varying(18) NOT NULL, "county" character varying(64) NOT NULL, "status" character varying(16) NOT NULL, "current_modification" integer NOT NULL, "current_version_id" uuid NOT NULL, "requirement_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_orders_open_enterprise" ON "orders"  ("enterprise_code") WHERE status = 'open'`);
    await queryRunner.query(
      `CREATE TABLE "job_runs" ("job" character varying(64) NOT NULL, "slot" character varying(64) NOT NULL, "instance" character varying(64) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5b204dbada7074731013b904105" PRIMARY KEY ("job", "slot"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_runs"`);
    await queryRunner.query(`DROP INDEX "public"."uq_orders_open_enterprise"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP INDEX "public"."uq_order_versions_modification"`);
    await queryRunner.query(`DROP INDEX "public"."idx_order_versions_enterprise"`);
    await queryRunner.query(`DROP INDEX "public"."idx_order_versions_directive"`);
    await queryRunner.query(`DROP INDEX "public"."idx_order_versions_pending_ack"`);
    await queryRunner.query(`DROP TABLE "order_versions"`);
    await queryRunner.query(`DROP INDEX "public"."idx_outbox_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_outbox_order_version"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."idx_delivery_attempts_outbox"`);
    await queryRunner.query(`DROP TABLE "delivery_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_directive_season_phase"`);
    await queryRunner.query(`DROP TABLE "directives"`);
    await queryRunner.query(`DROP TABLE "directive_sequences"`);
    await queryRunner.query(`DROP TABLE "county_levels"`);
    await queryRunner.query(`DROP INDEX "public"."uq_status_report_slot"`);
    await queryRunner.query(`DROP TABLE "status_reports"`);
    await queryRunner.query(`DROP INDEX "public"."idx_alerts_county_open"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
  }
}
