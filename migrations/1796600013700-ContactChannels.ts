import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, item 7: a contact's mainland mobile number and the channels it accepts
 * (email, sms, phone). Existing contacts accept the channels they have an address for.
 */
export class ContactChannels1796600013700 implements MigrationInterface {
  name = 'ContactChannels1796600013700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contacts" ADD "mobile" character varying(11)`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD "channels" text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `UPDATE "contacts" SET "channels" = ARRAY_REMOVE(ARRAY[CASE WHEN email IS NOT NULL AND email <> '' THEN 'email' END, CASE WHEN phone IS NOT NULL AND phone <> '' THEN 'phone' END], NULL)`,
    );
    await queryRunner.query(`ALTER TABLE "contacts" ADD CONSTRAINT "CHK_contacts_mobile" CHECK ("mobile" IS NULL OR "mobile" ~ '^1[3-9][0-9]{9}$')`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD CONSTRAINT "CHK_contacts_channels" CHECK ("channels" <@ ARRAY['email', 'sms', 'phone']::text[])`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "CHK_contacts_channels"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "CHK_contacts_mobile"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "channels"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "mobile"`);
  }
}
