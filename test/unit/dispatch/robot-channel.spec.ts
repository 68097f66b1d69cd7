import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingTalkSign, robotBody, robotRequestUrl } from '../../../src/dispatch/channels/robot.channel.js';

describe('robot requests as the vendors document them', () => {
  const dingtalk = { kind: 'dingtalk' as const, url: 'https://oapi.dingtalk.com/robot/send', token: 'tok', secret: 'SECsecret' };
  const wecom = { kind: 'wecom' as const, url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', token: 'k-1', secret: null };

  it('signs DingTalk with HMAC-SHA256 over timestamp + "\\n" + secret, base64, URL-encoded in sign', () => {
    const ts = 1765339200000;
    const expected = createHmac('sha256', 'SECsecret').update(`${ts}\nSECsecret`).digest('base64');
    expect(dingTalkSign(ts, 'SECsecret')).toBe(expected);
    const url = robotRequestUrl(dingtalk, ts);
    expect(url).toContain(`sign=${encodeURIComponent(expected).replace(/%20/g, '+')}`);
    const q = new URL(url).searchParams;
    expect([q.get('access_token'), q.get('timestamp'), q.get('sign')]).toEqual(['tok', String(ts), expected]);
  });

  it('addresses WeCom by key and sends markdown.content; DingTalk markdown.title and text', () => {
    expect(new URL(robotRequestUrl(wecom, 0)).searchParams.get('key')).toBe('k-1');
    expect(robotBody(wecom, 'T', 'M')).toEqual({ msgtype: 'markdown', markdown: { content: 'M' } });
    expect(robotBody(dingtalk, 'T', 'M')).toEqual({ msgtype: 'markdown', markdown: { title: 'T', text: 'M' } });
  });
});
