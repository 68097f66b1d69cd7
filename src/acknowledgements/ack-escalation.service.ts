import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import { escalationFor, robotRecipient } from '../config/dispatch-config.js';
import { DispatchWorker } from '../dispatch/dispatch.worker.js';
import { OutboxService } from '../dispatch/outbox.service.js';
import type { NewOutboxRow } from '../dispatch/outbound-message.js';
import { overdueRobotText } from '../web/robots/robot-summary.template.js';
import { loadVersionViews, type OrderVersionView } from '../orders/order-view.js';
import { Clock } from '../common/clock.js';
import { CronService } from '../scheduling/cron.service.js';
import { JobRunner } from '../scheduling/job-runner.js';
import { dueSteps, stepKey, type LadderChannel, type LadderStep } from '../rules/escalation/ladder.js';
import { contactAddresses, ladderStepsTaken, unacknowledged } from './acknowledgement-chase.read-model.js';
import type { NewAlert } from './alert.types.js';
import { AlertsService } from './alerts.service.js';
import { EscalationRecipients, type OnDuty } from '../duty/escalation-recipients.service.js';
import { SmsChannel } from '../dispatch/channels/sms.channel.js';

export interface EscalationRound {
  /** Versions that entered stage 0 (their first reminder step), stage 1 and stage 2 in this round. */
  reminders: number;
  stage1: number;
  stage2: number;
  /** Versions whose stage 2 went on to the shift leader on duty (the `shift_leader` step; its alert has stage 3). */
  shiftLeader: number;
}

/** What a ladder row's payload carries (the renderer and the robot batch read it at send time). */
export interface LadderPayload {
  step: string;
  stage: number;
  to: LadderStep['to'];
  county: string;
  [more: string]: unknown;
}

/** A person a step reaches: an officer, the duty officer, the shift leader (or a configured address). */
interface Person {
  email: string | null;
  mobile: string | null;
}

/** Who the people steps reach in one round (asked once per round, in its transaction). */
interface RoundPeople {
  /** Keyed by county code. */
  countyOfficers: Map<string, Person[]>;
  onDuty: OnDuty | null;
}

/** Addresses of one channel for one step, or why there are none (written as a skipped row). */
type Addresses = { to: string[] } | { none: string };

/**
 * Runs the escalation ladder (dispatch.yaml `escalation.ladder`): each round finds the unacknowledged
 * versions, asks the pure ladder (src/rules/escalation/ladder.ts) which steps fell due, and writes
 * each due step as outbox rows — one per channel and address, keyed by version, step, channel and
 * address, so a step is written once whatever restarts or instances there are, and none once the
 * version is acknowledged. A stage's alert is raised when its first step falls due.
 */
@Injectable()
export class AckEscalationService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ack-escalation');

  constructor(
    private readonly config: ConfigService,
    private readonly jobs: JobRunner,
    private readonly cron: CronService,
    private readonly clock: Clock,
    private readonly alerts: AlertsService,
    private readonly outbox: OutboxService,
    private readonly worker: DispatchWorker,
    private readonly recipients: EscalationRecipients,
    private readonly sms: SmsChannel,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.dispatch.escalation.checkEverySeconds;
    this.cron.register('ack-escalation', every === 60 ? '20 * * * * *' : `*/${every} * * * * *`, () => this.run());
  }

  /** One round for the current period (a no-op if another instance already ran it). */
  async run(): Promise<EscalationRound | null> {
    const now = this.clock.now();
    const periodMs = this.config.dispatch.escalation.checkEverySeconds * 1000;
    const slot = new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString().slice(0, 19);
    const { result } = await this.jobs.runOnce('ack-escalation', slot, (manager) => this.check(manager, now));
    if (result && result.reminders + result.stage1 + result.stage2 + result.shiftLeader > 0) {
      this.logger.log(`reminders ${result.reminders}, stage 1 ${result.stage1}, stage 2 ${result.stage2}, shift leader ${result.shiftLeader}`);
    }
    this.worker.wake();
    return result;
  }

  async check(manager: EntityManager, now: Date): Promise<EscalationRound> {
    const esc = this.config.dispatch.escalation;
    const open = await unacknowledged(manager, now);
    const round: EscalationRound = { reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 };
    if (open.length === 0) return round;
    const taken = await ladderStepsTaken(
      manager,
      open.map((v) => v.id),
    );
    const due = new Map<string, LadderStep[]>();
    for (const v of open) {
      const steps = dueSteps(esc.ladder, {
        deliveredAt: v.deliveredAt,
        deadline: v.ackDeadline,
        stage2AfterDeadlineMinutes: esc.stage2AfterDeadlineHours * 60,
        acknowledged: false,
        done: taken.get(v.id) ?? new Set(),
        now,
      });
      if (steps.length > 0) due.set(v.id, steps);
    }
    if (due.size === 0) return round;
    const views = await loadVersionViews(manager, [...due.keys()]);
    const contacts = await contactAddresses(manager, [...new Set([...views.values()].map((v) => v.enterprise.code))]);
    const people = await this.roundPeople(manager, now, views, due);
    const alerts: NewAlert[] = [];
    const rows: NewOutboxRow[] = [];
    const robotRows: NewOutboxRow[] = [];
    for (const [id, steps] of due) {
      const v = views.get(id);
      if (!v) continue;
      for (const stage of new Set(steps.map((s) => s.stage))) alerts.push(this.alert(v, stage));
      if (steps.some((s) => s.to === 'shift_leader')) alerts.push(this.alert(v, 3));
      for (const step of steps) {
        for (const row of this.rowsFor(v, step, contacts.get(v.enterprise.code) ?? { emails: [], mobiles: [] }, people)) (row.channel === 'robot' && !row.skippedBecause ? robotRows : rows).push(row);
      }
    }
    const raised = await this.alerts.raise(manager, alerts);
    for (const a of raised) {
      if (a.stage === 0) round.reminders++;
      else if (a.stage === 1) round.stage1++;
      else if (a.stage === 2) round.stage2++;
      else round.shiftLeader++;
    }
    await this.outbox.enqueue(manager, rows);
    await this.outbox.enqueueRobotRows(manager, robotRows);
    return round;
  }

  /** Stage 3: the shift leader was told (stage 2's `shift_leader` step). */
  private alert(v: OrderVersionView, stage: LadderStep['stage'] | 3): NewAlert {
    const d = this.config.dispatch;
    const kind = stage === 0 ? 'ack_reminder' : 'ack_overdue';
    const what = `${v.directiveNumber}（第${v.modification}版）`;
    const message =
      stage === 0
        ? `${v.enterprise.name}尚未签收${what}，已发送提醒。`
        : stage === 1
          ? `${v.enterprise.name}逾期未签收${what}。`
          : stage === 2
            ? `${v.enterprise.name}逾期${d.escalation.stage2AfterDeadlineHours}小时以上仍未签收${what}，已报指挥部。`
            : `${v.enterprise.name}报指挥部值班员后仍未签收${what}，已报值班长。`;
    return { dedupeKey: `${kind}:${stage}:${v.versionId}`, kind, stage, county: v.enterprise.county, enterpriseCode: v.enterprise.code, orderVersionId: v.versionId, message };
  }

  private countyCode(countyName: string): string {
    return this.config.city.counties.find((c) => c.name === countyName)?.code ?? countyName;
  }

  /** Rows of one step for one version: one per channel and address, or one skipped row per channel the recipient lacks. */
  private rowsFor(v: OrderVersionView, step: LadderStep, contacts: { emails: string[]; mobiles: string[] }, people: RoundPeople): NewOutboxRow[] {
    const key = stepKey(step);
    const payload: LadderPayload = { step: key, stage: step.stage, to: step.to, county: v.enterprise.county };
    const rows: NewOutboxRow[] = [];
    for (const channel of step.channels) {
      const addresses = this.addresses(v, step, channel, contacts, people);
      const base = { kind: 'ladder', channel, enterpriseCode: v.enterprise.code, orderVersionId: v.versionId };
      if ('none' in addresses) {
        rows.push({ ...base, idempotencyKey: outboxKey(v.versionId, key, channel, '-'), recipient: '-', payload, skippedBecause: addresses.none });
        continue;
      }
      // An SMS kind without a provider or template is recorded as skipped for each number (nothing can send it).
      const smsKind = step.to === 'enterprise' ? 'reminder' : 'escalation';
      const smsMissing =
        channel !== 'sms'
          ? null
          : !this.sms.configured
            ? 'no SMS provider is configured (sms.provider)'
            : this.sms.template(smsKind) === null
              ? `the SMS provider has no ${smsKind} template (sms templates)`
              : null;
      for (const recipient of addresses.to) {
        const row: NewOutboxRow = {
          ...base,
          idempotencyKey: outboxKey(v.versionId, key, channel, recipient),
          recipient,
          payload: channel === 'robot' ? { ...payload, ...this.robotItem(v, step) } : payload,
        };
        rows.push(smsMissing ? { ...row, skippedBecause: smsMissing } : row);
      }
    }
    return rows;
  }

  private robotItem(v: OrderVersionView, step: LadderStep): { topic: string; text: string } {
    const text = overdueRobotText({ name: v.enterprise.name, directiveNumber: v.directiveNumber, modification: v.modification, ackDeadline: v.ackDeadline }, this.config.city.city.timezone);
    return { topic: step.stage === 2 ? 'overdue_stage2' : 'overdue_stage1', text: step.to === 'county_robot' ? text : `${v.enterprise.county}：${text}` };
  }

  private addresses(v: OrderVersionView, step: LadderStep, channel: LadderChannel, contacts: { emails: string[]; mobiles: string[] }, round: RoundPeople): Addresses {
    const d = this.config.dispatch;
    const county = this.countyCode(v.enterprise.county);
    const list = (to: string[], none: string): Addresses => (to.length > 0 ? { to } : { none });
    switch (step.to) {
      case 'enterprise':
        if (channel === 'email') return list(contacts.emails, 'no e-mail address among the enterprise’s contacts');
        if (channel === 'sms') return list(contacts.mobiles, 'no mobile number among the enterprise’s contacts');
        return list(v.enterprise.webhookUrl ? [v.enterprise.webhookUrl] : [], 'the enterprise has no webhook');
      case 'county_robot': {
        const robot = robotRecipient(d, { county });
        return list(robot ? [robot] : [], `no robot configured for county ${county} (robots.counties)`);
      }
      case 'command_center_robot': {
        const robot = robotRecipient(d, 'command_center');
        return list(robot ? [robot] : [], 'no command-center robot configured (robots.commandCenter)');
      }
      default: {
        const people = step.to === 'county_officers' ? (round.countyOfficers.get(county) ?? []) : this.commandCenterPeople(step.to, round.onDuty);
        const to = [...new Set(people.map((p) => (channel === 'email' ? p.email?.toLowerCase() : p.mobile)).filter((a): a is string => !!a))];
        const who =
          step.to === 'county_officers' ? `the officers of county ${county}` : round.onDuty ? `the ${step.to.replace('_', ' ')} on duty` : 'the roster has no shift now, and nobody else is configured';
        return list(to, `${who}: no ${channel === 'email' ? 'e-mail address' : 'mobile number'}`);
      }
    }
  }

  /**
   * The people of this round: per county the configured officer addresses and the county's
   * officers (users), and the shift the roster has on duty now (duty officer, shift leader).
   */
  private async roundPeople(manager: EntityManager, now: Date, views: Map<string, OrderVersionView>, due: Map<string, LadderStep[]>): Promise<RoundPeople> {
    const d = this.config.dispatch;
    const counties = new Set<string>();
    let commandCenter = false;
    for (const [id, steps] of due) {
      const v = views.get(id);
      if (!v) continue;
      if (steps.some((s) => s.to === 'county_officers')) counties.add(this.countyCode(v.enterprise.county));
      if (steps.some((s) => s.to === 'duty_officer' || s.to === 'shift_leader')) commandCenter = true;
    }
    const countyOfficers = new Map<string, Person[]>();
    for (const code of counties) {
      const configured = escalationFor(d, code).officerEmails.map((email) => ({ email, mobile: null }));
      countyOfficers.set(code, [...configured, ...(await this.recipients.countyStage1(code))]);
    }
    return { countyOfficers, onDuty: commandCenter ? await this.recipients.onDutyAt(now, manager) : null };
  }

  /** The duty officer on duty (beside the duty desk's configured addresses), or the shift leader on duty. */
  private commandCenterPeople(to: 'duty_officer' | 'shift_leader', onDuty: OnDuty | null): Person[] {
    if (to === 'shift_leader') return onDuty ? [onDuty.shiftLeader] : [];
    return [...this.config.dispatch.escalation.commandCenterEmails.map((email) => ({ email, mobile: null })), ...(onDuty ? [onDuty.dutyOfficer] : [])];
  }
}

/** `ladder:<version>:<step>:<channel>:<address>` (a long address is hashed to fit the key's 300 characters). */
function outboxKey(versionId: string, step: string, channel: string, recipient: string): string {
  const key = `ladder:${versionId}:${step}:${channel}:${recipient}`;
  return key.length <= 300 ? key : `ladder:${versionId}:${step}:${channel}:sha1-${createHash('sha1').update(recipient).digest('hex')}`;
}
