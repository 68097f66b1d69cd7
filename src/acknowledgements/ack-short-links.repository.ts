import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SHORT_CODE_LENGTH } from '../config/sms-config.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 10 characters of base62 from the CSPRNG: 59 bits, not guessable. */
export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) code += BASE62[randomInt(62)];
  return code;
}

/** The 6 digits a reply quotes. */
function newReplyCode(): string {
  return String(randomInt(1_000_000)).padStart(6, '0');
}

export interface ShortLink {
  code: string;
  orderVersionId: string;
  enterpriseCode: string;
  mobile: string | null;
  replyCode: string;
  token: string;
  expiresAt: Date;
}

interface Row {
  code: string;
  order_version_id: string;
  enterprise_code: string;
  mobile: string | null;
  reply_code: string;
  token: string;
  expires_at: Date;
}

const toLink = (r: Row): ShortLink => ({
  code: r.code,
  orderVersionId: r.order_version_id,
  enterpriseCode: r.enterprise_code,
  mobile: r.mobile,
  replyCode: r.reply_code,
  token: r.token,
  expiresAt: r.expires_at,
});

/** The table `ack_short_links`. */
@Injectable()
export class AckShortLinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The short link of an SMS: one per outbox row (the same code on every retry of it), or a
   * fresh one when `outboxId` is null (a notice rendered when it is queued).
   */
  async ensure(manager: EntityManager | null, link: { outboxId: string | null; orderVersionId: string; enterpriseCode: string; mobile: string; token: string; expiresAt: Date }): Promise<ShortLink> {
    const m = manager ?? this.dataSource.manager;
    const rows: Row[] = await m.query(
      `INSERT INTO ack_short_links (code, outbox_id, order_version_id, enterprise_code, mobile, reply_code, token, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (outbox_id) DO NOTHING
       RETURNING code, order_version_id, enterprise_code, mobile, reply_code, token, expires_at`,
      [newShortCode(), link.outboxId, link.orderVersionId, link.enterpriseCode, link.mobile, newReplyCode(), link.token, link.expiresAt],
    );
    if (rows[0]) return toLink(rows[0]);
    const [existing]: Row[] = await m.query('SELECT code, order_version_id, enterprise_code, mobile, reply_code, token, expires_at FROM ack_short_links WHERE outbox_id = $1', [link.outboxId]);
    return toLink(existing!);
  }

  async byCode(code: string): Promise<ShortLink | null> {
    const [row]: Row[] = await this.dataSource.query('SELECT code, order_version_id, enterprise_code, mobile, reply_code, token, expires_at FROM ack_short_links WHERE code = $1', [code]);
    return row ? toLink(row) : null;
  }

  /** The newest link sent to this number whose reply code is one of `codes`. */
  async byReply(mobile: string, codes: string[]): Promise<ShortLink | null> {
    if (codes.length === 0) return null;
    const [row]: Row[] = await this.dataSource.query(
      `SELECT code, order_version_id, enterprise_code, mobile, reply_code, token, expires_at FROM ack_short_links
       WHERE mobile = $1 AND reply_code = ANY($2::text[]) ORDER BY created_at DESC LIMIT 1`,
      [mobile, codes],
    );
    return row ? toLink(row) : null;
  }
}
