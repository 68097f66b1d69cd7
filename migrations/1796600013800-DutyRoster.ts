import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, item 8: users' own contacts (mobile, e-mail, work-chat id) and the command center's
 * duty roster (值班表): shifts with a duty officer and a shift leader that never overlap — an
 * exclusion constraint on the shift's interval, so that two concurrent writes cannot overlap
 * either — handover notes from one shift to the next, and the swaps of a shift's people.
 */
export class DutyRoster1796600013800 implements MigrationInterface {
  name = 'DutyRoster1796600013800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "mobile" character varying(11)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "email" character varying(254)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "work_chat_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_mobile" CHECK ("mobile" IS NULL OR "mobile" ~ '^1[3-9][0-9]{9}$')`);
    await queryRunner.query(
      `CREATE TABLE "duty_shifts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "duty_officer_id" uuid NOT NULL REFERENCES "users"("id"), "shift_leader_id" uuid NOT NULL REFERENCES "users"("id"), "note" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_duty_shifts" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_duty_shifts_order" CHECK ("ends_at" > "starts_at"),
        CONSTRAINT "EXC_duty_shifts_overlap" EXCLUDE USING gist (tstzrange("starts_at", "ends_at", '[)') WITH &&))`,
    );
    await queryRunner.query(
      `CREATE TABLE "duty_handovers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "from_shift_id" uuid NOT NULL REFERENCES "duty_shifts"("id") ON DELETE CASCADE,
        "to_shift_id" uuid REFERENCES "duty_shifts"("id") ON DELETE SET NULL, "notes" text NOT NULL, "written_by" character varying(64) NOT NULL,
        "written_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_duty_handovers" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_duty_handovers_from" ON "duty_handovers" ("from_shift_id")`);
    await queryRunner.query(
      `CREATE TABLE "duty_swaps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "shift_id" uuid NOT NULL REFERENCES "duty_shifts"("id") ON DELETE CASCADE,
        "position" character varying(16) NOT NULL CHECK ("position" IN ('duty_officer', 'shift_leader')), "from_user_id" uuid NOT NULL REFERENCES "users"("id"),
        "to_user_id" uuid NOT NULL REFERENCES "users"("id"), "reason" text NOT NULL, "swapped_by" character varying(64) NOT NULL,
        "swapped_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_duty_swaps" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_duty_swaps_shift" ON "duty_swaps" ("shift_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "duty_swaps"`);
    await queryRunner.query(`DROP TABLE "duty_handovers"`);
    await queryRunner.query(`DROP TABLE "duty_shifts"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_mobile"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "work_chat_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mobile"`);
  }
}
