import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The emission inventory of a production line (issue 12): kg/h of SO2, NOx, PM and VOCs at
 * normal load, the figures' source and year. All six columns are null (not reported) or all
 * set; rates are non-negative and the source is one of the known ones.
 */
export class LineEmissions1796400012100 implements MigrationInterface {
  name = 'LineEmissions1796400012100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "production_lines" ADD "so2_kg_per_hour" double precision, ADD "nox_kg_per_hour" double precision, ADD "pm_kg_per_hour" double precision, ADD "vocs_kg_per_hour" double precision, ADD "emission_source" character varying(16), ADD "emission_year" smallint`,
    );
    await queryRunner.query(
      `ALTER TABLE "production_lines" ADD CONSTRAINT "CHK_production_lines_emissions_complete" CHECK (("so2_kg_per_hour" IS NULL AND "nox_kg_per_hour" IS NULL AND "pm_kg_per_hour" IS NULL AND "vocs_kg_per_hour" IS NULL AND "emission_source" IS NULL AND "emission_year" IS NULL) OR ("so2_kg_per_hour" IS NOT NULL AND "nox_kg_per_hour" IS NOT NULL AND "pm_kg_per_hour" IS NOT NULL AND "vocs_kg_per_hour" IS NOT NULL AND "emission_source" IS NOT NULL AND "emission_year" IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "production_lines" ADD CONSTRAINT "CHK_production_lines_emissions_non_negative" CHECK ("so2_kg_per_hour" >= 0 AND "nox_kg_per_hour" >= 0 AND "pm_kg_per_hour" >= 0 AND "vocs_kg_per_hour" >= 0)`,
    );
    await queryRunner.query(`ALTER TABLE "production_lines" ADD CONSTRAINT "CHK_production_lines_emission_source" CHECK ("emission_source" IN ('permit', 'inventory', 'monitoring'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "production_lines" DROP CONSTRAINT "CHK_production_lines_emission_source"`);
    await queryRunner.query(`ALTER TABLE "production_lines" DROP CONSTRAINT "CHK_production_lines_emissions_non_negative"`);
    await queryRunner.query(`ALTER TABLE "production_lines" DROP CONSTRAINT "CHK_production_lines_emissions_complete"`);
    await queryRunner.query(
      `ALTER TABLE "production_lines" DROP COLUMN "emission_year", DROP COLUMN "emission_source", DROP COLUMN "vocs_kg_per_hour", DROP COLUMN "pm_kg_per_hour", DROP COLUMN "nox_kg_per_hour", DROP COLUMN "so2_kg_per_hour"`,
    );
  }
}
