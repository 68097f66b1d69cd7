import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { SmsProviderConfig } from '../../config/sms-config.js';
import { chinaTime, mainlandMobile, SmsRefusal, type PendingReceipt, type SmsAccepted, type SmsProvider, type SmsReceipt, type SmsReply, type SmsSendRequest } from './sms-provider.js';

const SmsClient = sms.v20210111.Client;
type SmsClientType = InstanceType<typeof SmsClient>;

/** Tencent's codes for "this number has had too many" (30 s, hour, day, same content a day). */
function rateLimited(code: string): boolean {
  return code.startsWith('LimitExceeded.PhoneNumber') || code === 'LimitExceeded.DailyLimit' || code === 'RequestLimitExceeded';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Names under `.localhost` resolve to the loopback address (RFC 6761 §6.3), as browsers do;
 * Node's resolver does not. The SDK names the signed service after the endpoint's first label
 * (`sms.tencentcloudapi.com` → sms), so a local server is reached as `sms.localhost:<port>`.
 */
function loopbackLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
    return;
  }
  dnsLookup(hostname, options, callback as never);
}

/**
 * Tencent Cloud SMS through its official SDK (tencentcloud-sdk-nodejs-sms, API 2021-01-11,
 * requests signed with TC3-HMAC-SHA256): SendSms, and PullSmsSendStatus for the receipts.
 */
export class TencentSmsProvider implements SmsProvider {
  readonly kind = 'tencent' as const;
  private readonly client: SmsClientType;

  constructor(private readonly config: SmsProviderConfig) {
    const url = new URL(config.endpoint);
    const agent = url.protocol === 'http:' ? new HttpAgent({ lookup: loopbackLookup }) : new HttpsAgent({ lookup: loopbackLookup });
    this.client = new SmsClient({
      credential: { secretId: config.accessKeyId, secretKey: config.accessKeySecret },
      region: config.region ?? 'ap-guangzhou',
      profile: { signMethod: 'TC3-HMAC-SHA256', httpProfile: { endpoint: url.host, protocol: `${url.protocol}//`, reqMethod: 'POST', reqTimeout: 10, agent } },
    });
  }

  async send(request: SmsSendRequest): Promise<SmsAccepted> {
    let res;
    try {
      res = await this.client.SendSms({
        PhoneNumberSet: [`+86${request.mobile}`],
        SmsSdkAppId: this.config.appId ?? '',
        SignName: request.signName,
        TemplateId: request.template.id,
        TemplateParamSet: request.template.params.map((p) => request.params[p.name] ?? ''),
        SessionContext: request.reference,
      });
    } catch (err) {
      // The SDK throws TencentCloudSDKHttpException with the answer's Error.Code.
      const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : '';
      if (code) throw new SmsRefusal(code, rateLimited(code), `tencent ${code}: ${(err as Error).message}`.slice(0, 500));
      throw err;
    }
    const status = res.SendStatusSet?.[0];
    const code = status?.Code ?? '(none)';
    if (code !== 'Ok' || !status?.SerialNo) throw new SmsRefusal(code, rateLimited(code), `tencent ${code}: ${status?.Message ?? ''}`.slice(0, 500));
    return { messageId: status.SerialNo, code, response: `tencent Ok: SerialNo ${status.SerialNo}, RequestId ${res.RequestId ?? ''}` };
  }

  /** The status queue holds each receipt once: what comes back is all there is (matched by SerialNo). */
  async receipts(_pending: PendingReceipt[]): Promise<SmsReceipt[]> {
    const res = await this.client.PullSmsSendStatus({ Limit: 100, SmsSdkAppId: this.config.appId ?? '' });
    return (res.PullSmsSendStatusSet ?? []).flatMap((s) => {
      const mobile = mainlandMobile(s.PhoneNumber ?? s.SubscriberNumber);
      if (!mobile) return [];
      const status = s.ReportStatus === 'SUCCESS' ? ('delivered' as const) : ('failed' as const);
      return [{ messageId: s.SerialNo ?? null, mobile, status, code: s.Description ?? s.ReportStatus ?? '', at: chinaTime(s.UserReceiveTime) ?? new Date() }];
    });
  }
}

function items(body: unknown): Array<Record<string, unknown>> {
  const list = Array.isArray(body) ? body : [body];
  return list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x));
}

/** Tencent's status callback: a JSON array of { user_receive_time, mobile, report_status, errmsg, description, sid }. */
export function tencentReceiptCallback(body: unknown): SmsReceipt[] {
  return items(body).flatMap((x) => {
    const mobile = mainlandMobile(x.mobile);
    if (!mobile) return [];
    return [
      {
        messageId: typeof x.sid === 'string' ? x.sid : null,
        mobile,
        status: x.report_status === 'SUCCESS' ? ('delivered' as const) : ('failed' as const),
        code: String(x.errmsg ?? x.report_status ?? ''),
        at: chinaTime(x.user_receive_time) ?? new Date(),
      },
    ];
  });
}

/** Tencent's reply callback: { extend, mobile, nationcode, sign, text, time } (time in Unix seconds), one or a list. */
export function tencentReplyCallback(body: unknown): SmsReply[] {
  return items(body).flatMap((x) => {
    const mobile = mainlandMobile(x.mobile);
    return mobile && typeof x.text === 'string' ? [{ mobile, content: x.text, sentAt: chinaTime(typeof x.time === 'string' ? Number(x.time) : x.time), raw: x }] : [];
  });
}

/** What Tencent expects back from a callback. */
export const TENCENT_CALLBACK_ANSWER = { result: 0, errmsg: 'OK' };
