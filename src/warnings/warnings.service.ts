import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WarningErrorCode } from './warnings.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { levelDirectivesInIssueOrder, type LevelDirectiveRow } from '../directives/level-directives.repository.js';
import { capDateTimeInZone, capSeverityForLevel, renderCapAlert, renderCapAtomFeed, type CapAlertInput, type CapInfo } from './cap/cap-message.js';
import { planCapMessages, type CapMessagePlan } from './cap/cap-timeline.js';

type DirectiveRow = LevelDirectiveRow;

interface Published {
  row: DirectiveRow;
  xml: string;
}

/**
 * The city's warnings as OASIS CAP 1.2, planned per county from the level directives
 * (cap-timeline.ts): each message replaces, by reference, every message in force for any
 * county it concerns, so a consumer sees exactly the warnings in force.
 */
@Injectable()
export class WarningsService {
  private readonly logger = new Logger('warnings');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
  ) {}

  private get sender(): string {
    return `hazeops@${new URL(this.config.app.publicBaseUrl).hostname}`;
  }

  private identifier(id: string): string {
    return `${this.config.city.city.key}-warning-${id}`;
  }

  private time(d: Date | number): string {
    return capDateTimeInZone(typeof d === 'number' ? d : d.getTime(), this.config.city.city.timezone);
  }

  private async rows(): Promise<DirectiveRow[]> {
    return levelDirectivesInIssueOrder(this.dataSource.manager);
  }

  /** Warnings only: light and moderate control are not published as CAP alerts. */
  private alerts(rows: DirectiveRow[]): Published[] {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const plans = planCapMessages(
      rows.map((r) => ({ id: r.id, kind: r.kind, level: r.level, counties: r.counties, startsAt: r.starts_at, endsAt: r.ends_at, issuedAt: r.issued_at })),
      (level) => capSeverityForLevel(level) !== null,
    );
    const out: Published[] = [];
    for (const plan of plans) {
      const row = byId.get(plan.directive.id)!;
      try {
        out.push({ row, xml: renderCapAlert(this.message(plan, row)) });
      } catch (err) {
        // A stored directive CAP cannot express (e.g. a time outside years 1–9999) is left
        // out of the feed rather than taking the whole feed down.
        this.logger.warn(`CAP message for directive ${row.number} left out: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return out;
  }

  private message(plan: CapMessagePlan, row: DirectiveRow): CapAlertInput {
    const city = this.config.city.city;
    const cancel = plan.msgType === 'Cancel';
    const sent = row.issued_at.getTime();
    const names = [...new Set(plan.infos.map((i) => this.config.levelName(i.level) ?? i.level))].join('、');
    const headline =
      plan.msgType === 'Alert'
        ? `${city.name}发布重污染天气${names}（${row.number}）`
        : cancel
          ? `${city.name}解除重污染天气${names}（${row.number}）`
          : `${city.name}重污染天气预警更新（${row.number}）`;
    return {
      identifier: this.identifier(row.id),
      sender: this.sender,
      sent: this.time(row.issued_at),
      msgType: plan.msgType,
      scope: 'Public',
      references: plan.references.map((r) => ({ sender: this.sender, identifier: this.identifier(r.id), sent: this.time(r.sent) })),
      note: row.number,
      info: plan.infos.map((i): CapInfo => {
        const levelName = this.config.levelName(i.level) ?? i.level;
        const span = `${this.time(i.onset)}起${i.expires === null ? '至解除' : `至${this.time(i.expires)}`}`;
        return {
          language: 'zh-CN',
          category: 'Env',
          event: `重污染天气${levelName}`,
          responseType: [cancel ? 'AllClear' : 'Execute'],
          urgency: cancel ? 'Past' : i.onset > sent ? 'Expected' : 'Immediate',
          severity: capSeverityForLevel(i.level)!,
          certainty: 'Likely',
          effective: this.time(row.issued_at),
          onset: this.time(i.onset),
          expires: cancel || i.expires === null ? null : this.time(i.expires),
          senderName: city.commandCenter,
          headline,
          description: cancel ? `${i.counties.join('、')}${levelName}解除。依据：${row.basis}` : `${i.counties.join('、')}：${levelName}，${span}。依据（${row.number}）：${row.basis}`,
          instruction: cancel ? '各相关单位按指令恢复正常生产。' : '相关企业按“一厂一策”应急减排清单落实停限产措施，按时签收并报送落实情况。',
          areas: i.counties.map((c) => ({ areaDesc: c, geocode: { valueName: 'GB/T 2260', value: this.config.city.counties.find((x) => x.name === c)?.code ?? '' } })),
        };
      }),
    };
  }

  async feed(): Promise<string> {
    const alerts = this.alerts(await this.rows());
    const updated = alerts.length ? alerts[alerts.length - 1].row.issued_at.toISOString() : new Date(0).toISOString();
    return renderCapAtomFeed(
      {
        id: `urn:hazeops:${this.config.city.city.key}:warnings`,
        title: `${this.config.city.city.commandCenter} 重污染天气预警`,
        updated,
        selfUrl: `${this.config.app.publicBaseUrl}/api/v1/warnings/cap`,
        author: this.config.city.city.commandCenter,
      },
      alerts.reverse().map((a) => ({
        id: `urn:hazeops:${this.identifier(a.row.id)}`,
        title: a.row.number,
        updated: a.row.issued_at.toISOString(),
        xml: a.xml,
        link: `${this.config.app.publicBaseUrl}/api/v1/warnings/cap/${a.row.id}`,
      })),
    );
  }

  async one(id: string): Promise<string> {
    const found = this.alerts(await this.rows()).find((a) => a.row.id === id);
    if (!found) throw new DomainError(WarningErrorCode.WARNING_NOT_FOUND, `No published warning ${id}.`);
    return found.xml;
  }
}
