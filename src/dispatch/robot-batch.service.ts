import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ConfigService } from '../config/config.service.js';
import { retryDelaySeconds, robotEndpoint } from '../config/dispatch-config.js';
import { renderRobotSummary, ROBOT_TOPICS, type RobotItem, type RobotTopic } from '../web/robots/robot-summary.template.js';
import { RobotChannel, RobotRefusal } from './channels/robot.channel.js';
import type { AttemptOutcome } from './outbox.repository.js';
import { OutboxRepository } from './outbox.repository.js';
import { RobotOutboxRepository, type ClaimedRobotRow } from './robot-outbox.repository.js';

export interface RobotRound {
  claimed: number;
  posts: number;
  sent: number;
  retrying: number;
  failed: number;
  deferred: number;
}

function itemOf(row: ClaimedRobotRow): RobotItem {
  const topic = row.payload?.topic;
  return { topic: ROBOT_TOPICS.includes(topic as RobotTopic) ? (topic as RobotTopic) : 'alert', text: String(row.payload?.text ?? '') };
}

/**
 * Answers, for claimed robot rows about order versions, the ones that need not go out any more
 * (id → reason; e.g. the version was acknowledged meanwhile): they are recorded as skipped.
 */
export type RobotRowSkip = (rows: Array<{ id: string; orderVersionId: string }>) => Promise<Map<string, string>>;

/**
 * Delivers the outbox's robot rows: every waiting row for one robot goes out as one markdown
 * summary, and no robot gets more than `robots.maxPerMinute` posts in 60 seconds (a robot at its
 * limit keeps its rows waiting in the outbox, so they survive a restart and join the next summary).
 */
@Injectable()
export class RobotBatchService {
  private readonly logger = new Logger('robots');
  private readonly skips: RobotRowSkip[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly robots: RobotOutboxRepository,
    private readonly outbox: OutboxRepository,
    private readonly channel: RobotChannel,
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  skipWhen(skip: RobotRowSkip): void {
    this.skips.push(skip);
  }

  async runOnce(workerId: string): Promise<RobotRound> {
    const { batchSize, leaseSeconds } = this.config.dispatch.worker;
    const claimed = await this.robots.claimBatches({ batchSize, workerId, leaseSeconds });
    const round: RobotRound = { claimed: claimed.length, posts: 0, sent: 0, retrying: 0, failed: 0, deferred: 0 };
    const rows = await this.withoutSkipped(claimed, workerId);
    const byRobot = new Map<string, ClaimedRobotRow[]>();
    for (const r of rows) byRobot.set(r.recipient, [...(byRobot.get(r.recipient) ?? []), r]);
    for (const [robot, group] of byRobot) {
      const outcomes = await this.post(robot, group, workerId, round);
      if (outcomes.length === 0) continue;
      await this.dataSource.transaction((manager) => this.outbox.recordOutcomes(manager, outcomes, workerId, this.clock.now()));
      for (const o of outcomes) {
        if (o.ok) round.sent++;
        else if (o.retryIn !== null) round.retrying++;
        else round.failed++;
      }
    }
    return round;
  }

  /** Records the rows a skip rule names as skipped (no attempt at a post); answers the others. */
  private async withoutSkipped(rows: ClaimedRobotRow[], workerId: string): Promise<ClaimedRobotRow[]> {
    const about = rows.filter((r): r is ClaimedRobotRow & { orderVersionId: string } => r.orderVersionId !== null);
    if (this.skips.length === 0 || about.length === 0) return rows;
    const reasons = new Map<string, string>();
    for (const skip of this.skips) for (const [id, why] of await skip(about.map((r) => ({ id: r.id, orderVersionId: r.orderVersionId })))) reasons.set(id, why);
    if (reasons.size === 0) return rows;
    const outcomes: AttemptOutcome[] = rows
      .filter((r) => reasons.has(r.id))
      .map((r) => ({ id: r.id, attempt: r.attempts, ok: false, skipped: true, response: null, error: reasons.get(r.id)!, retryIn: null }));
    await this.dataSource.transaction((manager) => this.outbox.recordOutcomes(manager, outcomes, workerId, this.clock.now()));
    return rows.filter((r) => !reasons.has(r.id));
  }

  /** One summary for the group; answers the rows' outcomes (none when the robot is at its limit). */
  private async post(robot: string, group: ClaimedRobotRow[], workerId: string, round: RobotRound): Promise<AttemptOutcome[]> {
    const d = this.config.dispatch;
    const endpoint = robotEndpoint(d, robot);
    const fail = (error: string, retryIn: (row: ClaimedRobotRow) => number | null): AttemptOutcome[] =>
      group.map((r) => ({ id: r.id, attempt: r.attempts, ok: false, skipped: false, response: null, error, retryIn: retryIn(r) }));
    if (!endpoint) return fail(`${robot} is not configured in dispatch.yaml robots`, () => null);
    const reservation = await this.robots.reserve(robot, d.robots.maxPerMinute, group.length);
    if ('notBefore' in reservation) {
      await this.robots.defer(
        group.map((r) => r.id),
        workerId,
        reservation.notBefore,
      );
      round.deferred += group.length;
      return [];
    }
    round.posts++;
    const { city } = this.config;
    const code = robot.startsWith('robot:county:') ? robot.slice('robot:county:'.length) : null;
    const groupName = code === null ? city.city.commandCenter : (city.counties.find((c) => c.code === code)?.name ?? code);
    const summary = renderRobotSummary({
      commandCenter: city.city.commandCenter,
      groupName,
      items: group.map(itemOf),
      generatedAt: this.clock.now().toISOString(),
      timezone: city.city.timezone,
      maxBytes: d.robots.maxMarkdownBytes,
    });
    try {
      const response = await this.channel.send(endpoint, summary.title, summary.markdown);
      await this.robots.finishPost(reservation.id, true, response);
      return group.map((r) => ({ id: r.id, attempt: r.attempts, ok: true, skipped: false, response: `${response} (one summary of ${group.length})`, error: null, retryIn: null }));
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await this.robots.finishPost(reservation.id, false, error);
      this.logger.warn(`post to ${robot} failed: ${error}`);
      const rateLimited = err instanceof RobotRefusal && err.rateLimited;
      return fail(error, (r) => {
        if (r.attempts >= d.retry.maxAttempts) return null;
        const backoff = Math.max(1, Math.round(retryDelaySeconds(d, r.attempts) * (0.9 + Math.random() * 0.2)));
        return rateLimited ? Math.max(backoff, d.robots.rateLimitedRetrySeconds) : backoff;
      });
    }
  }
}
