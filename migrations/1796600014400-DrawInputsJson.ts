import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 (the draw under 100,000 orders): a draw's inputs (every candidate with its risk,
 * ~10 MB at 100,000 enterprises) are kept as `json`, the text as sent, rather than `jsonb`:
 * nothing queries inside them, they are only read back whole to re-run the draw, and
 * PostgreSQL's conversion to jsonb was most of the cost of storing them.
 */
export class DrawInputsJson1796600014400 implements MigrationInterface {
  name = 'DrawInputsJson1796600014400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "draws" ALTER COLUMN "inputs" TYPE json USING "inputs"::json`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "draws" ALTER COLUMN "inputs" TYPE jsonb USING "inputs"::jsonb`);
  }
}
