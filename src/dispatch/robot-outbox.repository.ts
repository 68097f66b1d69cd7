import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A robot row of the outbox as claimed: its payload is one summary item. */
export interface ClaimedRobotRow {
  id: string;
  recipient: string;
  /** The order version the item is about (the escalation ladder's rows), else null. */
  orderVersionId: string | null;
  payload: Record<string, unknown> | null;
  attempts: number;
}

/** Robot rows of `outbox` and the `robot_posts` the rate limit is counted from. */
@Injectable()
export class RobotOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims, for every robot with a row due, all of that robot's waiting rows (due or still in
   * their batching window), so they go out as one summary. FOR UPDATE SKIP LOCKED and a lease, as
   * for the other channels.
   */
  async claimBatches(p: { batchSize: number; workerId: string; leaseSeconds: number }): Promise<ClaimedRobotRow[]> {
    const rows: Array<{ id: string; recipient: string; order_version_id: string | null; payload: Record<string, unknown> | null; attempts: number }> = await this.dataSource.query(
      `WITH robots AS (
           SELECT DISTINCT recipient FROM outbox
           WHERE channel = 'robot' AND status IN ('pending', 'sending') AND next_attempt_at <= now()),
         batch AS (
           SELECT o.id FROM outbox o JOIN robots r ON r.recipient = o.recipient
           WHERE o.channel = 'robot' AND (o.status = 'pending' OR (o.status = 'sending' AND o.next_attempt_at <= now()))
           ORDER BY o.id
           LIMIT $1
           FOR UPDATE OF o SKIP LOCKED),
         claimed AS (
           UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1, locked_by = $2, next_attempt_at = now() + make_interval(secs => $3)
           FROM batch WHERE o.id = batch.id
           RETURNING o.id, o.recipient, o.order_version_id, o.payload, o.attempts)
       SELECT * FROM claimed ORDER BY id`,
      [p.batchSize, p.workerId, p.leaseSeconds],
    );
    return rows.map((r) => ({ id: String(r.id), recipient: r.recipient, orderVersionId: r.order_version_id, payload: r.payload, attempts: r.attempts }));
  }

  /**
   * Reserves a post to `robot` when fewer than `maxPerMinute` were made in the last 60 seconds
   * (serialised per robot across instances by an advisory lock); answers the reservation's id, or
   * the moment a post becomes possible again.
   */
  async reserve(robot: string, maxPerMinute: number, rows: number): Promise<{ id: string } | { notBefore: Date }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('robot-posts'), hashtext($1))`, [robot]);
      const [recent]: Array<{ n: number; free_at: Date | null }> = await manager.query(
        `SELECT count(*)::int AS n,
                (SELECT posted_at + interval '60 seconds' FROM robot_posts WHERE robot = $1 AND posted_at > now() - interval '60 seconds'
                 ORDER BY posted_at DESC OFFSET $2::int - 1 LIMIT 1) AS free_at
         FROM robot_posts WHERE robot = $1 AND posted_at > now() - interval '60 seconds'`,
        [robot, maxPerMinute],
      );
      if (recent!.n >= maxPerMinute) return { notBefore: recent!.free_at ?? new Date(Date.now() + 60_000) };
      const [row]: Array<{ id: string }> = await manager.query(`INSERT INTO robot_posts (robot, rows) VALUES ($1, $2) RETURNING id`, [robot, rows]);
      return { id: String(row!.id) };
    });
  }

  async finishPost(id: string, ok: boolean, response: string): Promise<void> {
    await this.dataSource.query('UPDATE robot_posts SET ok = $2, response = $3 WHERE id = $1', [id, ok, response]);
  }

  /** The robot is at its limit: the rows wait (this was no attempt) until a post is possible, in one summary. */
  async defer(ids: string[], workerId: string, notBefore: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox SET status = 'pending', attempts = attempts - 1, locked_by = NULL, next_attempt_at = $3
       WHERE id = ANY($1::bigint[]) AND locked_by = $2`,
      [ids, workerId, notBefore],
    );
  }
}
