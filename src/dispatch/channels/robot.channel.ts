import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { RobotEndpoint } from '../../config/robot-config.js';

/** Vendor codes for "too many messages": DingTalk 130101 (send too fast), WeCom 45009 (api freq out of limit). */
const RATE_LIMITED: Record<RobotEndpoint['kind'], number[]> = { dingtalk: [130101], wecom: [45009] };

/** The robot answered, but with errcode ≠ 0: a failure carrying the vendor's code. */
export class RobotRefusal extends Error {
  constructor(
    readonly errcode: number,
    readonly rateLimited: boolean,
    message: string,
  ) {
    super(message);
  }
}

/**
 * DingTalk 加签: HMAC-SHA256 keyed with the secret over `timestamp + "\n" + secret`, base64
 * (the caller URL-encodes it as the `sign` query parameter). `timestampMs` is epoch milliseconds.
 */
export function dingTalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The URL to POST to: DingTalk with access_token, timestamp and sign; WeCom with key. */
export function robotRequestUrl(endpoint: RobotEndpoint, timestampMs: number): string {
  const url = new URL(endpoint.url);
  if (endpoint.kind === 'dingtalk') {
    url.searchParams.set('access_token', endpoint.token);
    url.searchParams.set('timestamp', String(timestampMs));
    url.searchParams.set('sign', dingTalkSign(timestampMs, endpoint.secret ?? ''));
  } else {
    url.searchParams.set('key', endpoint.token);
  }
  return url.toString();
}

/** The markdown message body each vendor documents. */
export function robotBody(endpoint: RobotEndpoint, title: string, markdown: string): unknown {
  return endpoint.kind === 'dingtalk' ? { msgtype: 'markdown', markdown: { title, text: markdown } } : { msgtype: 'markdown', markdown: { content: markdown } };
}

/** Posts one markdown message to a DingTalk custom robot or a WeCom group robot and checks its answer. */
@Injectable()
export class RobotChannel {
  async send(endpoint: RobotEndpoint, title: string, markdown: string): Promise<string> {
    const res = await fetch(robotRequestUrl(endpoint, Date.now()), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(robotBody(endpoint, title, markdown)),
      signal: AbortSignal.timeout(10_000),
      redirect: 'manual',
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`${endpoint.kind} robot answered HTTP ${res.status}`);
    const text = await res.text();
    let answer: { errcode?: unknown; errmsg?: unknown };
    try {
      answer = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown };
    } catch {
      throw new Error(`${endpoint.kind} robot answered something that is not JSON: ${text.slice(0, 200)}`);
    }
    const errcode = typeof answer.errcode === 'number' ? answer.errcode : Number.NaN;
    const errmsg = typeof answer.errmsg === 'string' ? answer.errmsg : '';
    if (errcode !== 0) {
      throw new RobotRefusal(errcode, RATE_LIMITED[endpoint.kind].includes(errcode), `${endpoint.kind} errcode ${Number.isNaN(errcode) ? String(answer.errcode) : errcode}: ${errmsg}`.slice(0, 500));
    }
    return `${endpoint.kind} errcode 0: ${errmsg}`;
  }
}
