import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Existing versions get the timeline's intervals: a version starts no earlier than it was
 * issued, and each later-issued version of the enterprise takes over from its own start.
 * A version left with an empty interval was replaced before it began (status superseded);
 * the others are current, whatever the head of their order.
 */
export class OrderIntervalsBackfill1796100000001 implements MigrationInterface {
  name = 'OrderIntervalsBackfill1796100000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE order_versions SET effective_from = created_at WHERE effective_from < created_at`);
    await queryRunner.query(
      `UPDATE order_versions v SET effective_to = x.cut
       FROM (SELECT a.id, (SELECT min(b.effective_from) FROM order_versions b
                           WHERE b.enterprise_code = a.enterprise_code AND (b.created_at, b.id) > (a.created_at, a.id)) AS cut
             FROM order_versions a) x
       WHERE v.id = x.id AND x.cut IS NOT NULL AND (v.effective_to IS NULL OR v.effective_to > x.cut)`,
    );
    await queryRunner.query(`UPDATE order_versions SET effective_to = effective_from WHERE effective_to < effective_from`);
    await queryRunner.query(`UPDATE order_versions SET status = CASE WHEN effective_to = effective_from THEN 'superseded' ELSE 'current' END`);
  }

  public async down(): Promise<void> {
    // The previous heads-only status cannot be told apart from the timeline's; nothing to undo.
  }
}
