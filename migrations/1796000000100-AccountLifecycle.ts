import type { MigrationInterface, QueryRunner } from 'typeorm';

// Account lifecycle: a credential version that every token carries (a password reset or
// change ends older tokens at once) and the "must change the password" mark of a reset.
export class AccountLifecycle1796000000100 implements MigrationInterface {
  name = 'AccountLifecycle1796000000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "credential_version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "users" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`CREATE INDEX "idx_users_role" ON "users" ("role", "active")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_users_role"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "credential_version"`);
  }
}
