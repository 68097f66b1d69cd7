import DysmsapiModule, { QuerySendDetailsRequest, SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { SmsProviderConfig } from '../../config/sms-config.js';
import { chinaTime, mainlandMobile, SmsRefusal, type PendingReceipt, type SmsAccepted, type SmsProvider, type SmsReceipt, type SmsReply, type SmsSendRequest } from './sms-provider.js';

// A CommonJS module whose class is its `default` export: Node hands the module object to a
// default import, bundlers (vitest) the class itself.
type DysmsapiClass = typeof DysmsapiModule.default;
const Dysmsapi = (typeof (DysmsapiModule as { default?: unknown }).default === 'function' ? DysmsapiModule.default : DysmsapiModule) as DysmsapiClass;

/** Alibaba's codes for "this number has had too many" (minute, hour and day flow control). */
const RATE_LIMITED = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'isv.MONTH_LIMIT_CONTROL', 'Throttling.User']);

/** The yyyyMMdd China date QuerySendDetails asks for. */
function sendDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * Alibaba Cloud SMS through its official SDK (@alicloud/dysmsapi20170525, which signs every
 * request with ACS3-HMAC-SHA256): SendSms, and QuerySendDetails for the receipts.
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly kind = 'aliyun' as const;
  private readonly client: InstanceType<typeof Dysmsapi>;

  constructor(config: SmsProviderConfig) {
    const url = new URL(config.endpoint);
    this.client = new Dysmsapi(
      new $OpenApiUtil.Config({
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        endpoint: url.host,
        protocol: url.protocol === 'http:' ? 'HTTP' : 'HTTPS',
        connectTimeout: 5000,
        readTimeout: 10_000,
      }),
    );
  }

  async send(request: SmsSendRequest): Promise<SmsAccepted> {
    const res = await this.client.sendSms(
      new SendSmsRequest({
        phoneNumbers: request.mobile,
        signName: request.signName,
        templateCode: request.template.id,
        templateParam: JSON.stringify(request.params),
        outId: request.reference,
      }),
    );
    const body = res.body;
    const code = body?.code ?? '(none)';
    if (code !== 'OK' || !body?.bizId) throw new SmsRefusal(code, RATE_LIMITED.has(code), `aliyun ${code}: ${body?.message ?? ''}`.slice(0, 500));
    return { messageId: body.bizId, code, response: `aliyun OK: BizId ${body.bizId}, RequestId ${body.requestId ?? ''}` };
  }

  async receipts(pending: PendingReceipt[]): Promise<SmsReceipt[]> {
    const out: SmsReceipt[] = [];
    for (const p of pending) {
      const res = await this.client.querySendDetails(new QuerySendDetailsRequest({ phoneNumber: p.mobile, bizId: p.messageId, sendDate: sendDate(p.sentAt), pageSize: 10, currentPage: 1 }));
      if (res.body?.code !== 'OK') throw new Error(`aliyun QuerySendDetails ${res.body?.code ?? '(none)'}: ${res.body?.message ?? ''}`);
      for (const d of res.body.smsSendDetailDTOs?.smsSendDetailDTO ?? []) {
        // SendStatus 1: waiting for the receipt, 2: failed, 3: delivered.
        if (d.sendStatus !== 2 && d.sendStatus !== 3) continue;
        out.push({ messageId: p.messageId, mobile: p.mobile, status: d.sendStatus === 3 ? 'delivered' : 'failed', code: d.errCode ?? '', at: chinaTime(d.receiveDate) ?? new Date() });
      }
    }
    return out;
  }
}

function items(body: unknown): Array<Record<string, unknown>> {
  const list = Array.isArray(body) ? body : [body];
  return list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x));
}

/** Alibaba's receipt callback (SmsReport): a JSON array of { phone_number, success, err_code, report_time, biz_id, … }. */
export function aliyunReceiptCallback(body: unknown): SmsReceipt[] {
  return items(body).flatMap((x) => {
    const mobile = mainlandMobile(x.phone_number);
    if (!mobile) return [];
    const success = x.success === true || x.success === 'true';
    return [
      {
        messageId: typeof x.biz_id === 'string' ? x.biz_id : null,
        mobile,
        status: success ? ('delivered' as const) : ('failed' as const),
        code: String(x.err_code ?? ''),
        at: chinaTime(x.report_time) ?? new Date(),
      },
    ];
  });
}

/** Alibaba's reply callback (SmsUp): a JSON array of { phone_number, content, send_time, sign_name, dest_code, sequence_id }. */
export function aliyunReplyCallback(body: unknown): SmsReply[] {
  return items(body).flatMap((x) => {
    const mobile = mainlandMobile(x.phone_number);
    return mobile && typeof x.content === 'string' ? [{ mobile, content: x.content, sentAt: chinaTime(x.send_time), raw: x }] : [];
  });
}

/** What Alibaba expects back from a callback (anything else makes it retry). */
export const ALIYUN_CALLBACK_ANSWER = { code: 0, msg: '成功' };
