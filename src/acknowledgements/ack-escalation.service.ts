import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import { escalationFor, type EscalationStage } from '../config/dispatch-config.js';
import { OutboxService, type RobotNotice } from '../dispatch/outbox.service.js';
import type { NewOutboxRow } from '../dispatch/outbound-message.js';
import { renderEscalationEmail, type OverdueEnterprise } from '../web/mail/escalation-email.template.js';
import { renderReminderEmail } from '../web/mail/reminder-email.template.js';
import { overdueRobotText } from '../web/robots/robot-summary.template.js';
import { orderNoticeView } from '../web/notices/order-notice.builder.js';
import { ackLink } from './ack-link.js';
import { loadVersionViews, type OrderVersionView } from '../orders/order-view.js';
import { Clock } from '../common/clock.js';
import { CronService } from '../scheduling/cron.service.js';
import { JobRunner } from '../scheduling/job-runner.js';
import { contactEmails, contactMobiles, unacknowledgedDue } from './acknowledgement-chase.read-model.js';
import type { NewAlert } from './alert.types.js';
import { AlertsService } from './alerts.service.js';
import { EscalationRecipients } from '../duty/escalation-recipients.service.js';
import { SmsChannel } from '../dispatch/channels/sms.channel.js';
import { orderSmsValues } from '../web/sms/order-sms.template.js';
import { AckShortLinksRepository } from './ack-short-links.repository.js';
import { smsShortLink } from './order-message.renderer.js';

export interface EscalationRound {
  reminders: number;
  stage1: number;
  stage2: number;
  /** Stage 2 passed on to the shift leader on duty (escalation.shiftLeaderAfterMinutes later, still unacknowledged). */
  shiftLeader: number;
}

/**
 * Chases acknowledgements: a reminder to the enterprise before the deadline, then the
 * county's escalation chain at the deadline (stage 1) and later (stage 2). Deadlines are
 * timestamps in the database, so a run after downtime catches up; alerts' dedupe keys and
 * the job's (job, slot) row keep every notice single across runs and instances.
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
    private readonly recipients: EscalationRecipients,
    private readonly sms: SmsChannel,
    private readonly shortLinks: AckShortLinksRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.cron.register('ack-escalation', '20 * * * * *', () => this.run());
  }

  /** One round for the current minute (a no-op if another instance already ran it). */
  async run(): Promise<EscalationRound | null> {
    const now = this.clock.now();
    const slot = now.toISOString().slice(0, 16);
    const { result } = await this.jobs.runOnce('ack-escalation', slot, (manager) => this.check(manager, now));
    if (result && result.reminders + result.stage1 + result.stage2 + result.shiftLeader > 0)
      this.logger.log(`reminders ${result.reminders}, stage 1 ${result.stage1}, stage 2 ${result.stage2}, shift leader ${result.shiftLeader}`);
    return result;
  }

  async check(manager: EntityManager, now: Date): Promise<EscalationRound> {
    const d = this.config.dispatch;
    const reminderMs = d.reminderBeforeDeadlineMinutes * 60_000;
    const stage2Ms = d.escalation.stage2AfterDeadlineHours * 3_600_000;
    const leaderMs = stage2Ms + d.escalation.shiftLeaderAfterMinutes * 60_000;
    const due = await unacknowledgedDue(manager, new Date(now.getTime() + reminderMs), now);
    if (due.length === 0) return { reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 };
    const views = await loadVersionViews(
      manager,
      due.map((r) => r.id),
    );
    const reminders: OrderVersionView[] = [];
    const stage1: OrderVersionView[] = [];
    const stage2: OrderVersionView[] = [];
    const leader: OrderVersionView[] = [];
    for (const r of due) {
      const v = views.get(r.id);
      if (!v) continue;
      const deadline = r.ackDeadline.getTime();
      if (now.getTime() < deadline) reminders.push(v);
      else {
        stage1.push(v);
        if (now.getTime() >= deadline + stage2Ms) stage2.push(v);
        if (now.getTime() >= deadline + leaderMs && this.chainOf(v.enterprise.county)[1] === 'command_center') leader.push(v);
      }
    }
    const newReminders = await this.alerts.raise(
      manager,
      reminders.map((v) => this.alert(v, 'ack_reminder', 0, `${v.enterprise.name}尚未签收${v.directiveNumber}（第${v.modification}版），已发送提醒。`)),
    );
    await this.outbox.enqueue(manager, await this.reminderMails(manager, newReminders, views, now));
    await this.outbox.enqueue(manager, await this.reminderSms(manager, newReminders, views, now));
    const new1 = await this.alerts.raise(
      manager,
      stage1.map((v) => this.alert(v, 'ack_overdue', 1, `${v.enterprise.name}逾期未签收${v.directiveNumber}（第${v.modification}版）。`)),
    );
    const new2 = await this.alerts.raise(
      manager,
      stage2.map((v) => this.alert(v, 'ack_overdue', 2, `${v.enterprise.name}逾期${d.escalation.stage2AfterDeadlineHours}小时以上仍未签收${v.directiveNumber}（第${v.modification}版），已报指挥部。`)),
    );
    // Stage 2's second step (key stage 3): the shift leader on duty, when the duty officer has not answered.
    const newLeader = await this.alerts.raise(
      manager,
      leader.map((v) =>
        this.alert(v, 'ack_overdue', 3, `${v.enterprise.name}报指挥部值班员${d.escalation.shiftLeaderAfterMinutes}分钟后仍未签收${v.directiveNumber}（第${v.modification}版），已报值班长。`),
      ),
    );
    await this.outbox.enqueue(manager, [
      ...(await this.escalationMails(new1, views, 1, now)),
      ...(await this.escalationMails(new2, views, 2, now)),
      ...(await this.shiftLeaderMails(newLeader, views, now)),
    ]);
    await this.outbox.enqueueRobot(manager, [...this.robotNotices(new1, views, 1), ...this.robotNotices(new2, views, 2)]);
    return { reminders: newReminders.length, stage1: new1.length, stage2: new2.length, shiftLeader: newLeader.length };
  }

  private chainOf(countyName: string): EscalationStage[] {
    const code = this.config.city.counties.find((c) => c.name === countyName)?.code ?? countyName;
    return escalationFor(this.config.dispatch, code).chain;
  }

  /** To the shift leader the roster puts on duty now (nobody when the roster has no shift or the leader no e-mail). */
  private async shiftLeaderMails(alerts: NewAlert[], views: Map<string, OrderVersionView>, now: Date): Promise<NewOutboxRow[]> {
    if (alerts.length === 0) return [];
    const onDuty = await this.recipients.onDutyAt(now);
    const email = onDuty?.shiftLeader.email;
    if (!email) {
      this.logger.warn(`${alerts.length} overdue acknowledgement(s) for the shift leader, but ${onDuty ? `the shift leader ${onDuty.shiftLeader.name} has no e-mail` : 'the roster has no shift now'}`);
      return [];
    }
    const { city } = this.config;
    const mail = renderEscalationEmail({
      cityName: city.city.name,
      commandCenter: city.city.commandCenter,
      stage: 2,
      shiftLeader: true,
      countyName: null,
      generatedAt: now.toISOString(),
      overdue: alerts
        .map((a) => views.get(a.orderVersionId!)!)
        .map((v) => ({ enterprise: v.enterprise, directiveNumber: v.directiveNumber, modification: v.modification, ackDeadline: v.ackDeadline })),
      consoleUrl: null,
      timezone: city.city.timezone,
    });
    return [
      {
        idempotencyKey: `escalation:leader:${now.toISOString().slice(0, 16)}:${email}`,
        kind: 'notice',
        channel: 'email',
        recipient: email,
        enterpriseCode: null,
        orderVersionId: null,
        payload: { ...mail },
      },
    ];
  }

  private alert(v: OrderVersionView, kind: NewAlert['kind'], stage: number, message: string): NewAlert {
    return { dedupeKey: `${kind}:${stage}:${v.versionId}`, kind, stage, county: v.enterprise.county, enterpriseCode: v.enterprise.code, orderVersionId: v.versionId, message };
  }

  private async reminderMails(manager: EntityManager, alerts: NewAlert[], views: Map<string, OrderVersionView>, now: Date): Promise<NewOutboxRow[]> {
    if (alerts.length === 0) return [];
    const contacts = await contactEmails(
      manager,
      alerts.map((a) => a.enterpriseCode!),
    );
    const rows: NewOutboxRow[] = [];
    for (const a of alerts) {
      const v = views.get(a.orderVersionId!)!;
      const link = ackLink(this.config, v, now);
      const mail = renderReminderEmail(orderNoticeView(this.config, v), link);
      for (const c of contacts.filter((c) => c.enterpriseCode === v.enterprise.code)) {
        rows.push({
          idempotencyKey: `reminder:${v.versionId}:${c.email}`,
          kind: 'notice',
          channel: 'email',
          recipient: c.email,
          enterpriseCode: v.enterprise.code,
          orderVersionId: v.versionId,
          payload: { ...mail },
        });
      }
    }
    return rows;
  }

  /** With SMS and a reminder template: the reminder also by SMS to every mobile of the enterprise's contacts. */
  private async reminderSms(manager: EntityManager, alerts: NewAlert[], views: Map<string, OrderVersionView>, now: Date): Promise<NewOutboxRow[]> {
    if (alerts.length === 0 || this.sms.template('reminder') === null) return [];
    const mobiles = await contactMobiles(
      manager,
      alerts.map((a) => a.enterpriseCode!),
    );
    const rows: NewOutboxRow[] = [];
    for (const a of alerts) {
      const v = views.get(a.orderVersionId!)!;
      for (const mobile of new Set(mobiles.get(v.enterprise.code) ?? [])) {
        const short = await smsShortLink(this.config, this.shortLinks, manager, { outboxId: null, versionId: v.versionId, enterpriseCode: v.enterprise.code, mobile }, now);
        rows.push({
          idempotencyKey: `reminder:${v.versionId}:sms:${mobile}`,
          kind: 'notice',
          channel: 'sms',
          recipient: mobile,
          enterpriseCode: v.enterprise.code,
          orderVersionId: v.versionId,
          payload: { kind: 'reminder', values: orderSmsValues(orderNoticeView(this.config, v), short.url, short.replyCode) },
        });
      }
    }
    return rows;
  }

  /** Stage n also goes to the group robot of the n-th link of the county's chain (one line per overdue version). */
  private robotNotices(alerts: NewAlert[], views: Map<string, OrderVersionView>, stage: 1 | 2): RobotNotice[] {
    const { city } = this.config;
    const notices: RobotNotice[] = [];
    for (const a of alerts) {
      const v = views.get(a.orderVersionId!)!;
      const code = city.counties.find((c) => c.name === a.county)?.code ?? a.county;
      const target: EscalationStage | undefined = escalationFor(this.config.dispatch, code).chain[stage - 1];
      if (!target) continue;
      const text = overdueRobotText({ name: v.enterprise.name, directiveNumber: v.directiveNumber, modification: v.modification, ackDeadline: v.ackDeadline }, city.city.timezone);
      notices.push({
        key: `escalation:${stage}:${v.versionId}`,
        target: target === 'county' ? { county: code } : 'command_center',
        item: { topic: stage === 1 ? 'overdue_stage1' : 'overdue_stage2', text: target === 'county' ? text : `${a.county}：${text}` },
      });
    }
    return notices;
  }

  /**
   * Stage n goes to the n-th link of the county's chain: its officers (the configured addresses and
   * the county officers' own e-mail), or the command center (its addresses and the duty officer on duty now).
   */
  private async escalationMails(alerts: NewAlert[], views: Map<string, OrderVersionView>, stage: 1 | 2, now: Date): Promise<NewOutboxRow[]> {
    if (alerts.length === 0) return [];
    const onDuty = await this.recipients.onDutyAt(now);
    const byCounty = new Map<string, OrderVersionView[]>();
    for (const a of alerts) byCounty.set(a.county, [...(byCounty.get(a.county) ?? []), views.get(a.orderVersionId!)!]);
    const rows: NewOutboxRow[] = [];
    const { city } = this.config;
    for (const [county, list] of byCounty) {
      const code = city.counties.find((c) => c.name === county)?.code ?? county;
      const chain = escalationFor(this.config.dispatch, code);
      const target: EscalationStage | undefined = chain.chain[stage - 1];
      if (!target) continue;
      const people = target === 'county' ? await this.recipients.countyStage1(code) : onDuty ? [onDuty.dutyOfficer] : [];
      const configured = target === 'county' ? chain.officerEmails : this.config.dispatch.escalation.commandCenterEmails;
      const recipients = [...new Set([...configured, ...people.flatMap((p) => (p.email ? [p.email] : []))].map((e) => e.toLowerCase()))];
      const overdue: OverdueEnterprise[] = list.map((v) => ({ enterprise: v.enterprise, directiveNumber: v.directiveNumber, modification: v.modification, ackDeadline: v.ackDeadline }));
      const mail = renderEscalationEmail({
        cityName: city.city.name,
        commandCenter: city.city.commandCenter,
        stage,
        countyName: county,
        generatedAt: now.toISOString(),
        overdue,
        consoleUrl: null,
        timezone: city.city.timezone,
      });
      for (const email of recipients) {
        rows.push({
          idempotencyKey: `escalation:${stage}:${county}:${now.toISOString().slice(0, 16)}:${email}`,
          kind: 'notice',
          channel: 'email',
          recipient: email,
          enterpriseCode: null,
          orderVersionId: null,
          payload: { ...mail },
        });
      }
    }
    return rows;
  }
}
