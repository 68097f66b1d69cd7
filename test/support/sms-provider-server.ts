import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the provider received it, after checking its signature. */
export interface SmsProviderRequest {
  provider: 'aliyun' | 'tencent';
  action: string;
  /** Alibaba: the query parameters; Tencent: the JSON body. */
  params: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  host: string;
  /** What the server answered with (OK / Ok or the refusal code). */
  answered: string;
}

/** A message the provider accepted. */
export interface SmsAcceptedMessage {
  provider: 'aliyun' | 'tencent';
  messageId: string;
  mobile: string;
  template: string;
  /** Alibaba: TemplateParam as JSON; Tencent: TemplateParamSet. */
  params: Record<string, string> | string[];
  sentAt: Date;
  delivered: boolean;
  /** Tencent's status queue hands a receipt out once. */
  pulled: boolean;
}

const sha256hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 percent-encoding, as Alibaba's ACS3 canonical query string documents it. */
function acsEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * ACS3-HMAC-SHA256 as Alibaba documents it: CanonicalRequest = method \n URI \n sorted encoded
 * query \n the x-acs-*, host and content-type headers (lower-case, sorted, `k:v\n`) \n their names
 * joined by `;` \n hex SHA-256 of the body; StringToSign = "ACS3-HMAC-SHA256\n" + hex SHA-256 of
 * it; Signature = hex HMAC-SHA256(secret, StringToSign).
 */
export function acs3Signature(p: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: Buffer; secret: string }): {
  signature: string;
  signedHeaders: string;
} {
  const query = Object.keys(p.query)
    .sort()
    .map((k) => `${acsEncode(k)}=${acsEncode(p.query[k]!)}`)
    .join('&');
  const names = Object.keys(p.headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h.startsWith('x-acs-') || h === 'host' || h === 'content-type')
    .sort();
  const canonicalHeaders = names.map((h) => `${h}:${p.headers[h]!.trim()}\n`).join('');
  const canonical = [p.method, p.path, query, canonicalHeaders, names.join(';'), sha256hex(p.body)].join('\n');
  return {
    signature: createHmac('sha256', p.secret)
      .update(`ACS3-HMAC-SHA256\n${sha256hex(canonical)}`)
      .digest('hex'),
    signedHeaders: names.join(';'),
  };
}

/**
 * TC3-HMAC-SHA256 as Tencent documents it: CanonicalRequest = POST \n / \n (empty query) \n
 * content-type and host \n "content-type;host" \n hex SHA-256 of the body; StringToSign =
 * "TC3-HMAC-SHA256\n" + timestamp + "\n" + date/service/tc3_request + "\n" + hex SHA-256 of it; the
 * key derived HMAC("TC3" + SecretKey, date) → service → "tc3_request".
 */
export function tc3Signature(p: { contentType: string; host: string; body: Buffer; timestamp: number; service: string; secretKey: string }): string {
  const date = new Date(p.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = ['POST', '/', '', `content-type:${p.contentType}\nhost:${p.host}\n`, 'content-type;host', sha256hex(p.body)].join('\n');
  const toSign = ['TC3-HMAC-SHA256', String(p.timestamp), `${date}/${p.service}/tc3_request`, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${p.secretKey}`, date), p.service), 'tc3_request');
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Answers like Alibaba Cloud SMS (RPC over POST /?Action=… with ACS3 headers: SendSms,
 * QuerySendDetails) and Tencent Cloud SMS (POST / with X-TC-Action and TC3: SendSms,
 * PullSmsSendStatus) after recomputing each request's signature from the credentials it was
 * given; a bad signature is refused as the provider refuses it. `refuseNext` queues refusal codes
 * (isv.BUSINESS_LIMIT_CONTROL, LimitExceeded.PhoneNumberOneHourLimit); `deliver` marks a message
 * delivered to the handset, so its receipt is answered.
 */
export class SmsProviderServer {
  readonly requests: SmsProviderRequest[] = [];
  readonly messages: SmsAcceptedMessage[] = [];
  /** Requests whose signature (or other check) failed, with the reason. */
  readonly rejected: string[] = [];
  readonly refuseNext: { aliyun: string[]; tencent: string[] } = { aliyun: [], tencent: [] };
  private server: Server | null = null;

  constructor(readonly credentials: { aliyun: { id: string; secret: string }; tencent: { id: string; secret: string; appId: string } }) {}

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** The endpoints to configure: Alibaba at 127.0.0.1, Tencent at sms.localhost (its service name is the first label). */
  get aliyunEndpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get tencentEndpoint(): string {
    return `http://sms.localhost:${this.port}`;
  }

  deliver(messageId: string): void {
    const m = this.messages.find((x) => x.messageId === messageId);
    if (!m) throw new Error(`no message ${messageId}`);
    m.delivered = true;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const answer = (status: number, json: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8' });
          res.end(JSON.stringify(json));
        };
        try {
          if (req.headers['x-tc-action']) this.tencent(req, body, answer);
          else this.aliyun(req, body, answer);
        } catch (err) {
          answer(500, { error: String(err) });
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private aliyun(req: IncomingMessage, body: Buffer, answer: (status: number, json: unknown) => void): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const query: Record<string, string> = {};
    for (const pair of url.search.slice(1).split('&').filter(Boolean)) {
      const [k, v = ''] = pair.split('=');
      query[decodeURIComponent(k!)] = decodeURIComponent(v.replace(/\+/g, '%20'));
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(headers.authorization ?? '');
    const action = headers['x-acs-action'] ?? '';
    const fail = (code: string, why: string) => {
      this.rejected.push(`aliyun ${action}: ${why}`);
      this.requests.push({ provider: 'aliyun', action, params: query, headers: req.headers, host: headers.host ?? '', answered: code });
      answer(400, { Code: code, Message: why, RequestId: requestId });
    };
    if (!auth) return fail('IncompleteSignature', 'no ACS3-HMAC-SHA256 Authorization header');
    if (auth[1] !== this.credentials.aliyun.id) return fail('InvalidAccessKeyId.NotFound', `unknown AccessKeyId ${auth[1]}`);
    if (headers['x-acs-content-sha256'] !== sha256hex(body)) return fail('IncompleteSignature', 'x-acs-content-sha256 does not match the body');
    if (headers['x-acs-version'] !== '2017-05-25') return fail('InvalidVersion', `x-acs-version ${headers['x-acs-version']}`);
    if (!headers['x-acs-signature-nonce'] || !headers['x-acs-date']) return fail('MissingParameter', 'x-acs-signature-nonce and x-acs-date are required');
    const expected = acs3Signature({ method: req.method ?? '', path: url.pathname, query, headers, body, secret: this.credentials.aliyun.secret });
    if (expected.signedHeaders !== auth[2]) return fail('IncompleteSignature', `SignedHeaders ${auth[2]}, expected ${expected.signedHeaders}`);
    if (expected.signature !== auth[3]) return fail('SignatureDoesNotMatch', 'the ACS3 signature does not match');
    const record = (answered: string) => this.requests.push({ provider: 'aliyun', action, params: query, headers: req.headers, host: headers.host ?? '', answered });
    if (action === 'SendSms') {
      const refusal = this.refuseNext.aliyun.shift();
      if (refusal) {
        record(refusal);
        return answer(200, { Code: refusal, Message: refusal === 'isv.BUSINESS_LIMIT_CONTROL' ? '触发小时级流控Permits:5' : refusal, RequestId: requestId });
      }
      const messageId = `${Date.now()}^${randomBytes(4).toString('hex')}`;
      this.messages.push({
        provider: 'aliyun',
        messageId,
        mobile: query.PhoneNumbers ?? '',
        template: query.TemplateCode ?? '',
        params: JSON.parse(query.TemplateParam ?? '{}'),
        sentAt: new Date(),
        delivered: false,
        pulled: false,
      });
      record('OK');
      return answer(200, { Code: 'OK', Message: 'OK', BizId: messageId, RequestId: requestId });
    }
    if (action === 'QuerySendDetails') {
      const found = this.messages.filter((m) => m.provider === 'aliyun' && m.messageId === query.BizId && m.mobile === query.PhoneNumber);
      record('OK');
      const fmt = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
      return answer(200, {
        Code: 'OK',
        Message: 'OK',
        RequestId: requestId,
        TotalCount: found.length,
        SmsSendDetailDTOs: {
          SmsSendDetailDTO: found.map((m) => ({
            PhoneNum: m.mobile,
            SendStatus: m.delivered ? 3 : 1,
            ErrCode: m.delivered ? 'DELIVERED' : '',
            TemplateCode: m.template,
            Content: '',
            SendDate: fmt(m.sentAt),
            ReceiveDate: m.delivered ? fmt(new Date()) : '',
            OutId: '',
          })),
        },
      });
    }
    record('InvalidAction');
    answer(404, { Code: 'InvalidAction.NotFound', Message: action, RequestId: requestId });
  }

  private tencent(req: IncomingMessage, body: Buffer, answer: (status: number, json: unknown) => void): void {
    const action = String(req.headers['x-tc-action']);
    const requestId = randomBytes(16).toString('hex');
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    let params: Record<string, unknown> = {};
    try {
      params = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      params = {};
    }
    const record = (answered: string) => this.requests.push({ provider: 'tencent', action, params, headers: req.headers, host, answered });
    const error = (code: string, message: string) => {
      this.rejected.push(`tencent ${action}: ${message}`);
      record(code);
      answer(200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    };
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
    if (!auth) return error('AuthFailure.SignatureFailure', 'no TC3-HMAC-SHA256 Authorization header');
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (auth[1] !== this.credentials.tencent.id) return error('AuthFailure.SecretIdNotFound', `unknown SecretId ${auth[1]}`);
    if (auth[3] !== 'sms') return error('AuthFailure.SignatureFailure', `credential scope names service ${auth[3]}, not sms`);
    if (auth[4] !== 'content-type;host') return error('AuthFailure.SignatureFailure', `SignedHeaders ${auth[4]}`);
    if (Math.abs(Date.now() / 1000 - timestamp) > 300) return error('AuthFailure.SignatureExpire', 'X-TC-Timestamp is more than 5 minutes off');
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== auth[2]) return error('AuthFailure.SignatureFailure', 'the credential date is not the timestamp’s UTC date');
    if (req.headers['x-tc-version'] !== '2021-01-11') return error('InvalidParameter', `X-TC-Version ${String(req.headers['x-tc-version'])}`);
    const signature = tc3Signature({ contentType: String(req.headers['content-type']), host, body, timestamp, service: 'sms', secretKey: this.credentials.tencent.secret });
    if (signature !== auth[5]) return error('AuthFailure.SignatureFailure', 'the TC3 signature does not match');
    if (params.SmsSdkAppId !== this.credentials.tencent.appId) return error('FailedOperation.SmsSdkAppIdVerifyFail', `SmsSdkAppId ${String(params.SmsSdkAppId)}`);
    if (action === 'SendSms') {
      const phones = (params.PhoneNumberSet as string[] | undefined) ?? [];
      const refusal = this.refuseNext.tencent.shift();
      const set = phones.map((phone) => {
        if (refusal) return { SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: '', Code: refusal, Message: '单个手机号1小时内下发短信条数超过设定的上限', IsoCode: 'CN' };
        const messageId = `2433:${randomBytes(10).toString('hex')}`;
        this.messages.push({
          provider: 'tencent',
          messageId,
          mobile: phone.replace(/^\+86/, ''),
          template: String(params.TemplateId),
          params: (params.TemplateParamSet as string[]) ?? [],
          sentAt: new Date(),
          delivered: false,
          pulled: false,
        });
        return { SerialNo: messageId, PhoneNumber: phone, Fee: 1, SessionContext: String(params.SessionContext ?? ''), Code: 'Ok', Message: 'send success', IsoCode: 'CN' };
      });
      record(refusal ?? 'Ok');
      return answer(200, { Response: { SendStatusSet: set, RequestId: requestId } });
    }
    if (action === 'PullSmsSendStatus') {
      const ready = this.messages.filter((m) => m.provider === 'tencent' && m.delivered && !m.pulled).slice(0, Number(params.Limit ?? 100));
      for (const m of ready) m.pulled = true;
      record('Ok');
      return answer(200, {
        Response: {
          PullSmsSendStatusSet: ready.map((m) => ({
            UserReceiveTime: Math.floor(Date.now() / 1000),
            CountryCode: '86',
            SubscriberNumber: m.mobile,
            PhoneNumber: `+86${m.mobile}`,
            SerialNo: m.messageId,
            ReportStatus: 'SUCCESS',
            Description: '用户短信送达成功',
            SessionContext: '',
          })),
          RequestId: requestId,
        },
      });
    }
    error('InvalidAction', `unknown action ${action}`);
  }
}
