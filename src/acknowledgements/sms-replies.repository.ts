import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface NewSmsReply {
  provider: string;
  mobile: string;
  content: string;
  sentAt: Date | null;
  outcome: string;
  orderVersionId: string | null;
  shortCode: string | null;
  raw: Record<string, unknown>;
}

/** The table `sms_replies`: every reply kept, matched or not. */
@Injectable()
export class SmsRepliesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(r: NewSmsReply): Promise<string> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO sms_replies (provider, mobile, content, sent_at, outcome, order_version_id, short_code, raw) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [r.provider, r.mobile, r.content, r.sentAt, r.outcome, r.orderVersionId, r.shortCode, JSON.stringify(r.raw)],
    );
    return String(row!.id);
  }
}
