import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: the registry import writes one audit row per enterprise whose `after` is the whole
 * enterprise (2–3 kB of JSON), over PostgreSQL's compression threshold: with the default pglz,
 * compressing those values was close to half of the audit COPY (10,000 rows: ~0.95 s, with lz4
 * ~0.55 s). lz4 only where the server was built with it (the Debian/official packages are; the
 * embedded server of the demo and the tests is not and keeps pglz). Rows already stored keep
 * their compression; both read back the same, so the chain's hashes are unaffected.
 */
export class AuditLz41796600014910 implements MigrationInterface {
  name = 'AuditLz41796600014910';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `DO $$ BEGIN
         ALTER TABLE audit_log ALTER COLUMN "before" SET COMPRESSION lz4, ALTER COLUMN "after" SET COMPRESSION lz4;
       EXCEPTION WHEN feature_not_supported THEN NULL;
       END $$`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ALTER COLUMN "before" SET COMPRESSION default, ALTER COLUMN "after" SET COMPRESSION default`);
  }
}
