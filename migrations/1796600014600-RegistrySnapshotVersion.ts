import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, item 1: the registry snapshot every instance keeps in memory is kept current by a
 * version. Every statement that writes enterprises, production_lines or contacts bumps the one
 * counter row `registry_snapshot_version` in its own transaction (a trigger, so no writer —
 * API, import, CLI, plain SQL — can forget), logs the codes it touched in `registry_changes`
 * under that version and sends NOTIFY registry_snapshot '<version>' (delivered at commit).
 * An instance whose snapshot is at an older version reads the codes logged since and reloads
 * just those; one that finds a gap in the log (pruned, or written around the trigger) reloads all.
 * The counter row serialises registry writes, so versions commit in order.
 */
export class RegistrySnapshotVersion1796600014600 implements MigrationInterface {
  name = 'RegistrySnapshotVersion1796600014600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "registry_snapshot_version" ("id" boolean NOT NULL DEFAULT true, "version" bigint NOT NULL, CONSTRAINT "PK_registry_snapshot_version" PRIMARY KEY ("id"), CONSTRAINT "CHK_registry_snapshot_version_one" CHECK ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "registry_snapshot_version" ("id", "version") VALUES (true, 0)`);
    await queryRunner.query(
      `CREATE TABLE "registry_changes" ("version" bigint NOT NULL, "codes" text[] NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_registry_changes" PRIMARY KEY ("version"))`,
    );
    // One function per key column; TG_OP picks the transition tables that exist for the event.
    for (const [fn, column] of [
      ['registry_snapshot_enterprise_changed', 'code'],
      ['registry_snapshot_child_changed', 'enterprise_code'],
    ] as const) {
      await queryRunner.query(
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
         DECLARE changed text[]; v bigint;
         BEGIN
           IF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT n.${column}) INTO changed FROM new_rows n;
           ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(DISTINCT o.${column}) INTO changed FROM old_rows o;
           ELSE SELECT array_agg(DISTINCT c) INTO changed FROM (SELECT n.${column} AS c FROM new_rows n UNION SELECT o.${column} FROM old_rows o) s;
           END IF;
           IF changed IS NULL THEN RETURN NULL; END IF;
           UPDATE registry_snapshot_version SET version = version + 1 RETURNING version INTO v;
           INSERT INTO registry_changes (version, codes) VALUES (v, changed);
           DELETE FROM registry_changes WHERE version <= v - 100000;
           PERFORM pg_notify('registry_snapshot', v::text);
           RETURN NULL;
         END $$`,
      );
    }
    for (const [table, fn] of [
      ['enterprises', 'registry_snapshot_enterprise_changed'],
      ['production_lines', 'registry_snapshot_child_changed'],
      ['contacts', 'registry_snapshot_child_changed'],
    ] as const) {
      await queryRunner.query(`CREATE TRIGGER "trg_${table}_snapshot_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await queryRunner.query(
        `CREATE TRIGGER "trg_${table}_snapshot_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await queryRunner.query(`CREATE TRIGGER "trg_${table}_snapshot_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['enterprises', 'production_lines', 'contacts']) {
      for (const op of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER "trg_${table}_snapshot_${op}" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION registry_snapshot_child_changed()`);
    await queryRunner.query(`DROP FUNCTION registry_snapshot_enterprise_changed()`);
    await queryRunner.query(`DROP TABLE "registry_changes"`);
    await queryRunner.query(`DROP TABLE "registry_snapshot_version"`);
  }
}
