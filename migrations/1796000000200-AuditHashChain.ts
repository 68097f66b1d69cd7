import type { MigrationInterface, QueryRunner } from 'typeorm';

// Each audit row carries its place in a chain (chain, seq), the previous row's hash and its
// own keyed hash (HMAC with a key derived from HAZEOPS_SECRET), written by the service.
// Several chains, so that concurrent writers need not wait for one another. Rows written
// before this migration have no seq and stay outside the chains.
export class AuditHashChain1796000000200 implements MigrationInterface {
  name = 'AuditHashChain1796000000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "chain" smallint`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "seq" bigint`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "prev_hash" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "hash" character varying(64)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_chain_seq" ON "audit_log" ("chain", "seq") WHERE "seq" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_audit_chain_seq"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "hash"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "prev_hash"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "seq"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "chain"`);
  }
}
