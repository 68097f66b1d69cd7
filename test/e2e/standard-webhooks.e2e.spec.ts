import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook, WEBHOOK_SIGNATURE_HEADER } from '../../src/common/webhook-signature.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { ownerQuery } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const plant = sampleEnterprise(701, { industry: 'coking', fuel: null, measures: { orange: [{ line: 'L1', action: 'stop', maxLoadPercent: null }] } });

describe('webhooks signed per Standard Webhooks, verified with the standardwebhooks library (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let server: Server;
  const received: Array<{ status: number; body: string; headers: IncomingHttpHeaders }> = [];
  const answers = [500, 204];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = answers.shift() ?? 204;
        received.push({ status, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    plant.webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hazeops`;
    t = await startTestApp();
    const admin = await t.adminToken();
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [plant] })
      .expect(200);
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '会商结论：橙色预警' })
      .expect(200);
    // First delivery answered 500; the retry (made due at once) is answered 204.
    await t.app.get(DispatchWorker).drain();
    await ownerQuery(t.db.url, `UPDATE outbox SET next_attempt_at = now() WHERE channel = 'webhook' AND status = 'pending'`);
    await t.app.get(DispatchWorker).drain();
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('a delivered webhook verifies with Webhook.verify and the whsec_ secret the API hands out', async () => {
    expect(received.map((r) => r.status)).toEqual([500, 204]);
    const { body: secret } = await t.http
      .get(`/api/v1/enterprises/${plant.code}/webhook-secret`)
      .set('Authorization', await t.adminToken())
      .expect(200);
    expect(secret.standard.headers).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(secret.standard.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const delivered = received[1]!;
    const headers = {
      'webhook-id': String(delivered.headers['webhook-id']),
      'webhook-timestamp': String(delivered.headers['webhook-timestamp']),
      'webhook-signature': String(delivered.headers['webhook-signature']),
    };
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = new Webhook(secret.standard.secret as string).verify(delivered.body, headers);
    expect(payload).toMatchObject({ type: 'hazeops.order.version', enterpriseCode: plant.code, modification: 1 });
  });

  it('a changed body, another enterprise’s secret or a stale timestamp fail verification', async () => {
    const delivered = received[1]!;
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(delivered.headers[h])]));
    const { body: secret } = await t.http
      .get(`/api/v1/enterprises/${plant.code}/webhook-secret`)
      .set('Authorization', await t.adminToken())
      .expect(200);
    const wh = new Webhook(secret.standard.secret as string);
    expect(() => wh.verify(delivered.body.replace('"modification":1', '"modification":2'), headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(delivered.body, headers)).toThrow(WebhookVerificationError);
    expect(() => wh.verify(delivered.body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 3600) })).toThrow(WebhookVerificationError);
  });

  it('the retry carries the same webhook-id (receivers drop duplicates by it), and the deprecated X-HazeOps-Signature still verifies', async () => {
    expect(received[0]!.headers['webhook-id']).toBe(received[1]!.headers['webhook-id']);
    expect(String(received[1]!.headers['webhook-id'])).toMatch(/^msg_[0-9a-f]{32}$/);
    const { body: secret } = await t.http
      .get(`/api/v1/enterprises/${plant.code}/webhook-secret`)
      .set('Authorization', await t.adminToken())
      .expect(200);
    const legacy = received[1]!.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string;
    expect(verifyWebhook(legacy, received[1]!.body, secret.secret as string, Date.now())).toMatchObject({ ok: true });
  });
});
