import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795898881690 implements MigrationInterface {
  name = 'Foundation1795898881690';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" character varying(64) NOT NULL, "actor_role" character varying(32), "action" character varying(64) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" character varying(128) NOT NULL, "before" jsonb, "after" jsonb, "request_id" character varying(64), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_at" ON "audit_log"  ("at") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_entity" ON "audit_log"  ("entity_type", "entity_id") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "password_hash" character varying(100) NOT NULL, "role" character varying(32) NOT NULL, "county" character varying(64), "enterprise_code" character varying(18), "team" character varying(64), "display_name" character varying(100), "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "production_lines" ("enterprise_code" character varying(18) NOT NULL, "code" character varying(32) NOT NULL, "position" integer NOT NULL, "name" character varying(200) NOT NULL, "capacity" double precision NOT NULL, "unit" character varying(20) NOT NULL, "cells" integer, CONSTRAINT "PK_558708d0af1fcc42b22f961c140" PRIMARY KEY ("enterprise_code", "code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "enterprises" ("code" character varying(18) NOT NULL, "name" character varying(200) NOT NULL, "county" character varying(64) NOT NULL, "industry" character varying(64) NOT NULL, "process" character varying(64), "fuel" character varying(64), "air_emitting" boolean NOT NULL DEFAULT true, "grade" character varying(16), "livelihood" jsonb, "provincial_approval" jsonb, "measures" jsonb NOT NULL DEFAULT '{}'::jsonb, "webhook_url" character varying(500), "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_978c524c4543a8c376ee076a451" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_enterprises_county_industry" ON "enterprises"  ("county", "industry") `);
    await queryRunner.query(
      `CREATE TABLE "contacts" ("enterprise_code" character varying(18) NOT NULL, "position" integer NOT NULL, "name" character varying(100) NOT NULL, "role" character varying(64) NOT NULL, "email" character varying(254), "phone" character varying(32), CONSTRAINT "PK_95cb0e4a99b98ce135bf2a01ce2" PRIMARY KEY ("enterprise_code", "position"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "production_lines" ADD CONSTRAINT "FK_bbe8bbd1b05a8368351d995cf86" FOREIGN KEY ("enterprise_code") REFERENCES "enterprises"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "FK_2a808353b2f29f1a3eb0a7022be" FOREIGN KEY ("enterprise_code") REFERENCES "enterprises"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_2a808353b2f29f1a3eb0a7022be"`);
    await queryRunner.query(`ALTER TABLE "production_lines" DROP CONSTRAINT "FK_bbe8bbd1b05a8368351d995cf86"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP INDEX "public"."idx_enterprises_county_industry"`);
    await queryRunner.query(`DROP TABLE "enterprises"`);
    await queryRunner.query(`DROP TABLE "production_lines"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_entity"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_at"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
