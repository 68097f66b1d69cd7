import { timingSafeEqual, createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { aliyunReceiptCallback, aliyunReplyCallback, ALIYUN_CALLBACK_ANSWER } from '../dispatch/channels/aliyun-sms.provider.js';
import { maskedMobile, type SmsReceipt, type SmsReply } from '../dispatch/channels/sms-provider.js';
import { tencentReceiptCallback, tencentReplyCallback, TENCENT_CALLBACK_ANSWER } from '../dispatch/channels/tencent-sms.provider.js';
import { SmsReceiptService } from '../dispatch/sms-receipt.service.js';
import { OrderErrorCode } from '../orders/orders.errors.js';
import { loadVersionViews } from '../orders/order-view.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AckShortLinksRepository } from './ack-short-links.repository.js';
import { AcknowledgementErrorCode } from './acknowledgements.errors.js';
import { AcknowledgementService } from './acknowledgement.service.js';
import { verifyLinkToken } from './signed-link.js';
import { SmsRepliesRepository } from './sms-replies.repository.js';

export type SmsCallbackProvider = 'aliyun' | 'tencent';

/** Equal strings in constant time (hashed first, so their lengths are not told apart either). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * What the SMS providers push: delivery receipts (recorded against the attempt) and replies
 * (上行短信, each kept in sms_replies; one quoting the code an SMS gave acknowledges that order
 * version through the one receipt statement, audited as `sms:<number>`); and `/a/<code>`.
 */
@Injectable()
export class SmsRepliesService {
  private readonly logger = new Logger('sms-replies');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly shortLinks: AckShortLinksRepository,
    private readonly replies: SmsRepliesRepository,
    private readonly receiptsService: SmsReceiptService,
    private readonly acks: AcknowledgementService,
    private readonly clock: Clock,
  ) {}

  /** 404 unless the path token is HAZEOPS_SMS_CALLBACK_TOKEN (compared in constant time). */
  private check(token: string): void {
    const expected = this.config.dispatch.sms.callbackToken;
    if (expected === null || typeof token !== 'string' || !sameSecret(token, expected)) {
      throw new DomainError(AcknowledgementErrorCode.SMS_CALLBACK_REFUSED, 'No such callback (the path token does not match HAZEOPS_SMS_CALLBACK_TOKEN).');
    }
  }

  async receipts(provider: SmsCallbackProvider, token: string, body: unknown): Promise<Record<string, unknown>> {
    this.check(token);
    const receipts: SmsReceipt[] = provider === 'aliyun' ? aliyunReceiptCallback(body) : tencentReceiptCallback(body);
    await this.receiptsService.receive(receipts);
    return provider === 'aliyun' ? ALIYUN_CALLBACK_ANSWER : TENCENT_CALLBACK_ANSWER;
  }

  async receiveReplies(provider: SmsCallbackProvider, token: string, body: unknown): Promise<Record<string, unknown>> {
    this.check(token);
    const replies: SmsReply[] = provider === 'aliyun' ? aliyunReplyCallback(body) : tencentReplyCallback(body);
    for (const r of replies) await this.reply(provider, r);
    return provider === 'aliyun' ? ALIYUN_CALLBACK_ANSWER : TENCENT_CALLBACK_ANSWER;
  }

  /** One reply: matched by the number it came from and a code of 6 digits in it. */
  private async reply(provider: SmsCallbackProvider, r: SmsReply): Promise<void> {
    const codes = [...new Set((r.content.normalize('NFKC').match(/(?<!\d)\d{6}(?!\d)/g) ?? []).slice(0, 5))];
    const link = await this.shortLinks.byReply(r.mobile, codes);
    let outcome: string;
    if (codes.length === 0) outcome = 'no_code';
    else if (!link) outcome = 'unknown_code';
    else if (link.expiresAt.getTime() <= this.clock.now().getTime()) outcome = 'expired';
    else {
      const view = (await loadVersionViews(this.dataSource.manager, [link.orderVersionId])).get(link.orderVersionId);
      if (!view) outcome = 'unknown_code';
      else {
        try {
          const receipt = await this.acks.acknowledgeByNumber(view.orderId, view.modification, link.enterpriseCode, { username: `sms:${maskedMobile(r.mobile)}`, role: null });
          outcome = receipt.alreadyAcknowledged ? 'already_acknowledged' : 'acknowledged';
        } catch (err) {
          if (err instanceof DomainError && err.code === OrderErrorCode.ORDER_SUPERSEDED) outcome = 'superseded';
          else throw err;
        }
      }
    }
    await this.replies.insert({
      provider,
      mobile: r.mobile,
      content: r.content.slice(0, 2000),
      sentAt: r.sentAt,
      outcome,
      orderVersionId: link?.orderVersionId ?? null,
      shortCode: link?.code ?? null,
      raw: r.raw,
    });
    this.logger.log(`SMS reply from ${maskedMobile(r.mobile)}: ${outcome}`);
  }

  /**
   * Where `/a/<code>` leads: the signed link it stands for, checked like the link itself
   * (an expired one answers 410; the page then applies the version rules).
   */
  async resolveShort(code: string): Promise<string> {
    const link = /^[0-9A-Za-z]{10}$/.test(code) ? await this.shortLinks.byCode(code) : null;
    if (!link) throw new DomainError(AcknowledgementErrorCode.SHORT_LINK_NOT_FOUND, 'No such short link; check the link in the SMS.', { reason: 'not_found' });
    const verified = verifyLinkToken(link.token, this.config.app.secret, this.clock.now().getTime());
    if (!verified.ok && verified.reason === 'expired')
      throw new DomainError(AcknowledgementErrorCode.SHORT_LINK_EXPIRED, 'This link has expired; the county office can send the order again.', { reason: 'expired' });
    if (!verified.ok) throw new DomainError(AcknowledgementErrorCode.SHORT_LINK_NOT_FOUND, 'This short link no longer verifies.', { reason: verified.reason });
    return `${this.config.app.publicBaseUrl.replace(/\/$/, '')}/ack/${link.token}`;
  }
}
