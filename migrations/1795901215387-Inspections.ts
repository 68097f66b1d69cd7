import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inspections1795901215387 implements MigrationInterface {
  name = 'Inspections1795901215387';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ledger_entries" ("id" BIGSERIAL NOT NULL, "county" character varying(64) NOT NULL, "enterprise_code" character varying(18), "finding_id" uuid, "item" character varying(64) NOT NULL, "amount" integer NOT NULL, "description" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "voided_at" TIMESTAMP WITH TIME ZONE, "void_reason" text, "voided_by" character varying(64), CONSTRAINT "UQ_0f97ece47600299ded87753f5d5" UNIQUE ("finding_id"), CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_ledger_county_month" ON "ledger_entries"  ("county", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "draws" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seed" character varying(128) NOT NULL, "size" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "inputs" jsonb NOT NULL, "result" jsonb NOT NULL, "created_by" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_abe4e6df5ea65731c53b968f8d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "finding_id" uuid NOT NULL, "path" character varying(300) NOT NULL, "sha256" character varying(64) NOT NULL, "mime" character varying(64) NOT NULL, "size" integer NOT NULL, "uploaded_by" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_evidence_finding" ON "evidence"  ("finding_id") `);
    await queryRunner.query(
      `CREATE TABLE "findings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "enterprise_code" character varying(18) NOT NULL, "county" character varying(64) NOT NULL, "line_code" character varying(32) NOT NULL, "observed_state" character varying(16) NOT NULL, "load_percent" double precision, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "power_kw" double precision, "lat" double precision, "lng" double precision, "notes" text, "inspector" character varying(64) NOT NULL, "team" character varying(64), "order_version_id" uuid, "verdict" character varying(16) NOT NULL, "reason" text NOT NULL, "penalty_item" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae9807d6293c23c13ff8804d09c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_findings_enterprise" ON "findings"  ("enterprise_code", "observed_at") `);
    await queryRunner.query(
      `CREATE TABLE "inspection_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "draw_id" uuid, "enterprise_code" character varying(18) NOT NULL, "county" character varying(64) NOT NULL, "team" character varying(64), "kind" character varying(16) NOT NULL, "reason" text, "status" character varying(16) NOT NULL DEFAULT 'open', "dedupe_key" character varying(200), "created_by" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_94c905c62571afc4b73e04204ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_tasks_dedupe" ON "inspection_tasks"  ("dedupe_key") WHERE "dedupe_key" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_tasks_team" ON "inspection_tasks"  ("team", "status") `);
    await queryRunner.query(
      `CREATE TABLE "power_readings" ("id" BIGSERIAL NOT NULL, "enterprise_code" character varying(18) NOT NULL, "line_code" character varying(32) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "kw" double precision NOT NULL, "source" character varying(32) NOT NULL DEFAULT 'api', CONSTRAINT "PK_8008fcf8d4c3460575b46a96c36" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_power_reading" ON "power_readings"  ("enterprise_code", "line_code", "at") `);
    await queryRunner.query(
      `CREATE TABLE "teams" ("key" character varying(64) NOT NULL, "name" character varying(100) NOT NULL, "home_county" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2722676a1a73171b304a68dac4d" PRIMARY KEY ("key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "teams"`);
    await queryRunner.query(`DROP INDEX "public"."uq_power_reading"`);
    await queryRunner.query(`DROP TABLE "power_readings"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_team"`);
    await queryRunner.query(`DROP INDEX "public"."uq_tasks_dedupe"`);
    await queryRunner.query(`DROP TABLE "inspection_tasks"`);
    await queryRunner.query(`DROP INDEX "public"."idx_findings_enterprise"`);
    await queryRunner.query(`DROP TABLE "findings"`);
    await queryRunner.query(`DROP INDEX "public"."idx_evidence_finding"`);
    await queryRunner.query(`DROP TABLE "evidence"`);
    await queryRunner.query(`DROP TABLE "draws"`);
    await queryRunner.query(`DROP INDEX "public"."idx_ledger_county_month"`);
    await queryRunner.query(`DROP TABLE "ledger_entries"`);
  }
}
