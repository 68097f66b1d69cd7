import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The date and the authority of an enterprise's performance grading (绩效分级); both empty for an ungraded enterprise. */
export class EnterpriseGrading1796400012200 implements MigrationInterface {
  name = 'EnterpriseGrading1796400012200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "graded_on" date`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "grading_authority" character varying(200)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "grading_authority"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "graded_on"`);
  }
}
