import type { MigrationInterface, QueryRunner } from 'typeorm';

// Data only: inspectors bound to a team that has no row (the demo's "督导一组" was such a
// name). Each such name becomes a real team whose key is machine-safe ASCII and whose name
// is the old value; the inspectors follow it to the new key.
export class TeamBindingsBackfill1796000000101 implements MigrationInterface {
  name = 'TeamBindingsBackfill1796000000101';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH orphan AS (
        SELECT DISTINCT u.team AS old_name,
               CASE WHEN u.team ~ '^[A-Za-z0-9_-]{2,64}$' THEN u.team ELSE 'team-' || substr(md5(u.team), 1, 8) END AS new_key
        FROM users u WHERE u.team IS NOT NULL AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.key = u.team)
      ), made AS (
        INSERT INTO teams (key, name, home_county) SELECT new_key, left(old_name, 100), NULL FROM orphan ON CONFLICT (key) DO NOTHING RETURNING key
      )
      UPDATE users u SET team = o.new_key FROM orphan o WHERE u.team = o.old_name AND o.new_key <> o.old_name`);
  }

  public async down(): Promise<void> {
    // The teams made stay: they may have tasks by now.
  }
}
