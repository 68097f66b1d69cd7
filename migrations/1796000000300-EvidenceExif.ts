import type { MigrationInterface, QueryRunner } from 'typeorm';

// What decoding a photo tells: its size, the camera's time and position, and whether that
// time is far from the finding's observed time.
export class EvidenceExif1796000000300 implements MigrationInterface {
  name = 'EvidenceExif1796000000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" ADD "width" integer`);
    await queryRunner.query(`ALTER TABLE "evidence" ADD "height" integer`);
    await queryRunner.query(`ALTER TABLE "evidence" ADD "exif_taken_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "evidence" ADD "exif_lat" double precision`);
    await queryRunner.query(`ALTER TABLE "evidence" ADD "exif_lng" double precision`);
    await queryRunner.query(`ALTER TABLE "evidence" ADD "time_check" character varying(16) NOT NULL DEFAULT 'unchecked'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of ['time_check', 'exif_lng', 'exif_lat', 'exif_taken_at', 'height', 'width']) await queryRunner.query(`ALTER TABLE "evidence" DROP COLUMN "${c}"`);
  }
}
