import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 (acknowledgement throughput): every change of a users row NOTIFYs its id on
 * `hazeops_credentials` at commit, whoever makes it (the service, the CLI, psql), so each
 * instance drops the row it keeps for the auth guard (src/auth/credential-cache.ts).
 */
export class CredentialNotices1796600014300 implements MigrationInterface {
  name = 'CredentialNotices1796600014300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION users_credentials_notify() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('hazeops_credentials', OLD.id::text);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(`CREATE TRIGGER users_credentials_notify AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION users_credentials_notify()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER users_credentials_notify ON users');
    await queryRunner.query('DROP FUNCTION users_credentials_notify()');
  }
}
