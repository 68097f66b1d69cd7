import type { MigrationInterface, QueryRunner } from 'typeorm';

const BULK = `current_setting('hazeops.progress_bulk', true) IS DISTINCT FROM 'on'`;

/**
 * Issue 14 item 2, the cost at a directive's commit: the outbox insert trigger of migration
 * 1796600014200 looks up, per version, its directive and county and its notice counts, then
 * writes the counts — most of the commit's extra time for a city-wide directive. The writer
 * of a fresh version's outbox rows (OutboxRepository.insertFresh) knows all of that, so it
 * records the counts and the progress deltas itself in the same transaction and marks its
 * COPY with the transaction-local setting `hazeops.progress_bulk = on`, for which this
 * trigger does not fire. Every other insert, and every update and delete, still goes
 * through the trigger.
 */
export class DirectiveProgressBulkNotices1796600014500 implements MigrationInterface {
  name = 'DirectiveProgressBulkNotices1796600014500';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER directive_progress_outbox_insert ON outbox');
    await q.query(
      `CREATE TRIGGER directive_progress_outbox_insert AFTER INSERT ON outbox REFERENCING NEW TABLE AS new_outbox FOR EACH STATEMENT WHEN (${BULK}) EXECUTE FUNCTION directive_progress_outbox()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER directive_progress_outbox_insert ON outbox');
    await q.query(`CREATE TRIGGER directive_progress_outbox_insert AFTER INSERT ON outbox REFERENCING NEW TABLE AS new_outbox FOR EACH STATEMENT EXECUTE FUNCTION directive_progress_outbox()`);
  }
}
