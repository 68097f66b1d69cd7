import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The season clock records a phase change when the machine announces it (the lead ahead); observed_at stays empty until the machine enters it. */
export class SeasonPhaseChangesAhead1796300000500 implements MigrationInterface {
  name = 'SeasonPhaseChangesAhead1796300000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "season_phase_changes" ALTER COLUMN "observed_at" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "season_phase_changes" WHERE "observed_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "season_phase_changes" ALTER COLUMN "observed_at" SET NOT NULL`);
  }
}
