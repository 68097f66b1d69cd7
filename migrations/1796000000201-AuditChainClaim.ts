import type { MigrationInterface, QueryRunner } from 'typeorm';

// Takes the first free audit chain (a transaction-scoped advisory lock per chain, tried from
// `start`, waiting on a random one when all are busy) and answers its head. VOLATILE, so the
// head is read with a snapshot taken after the lock: the previous holder's rows are visible,
// even when called inside a larger statement (the acknowledgement receipt).
export class AuditChainClaim1796000000201 implements MigrationInterface {
  name = 'AuditChainClaim1796000000201';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_claim(lock_class integer, chains integer, start integer)
      RETURNS TABLE (chain integer, seq bigint, hash character varying) LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        k integer;
        i integer;
        got boolean := false;
      BEGIN
        FOR i IN 0 .. chains - 1 LOOP
          k := (start + i) % chains;
          IF pg_try_advisory_xact_lock(lock_class, k) THEN
            got := true;
            EXIT;
          END IF;
        END LOOP;
        IF NOT got THEN
          k := floor(random() * chains)::integer;
          PERFORM pg_advisory_xact_lock(lock_class, k);
        END IF;
        RETURN QUERY SELECT k, h.seq, h.hash FROM (SELECT 1) one
          LEFT JOIN LATERAL (SELECT a.seq, a.hash FROM audit_log a WHERE a.chain = k AND a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1) h ON TRUE;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_chain_claim(integer, integer, integer)`);
  }
}
