import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommonErrorCode, DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import type { LevelKey } from '../rules/enterprise.js';
import { capDateTimeInZone, capSeverityForLevel, renderCapAlert, renderCapAtomFeed, type CapAlertInput, type CapMsgType } from './cap/cap-message.js';

interface DirectiveRow {
  id: string;
  number: string;
  kind: 'issue' | 'adjust' | 'lift' | 'expire';
  level: LevelKey | null;
  counties: string[];
  starts_at: Date;
  ends_at: Date | null;
  basis: string;
  supersedes_id: string | null;
  issued_at: Date;
}

/** The city's warnings as OASIS CAP 1.2: an alert per issue, an update per adjustment, a cancel per lift. */
@Injectable()
export class WarningsService {
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

  private sent(d: Pick<DirectiveRow, 'issued_at'>): string {
    return capDateTimeInZone(d.issued_at.getTime(), this.config.city.city.timezone);
  }

  private async rows(): Promise<DirectiveRow[]> {
    return this.dataSource.query(
      `SELECT id, number, kind, level, counties, starts_at, ends_at, basis, supersedes_id, issued_at FROM directives
       WHERE kind IN ('issue', 'adjust', 'lift', 'expire') ORDER BY issued_at, number`,
    );
  }

  /** Warnings only: light and moderate control are not published as CAP alerts. */
  private alerts(rows: DirectiveRow[]): Array<{ row: DirectiveRow; xml: string }> {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const published = new Set<string>();
    const out: Array<{ row: DirectiveRow; xml: string }> = [];
    for (const row of rows) {
      const previous = row.supersedes_id ? byId.get(row.supersedes_id) : undefined;
      const level = (row.level ?? previous?.level ?? null) as LevelKey | null;
      const severity = level ? capSeverityForLevel(level) : null;
      if (!severity || !level) continue;
      const msgType: CapMsgType = row.kind === 'issue' ? 'Alert' : row.kind === 'adjust' ? 'Update' : 'Cancel';
      const references = previous && published.has(previous.id) ? [{ sender: this.sender, identifier: this.identifier(previous.id), sent: this.sent(previous) }] : [];
      if (msgType !== 'Alert' && references.length === 0) continue;
      const tz = this.config.city.city.timezone;
      const levelName = this.config.levelName(level) ?? level;
      const cancel = msgType === 'Cancel';
      const input: CapAlertInput = {
        identifier: this.identifier(row.id),
        sender: this.sender,
        sent: this.sent(row),
        msgType,
        scope: 'Public',
        references,
        note: row.number,
        info: {
          language: 'zh-CN',
          category: 'Env',
          event: `重污染天气${levelName}`,
          responseType: cancel ? ['AllClear'] : ['Execute'],
          urgency: cancel ? 'Past' : row.starts_at.getTime() > row.issued_at.getTime() ? 'Expected' : 'Immediate',
          severity,
          certainty: 'Likely',
          effective: capDateTimeInZone(row.issued_at.getTime(), tz),
          onset: capDateTimeInZone(row.starts_at.getTime(), tz),
          expires: row.ends_at ? capDateTimeInZone(row.ends_at.getTime(), tz) : null,
          senderName: this.config.city.city.commandCenter,
          headline: cancel ? `${this.config.city.city.name}解除重污染天气${levelName}（${row.number}）` : `${this.config.city.city.name}发布重污染天气${levelName}（${row.number}）`,
          description: row.basis,
          instruction: cancel ? '各相关单位按指令恢复正常生产。' : '相关企业按“一厂一策”应急减排清单落实停限产措施，按时签收并报送落实情况。',
          areas: row.counties.map((c) => ({ areaDesc: c, geocode: { valueName: 'GB/T 2260', value: this.config.city.counties.find((x) => x.name === c)?.code ?? '' } })),
        },
      };
      out.push({ row, xml: renderCapAlert(input) });
      published.add(row.id);
    }
    return out;
  }

  async feed(): Promise<string> {
    const alerts = this.alerts(await this.rows());
    const updated = alerts.length ? alerts[alerts.length - 1].row.issued_at.toISOString() : new Date(0).toISOString();
    return renderCapAtomFeed(
      { id: `urn:hazeops:${this.config.city.city.key}:warnings`, title: `${this.config.city.city.commandCenter} 重污染天气预警`, updated, selfUrl: `${this.config.app.publicBaseUrl}/api/v1/warnings/cap`, author: this.config.city.city.commandCenter },
      alerts.reverse().map((a) => ({ id: `urn:hazeops:${this.identifier(a.row.id)}`, title: a.row.number, updated: a.row.issued_at.toISOString(), xml: a.xml, link: `${this.config.app.publicBaseUrl}/api/v1/warnings/cap/${a.row.id}` })),
    );
  }

  async one(id: string): Promise<string> {
    const found = this.alerts(await this.rows()).find((a) => a.row.id === id);
    if (!found) throw new DomainError(CommonErrorCode.NOT_FOUND, `No published warning ${id}.`);
    return found.xml;
  }
}
