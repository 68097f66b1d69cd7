import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A post as the robot received it, after the server's own checks. */
export interface RobotPostReceived {
  kind: 'dingtalk' | 'wecom';
  at: number;
  body: { msgtype?: string; markdown?: { title?: string; text?: string; content?: string } };
  /** The markdown (DingTalk markdown.text, WeCom markdown.content). */
  markdown: string;
  title: string | null;
  /** What the server answered. */
  errcode: number;
}

/**
 * Answers like a DingTalk custom robot (POST /dingtalk/send?access_token&timestamp&sign) and a WeCom
 * group robot (POST /wecom/send?key): it recomputes DingTalk's 加签 from the secret it was given
 * (HMAC-SHA256 of timestamp + "\n" + secret, base64), checks the timestamp is within an hour, checks
 * the WeCom key and each vendor's markdown payload, and answers `{ errcode, errmsg }`. `refuseNext`
 * queues errcodes (e.g. 130101) to answer instead of 0.
 */
export class RobotServer {
  readonly posts: RobotPostReceived[] = [];
  /** Requests refused by the server's checks (bad sign, wrong key, bad payload), with the reason. */
  readonly rejected: string[] = [];
  readonly refuseNext: number[] = [];
  private server: Server | null = null;

  constructor(readonly credentials: { dingtalkToken: string; dingtalkSecret: string; wecomKey: string }) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = (errcode: number, errmsg: string) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ errcode, errmsg }));
        };
        const reject = (errcode: number, why: string) => {
          this.rejected.push(why);
          answer(errcode, why);
        };
        const url = new URL(req.url ?? '/', 'http://robot');
        let body: RobotPostReceived['body'];
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RobotPostReceived['body'];
        } catch {
          return reject(400, 'body is not JSON');
        }
        if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) return reject(400, 'not a JSON POST');
        if (url.pathname === '/dingtalk/send') {
          if (url.searchParams.get('access_token') !== this.credentials.dingtalkToken) return reject(300001, 'token is not exist');
          const timestamp = url.searchParams.get('timestamp') ?? '';
          if (!/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > 3_600_000) return reject(310000, 'timestamp invalid');
          const expected = createHmac('sha256', this.credentials.dingtalkSecret).update(`${timestamp}\n${this.credentials.dingtalkSecret}`).digest('base64');
          if (url.searchParams.get('sign') !== expected) return reject(310000, 'sign not match');
          if (body.msgtype !== 'markdown' || typeof body.markdown?.title !== 'string' || typeof body.markdown?.text !== 'string' || !body.markdown.text) {
            return reject(40035, 'markdown title and text required');
          }
          const errcode = this.refuseNext.shift() ?? 0;
          this.posts.push({ kind: 'dingtalk', at: Date.now(), body, markdown: body.markdown.text, title: body.markdown.title, errcode });
          return errcode === 0 ? answer(0, 'ok') : answer(errcode, errcode === 130101 ? 'send too fast, exceed 20 times per minute' : 'refused');
        }
        if (url.pathname === '/wecom/send') {
          if (url.searchParams.get('key') !== this.credentials.wecomKey) return reject(93000, 'invalid webhook url');
          const content = body.markdown?.content;
          if (body.msgtype !== 'markdown' || typeof content !== 'string' || !content || Buffer.byteLength(content) > 4096) return reject(40058, 'markdown.content missing or over 4096 bytes');
          const errcode = this.refuseNext.shift() ?? 0;
          this.posts.push({ kind: 'wecom', at: Date.now(), body, markdown: content, title: null, errcode });
          return errcode === 0 ? answer(0, 'ok') : answer(errcode, errcode === 45009 ? 'api freq out of limit' : 'refused');
        }
        reject(404, `no robot at ${url.pathname}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
