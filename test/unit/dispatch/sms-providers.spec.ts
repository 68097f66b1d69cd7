import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSmsConfig, type SmsProviderConfig } from '../../../src/config/sms-config.js';
import { AliyunSmsProvider, aliyunReceiptCallback, aliyunReplyCallback } from '../../../src/dispatch/channels/aliyun-sms.provider.js';
import { SmsRefusal, type SmsSendRequest } from '../../../src/dispatch/channels/sms-provider.js';
import { renderSmsText } from '../../../src/dispatch/channels/sms.channel.js';
import { TencentSmsProvider, tencentReceiptCallback, tencentReplyCallback } from '../../../src/dispatch/channels/tencent-sms.provider.js';
import { SmsProviderServer } from '../../support/sms-provider-server.js';

const CREDENTIALS = {
  aliyun: { id: 'LTAI5tTestAccessKey', secret: 'aliyun-test-secret-0123456789' },
  tencent: { id: 'AKIDtestSecretId0123', secret: 'tencent-test-secret-key-0123', appId: '1400123456' },
};

const ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: CREDENTIALS.aliyun.id,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: CREDENTIALS.aliyun.secret,
  TENCENTCLOUD_SECRET_ID: CREDENTIALS.tencent.id,
  TENCENTCLOUD_SECRET_KEY: CREDENTIALS.tencent.secret,
};

function smsYaml(provider: 'aliyun' | 'tencent', endpoint: string) {
  return {
    provider,
    aliyun: {
      endpoint,
      signName: '焦作冬防',
      accessKeyIdEnv: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
      accessKeySecretEnv: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      templates: {
        order: {
          id: 'SMS_465930001',
          params: [
            { name: 'number', value: 'directiveNumber' },
            { name: 'link', value: 'link' },
            { name: 'code', value: 'code' },
          ],
          text: '${number}请打开 ${link} 签收，或回复${code}。',
        },
      },
    },
    tencent: {
      endpoint,
      appId: CREDENTIALS.tencent.appId,
      signName: '焦作冬防',
      secretIdEnv: 'TENCENTCLOUD_SECRET_ID',
      secretKeyEnv: 'TENCENTCLOUD_SECRET_KEY',
      templates: {
        order: {
          id: '2233001',
          params: [
            { name: 'number', value: 'directiveNumber' },
            { name: 'link', value: 'link' },
            { name: 'code', value: 'code' },
          ],
          text: '{1}请打开 {2} 签收，或回复{3}。',
        },
      },
    },
  };
}

function request(p: SmsProviderConfig, mobile = '13800138000'): SmsSendRequest {
  return { mobile, signName: p.signName, template: p.templates.order!, params: { number: '焦冬防指〔2026〕12号', link: 'http://127.0.0.1:3000/a/Ab3dE5gH7k', code: '204816' }, reference: '42' };
}

describe('SMS providers through their official SDKs, against a local server that checks the signature', () => {
  let server: SmsProviderServer;
  beforeAll(async () => {
    server = await new SmsProviderServer(CREDENTIALS).start();
  });
  afterAll(() => server.close());

  describe('Alibaba Cloud SMS (@alicloud/dysmsapi20170525, ACS3-HMAC-SHA256)', () => {
    const config = () => parseSmsConfig(smsYaml('aliyun', server.aliyunEndpoint), ENV).provider!;

    it('SendSms carries the number, signature, template and parameters, signed as Alibaba documents; the BizId comes back', async () => {
      const before = server.requests.length;
      const accepted = await new AliyunSmsProvider(config()).send(request(config()));
      const req = server.requests.at(-1)!;
      expect(server.requests.length).toBe(before + 1);
      expect(server.rejected).toEqual([]);
      expect(req.action).toBe('SendSms');
      expect(req.headers['x-acs-version']).toBe('2017-05-25');
      expect(String(req.headers.authorization)).toMatch(
        /^ACS3-HMAC-SHA256 Credential=LTAI5tTestAccessKey,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
      );
      expect(req.params).toMatchObject({ PhoneNumbers: '13800138000', SignName: '焦作冬防', TemplateCode: 'SMS_465930001', OutId: '42' });
      expect(JSON.parse(String(req.params.TemplateParam))).toEqual({ number: '焦冬防指〔2026〕12号', link: 'http://127.0.0.1:3000/a/Ab3dE5gH7k', code: '204816' });
      expect(accepted.code).toBe('OK');
      expect(accepted.messageId).toBe(server.messages.at(-1)!.messageId);
    });

    it('a request signed with another secret is refused by the server (the check can fail)', async () => {
      const wrong = { ...config(), accessKeySecret: 'not-the-secret' };
      await expect(new AliyunSmsProvider(wrong).send(request(wrong))).rejects.toThrow(/SignatureDoesNotMatch/);
      expect(server.rejected.pop()).toMatch(/signature does not match/);
    });

    it('isv.BUSINESS_LIMIT_CONTROL is a refusal with its code, marked as a rate limit', async () => {
      server.refuseNext.aliyun.push('isv.BUSINESS_LIMIT_CONTROL');
      const err = await new AliyunSmsProvider(config()).send(request(config())).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SmsRefusal);
      expect((err as SmsRefusal).code).toBe('isv.BUSINESS_LIMIT_CONTROL');
      expect((err as SmsRefusal).rateLimited).toBe(true);
      expect((err as SmsRefusal).message).toContain('触发小时级流控');
    });

    it('QuerySendDetails asks by number, BizId and China date; SendStatus 1 is no receipt yet, 3 is delivered', async () => {
      const provider = new AliyunSmsProvider(config());
      const accepted = await provider.send(request(config(), '13900139000'));
      const pending = [{ messageId: accepted.messageId, mobile: '13900139000', sentAt: new Date() }];
      expect(await provider.receipts(pending)).toEqual([]);
      const query = server.requests.at(-1)!;
      expect(query.action).toBe('QuerySendDetails');
      expect(query.params).toMatchObject({ PhoneNumber: '13900139000', BizId: accepted.messageId, SendDate: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '') });
      server.deliver(accepted.messageId);
      const [receipt] = await provider.receipts(pending);
      expect(receipt).toMatchObject({ messageId: accepted.messageId, mobile: '13900139000', status: 'delivered', code: 'DELIVERED' });
      expect(Math.abs(receipt!.at.getTime() - Date.now())).toBeLessThan(5000);
    });

    it('reads the SmsReport and SmsUp callbacks', () => {
      expect(aliyunReceiptCallback([{ phone_number: '13800138000', success: true, err_code: 'DELIVERED', report_time: '2026-12-03 08:03:04', biz_id: '9^1' }])).toEqual([
        { messageId: '9^1', mobile: '13800138000', status: 'delivered', code: 'DELIVERED', at: new Date('2026-12-03T00:03:04Z') },
      ]);
      expect(aliyunReplyCallback([{ phone_number: '13800138000', content: '204816', send_time: '2026-12-03 08:05:00', sign_name: '焦作冬防', dest_code: '1', sequence_id: 7 }])[0]).toMatchObject({
        mobile: '13800138000',
        content: '204816',
        sentAt: new Date('2026-12-03T00:05:00Z'),
      });
    });
  });

  describe('Tencent Cloud SMS (tencentcloud-sdk-nodejs-sms, TC3-HMAC-SHA256)', () => {
    const config = () => parseSmsConfig(smsYaml('tencent', server.tencentEndpoint), ENV).provider!;

    it('SendSms carries +86 number, SmsSdkAppId, signature, template id and positional parameters, signed for service sms', async () => {
      const accepted = await new TencentSmsProvider(config()).send(request(config()));
      const req = server.requests.at(-1)!;
      expect(server.rejected).toEqual([]);
      expect(req.action).toBe('SendSms');
      expect(req.host).toBe('sms.localhost');
      expect(req.headers['x-tc-version']).toBe('2021-01-11');
      expect(req.headers['x-tc-region']).toBe('ap-guangzhou');
      expect(String(req.headers.authorization)).toMatch(
        /^TC3-HMAC-SHA256 Credential=AKIDtestSecretId0123\/\d{4}-\d{2}-\d{2}\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
      );
      expect(req.params).toEqual({
        PhoneNumberSet: ['+8613800138000'],
        SmsSdkAppId: '1400123456',
        SignName: '焦作冬防',
        TemplateId: '2233001',
        TemplateParamSet: ['焦冬防指〔2026〕12号', 'http://127.0.0.1:3000/a/Ab3dE5gH7k', '204816'],
        SessionContext: '42',
      });
      expect(accepted.code).toBe('Ok');
      expect(accepted.messageId).toBe(server.messages.at(-1)!.messageId);
    });

    it('a request signed with another key is refused with AuthFailure.SignatureFailure', async () => {
      const wrong = { ...config(), accessKeySecret: 'not-the-key' };
      const err = await new TencentSmsProvider(wrong).send(request(wrong)).catch((e: unknown) => e);
      expect((err as SmsRefusal).code).toBe('AuthFailure.SignatureFailure');
      expect((err as SmsRefusal).rateLimited).toBe(false);
      expect(server.rejected.pop()).toMatch(/TC3 signature does not match/);
    });

    it('LimitExceeded.PhoneNumberOneHourLimit in the send status is a rate-limit refusal with its code', async () => {
      server.refuseNext.tencent.push('LimitExceeded.PhoneNumberOneHourLimit');
      const err = await new TencentSmsProvider(config()).send(request(config())).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SmsRefusal);
      expect((err as SmsRefusal).code).toBe('LimitExceeded.PhoneNumberOneHourLimit');
      expect((err as SmsRefusal).rateLimited).toBe(true);
    });

    it('PullSmsSendStatus hands out each delivered receipt once, by SerialNo', async () => {
      const provider = new TencentSmsProvider(config());
      const accepted = await provider.send(request(config(), '13700137000'));
      expect(await provider.receipts([])).toEqual([]);
      expect(server.requests.at(-1)).toMatchObject({ action: 'PullSmsSendStatus', params: { Limit: 100, SmsSdkAppId: '1400123456' } });
      server.deliver(accepted.messageId);
      const receipts = await provider.receipts([]);
      expect(receipts).toEqual([expect.objectContaining({ messageId: accepted.messageId, mobile: '13700137000', status: 'delivered', code: '用户短信送达成功' })]);
      expect(await provider.receipts([])).toEqual([]);
    });

    it('reads the status and reply callbacks', () => {
      expect(
        tencentReceiptCallback([{ user_receive_time: '2026-12-03 08:03:04', nationcode: '86', mobile: '13800138000', report_status: 'FAIL', errmsg: 'MK:0001', description: '用户关机', sid: 's1' }]),
      ).toEqual([{ messageId: 's1', mobile: '13800138000', status: 'failed', code: 'MK:0001', at: new Date('2026-12-03T00:03:04Z') }]);
      expect(tencentReplyCallback({ extend: '', mobile: '13800138000', nationcode: '86', sign: '焦作冬防', text: '回复 204816', time: 1796000000 })[0]).toMatchObject({
        mobile: '13800138000',
        content: '回复 204816',
        sentAt: new Date(1796000000 * 1000),
      });
    });
  });

  describe('configuration and text', () => {
    it('provider none needs nothing; a provider names variables that must be set; templates name their placeholders', () => {
      expect(parseSmsConfig(undefined, {}).provider).toBeNull();
      expect(parseSmsConfig({ provider: 'none' }, {}).rateLimits).toEqual({ perMinute: 1, perHour: 5, perDay: 10 });
      expect(() => parseSmsConfig(smsYaml('aliyun', 'http://127.0.0.1:1'), {})).toThrow(/sms\.aliyun\.accessKeyIdEnv names ALIBABA_CLOUD_ACCESS_KEY_ID, which is not set/);
      const bad = smsYaml('tencent', 'http://127.0.0.1:1');
      bad.tencent.templates.order.text = '{1}请签收';
      expect(() => parseSmsConfig(bad, ENV)).toThrow(/sms\.tencent\.templates\.order\.text must contain \{2\}/);
      expect(() => parseSmsConfig({ provider: 'twilio' }, ENV)).toThrow(/sms\.provider must be none, aliyun or tencent/);
      expect(() => parseSmsConfig({ provider: 'none', receiptPollSeconds: 45 }, ENV)).toThrow(/receiptPollSeconds/);
    });

    it('renders the handset text with the signature, counted in characters', () => {
      const p = parseSmsConfig(smsYaml('aliyun', 'http://127.0.0.1:1'), ENV).provider!;
      const text = renderSmsText('aliyun', p.signName, p.templates.order!, { number: '焦冬防指〔2026〕12号', link: 'http://127.0.0.1:3000/a/Ab3dE5gH7k', code: '204816' });
      expect(text).toBe('【焦作冬防】焦冬防指〔2026〕12号请打开 http://127.0.0.1:3000/a/Ab3dE5gH7k 签收，或回复204816。');
      expect([...text].length).toBeLessThanOrEqual(134);
    });
  });
});
