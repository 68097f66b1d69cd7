import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LIVE, progressDeltasSql } from './1796600014200-DirectiveProgressCounters.js';

/** The outbox trigger of migration 1796600014200, counting only the rows `counted` admits. */
function outboxTrigger(counted: string): string {
  return `CREATE OR REPLACE FUNCTION directive_progress_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           PERFORM directive_progress_apply_notices(array_agg(id), array_agg(s), array_agg(l))
           FROM (SELECT order_version_id AS id, count(*) FILTER (WHERE status = 'sent')::int AS s, count(*) FILTER (WHERE status IN ${LIVE})::int AS l
                 FROM new_outbox WHERE order_version_id IS NOT NULL${counted} GROUP BY 1) x HAVING count(*) > 0;
         ELSIF TG_OP = 'UPDATE' THEN
           PERFORM directive_progress_apply_notices(array_agg(id), array_agg(s), array_agg(l))
           FROM (SELECT id, sum(s)::int AS s, sum(l)::int AS l FROM (
                   SELECT order_version_id AS id, (status = 'sent')::int AS s, (status IN ${LIVE})::int AS l FROM new_outbox WHERE order_version_id IS NOT NULL${counted}
                   UNION ALL
                   SELECT order_version_id, -(status = 'sent')::int, -(status IN ${LIVE})::int FROM old_outbox WHERE order_version_id IS NOT NULL${counted}) y
                 GROUP BY 1 HAVING sum(s) <> 0 OR sum(l) <> 0) x HAVING count(*) > 0;
         ELSE
           PERFORM directive_progress_apply_notices(array_agg(id), array_agg(s), array_agg(l))
           FROM (SELECT order_version_id AS id, -count(*) FILTER (WHERE status = 'sent')::int AS s, -count(*) FILTER (WHERE status IN ${LIVE})::int AS l
                 FROM old_outbox WHERE order_version_id IS NOT NULL${counted} GROUP BY 1) x HAVING count(*) > 0;
         END IF;
         RETURN NULL;
       END $$`;
}

/** The counters recomputed from scratch under the given outbox filter (as DirectiveProgressRepository.rebuild does). */
async function rebuild(q: QueryRunner, countedRows: string): Promise<void> {
  await q.query('LOCK TABLE order_versions, outbox IN SHARE ROW EXCLUSIVE MODE');
  await q.query('DELETE FROM order_version_notices');
  await q.query('DELETE FROM directive_progress');
  await q.query(
    `INSERT INTO order_version_notices (order_version_id, sent, live)
     SELECT o.order_version_id, count(*) FILTER (WHERE o.status = 'sent'), count(*) FILTER (WHERE o.status IN ${LIVE})
     FROM outbox o JOIN order_versions v ON v.id = o.order_version_id WHERE ${countedRows} GROUP BY 1`,
  );
  await q.query(progressDeltasSql('SELECT v.*, 1 AS sign FROM order_versions v', true));
}

/**
 * Issue 13 item 4 beside issue 14 item 2: the escalation ladder writes outbox rows of kind
 * `ladder` that name the order version (a follow-up SMS to the enterprise, an officer's
 * e-mail, a robot summary). They are chasers, not the notice: an officer's sent e-mail must
 * not count the version as delivered, and a skipped step must not keep a failed notice from
 * counting as failed. Progress counts the notice rows only, as a delivered ladder row starts
 * no deadline either.
 */
export class ProgressIgnoresLadder1796600014700 implements MigrationInterface {
  name = 'ProgressIgnoresLadder1796600014700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(outboxTrigger(` AND kind <> 'ladder'`));
    await rebuild(q, `o.kind <> 'ladder'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(outboxTrigger(''));
    await rebuild(q, 'true');
  }
}
