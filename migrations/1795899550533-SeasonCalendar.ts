import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SeasonCalendar1795899550533 implements MigrationInterface {
  name = 'SeasonCalendar1795899550533';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "season_calendar_state" ("season" character varying(9) NOT NULL, "group_key" character varying(64) NOT NULL, "machine_version" integer NOT NULL, "snapshot" jsonb NOT NULL, "phase" character varying(64) NOT NULL, "clock_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8d311aca75baeaf9df24caf3b13" PRIMARY KEY ("season", "group_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "season_phase_changes" ("id" BIGSERIAL NOT NULL, "season" character varying(9) NOT NULL, "group_key" character varying(64) NOT NULL, "from_phase" character varying(64) NOT NULL, "to_phase" character varying(64) NOT NULL, "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04a59c56fcb0e22dd11209800a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_season_phase_change" ON "season_phase_changes"  ("season", "group_key", "to_phase", "effective_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_season_phase_change"`);
    await queryRunner.query(`DROP TABLE "season_phase_changes"`);
    await queryRunner.query(`DROP TABLE "season_calendar_state"`);
  }
}
