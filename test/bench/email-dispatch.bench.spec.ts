import { getDataSourceToken } from '@nestjs/typeorm';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigService } from '../../src/config/config.service.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import type { NewOutboxRow } from '../../src/dispatch/outbound-message.js';
import { OutboxService } from '../../src/dispatch/outbox.service.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { CountingSmtpSink } from './support/counting-smtp-sink.js';
import { sampleOrderMail } from './support/order-mail.js';

const M = Number(process.env.BENCH_MAILS ?? 5000);
const WARMUP = 200;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const mail = sampleOrderMail();
const FROM = '冬防指挥部 <no-reply@hazeops.test>';

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

/** The floor: nodemailer's pool, configured as EmailChannel configures it, kept busy by `concurrency` senders. */
async function bareLoop(url: string, concurrency: number, prefix: string, n: number): Promise<number> {
  const options: SMTPPool.Options = { url, pool: true, maxConnections: Math.max(1, Math.min(concurrency, 10)), maxMessages: Infinity, ignoreTLS: true };
  const transport = nodemailer.createTransport(options);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const key = `${prefix}:${i}`;
        await transport.sendMail({
          from: FROM,
          to: `bench-${i}@example.com`,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'X-HazeOps-Idempotency-Key': key },
          messageId: `<${key.replace(/[^A-Za-z0-9.-]/g, '.')}@hazeops>`,
        });
      }
    }),
  );
  const ms = performance.now() - t0;
  transport.close();
  return ms;
}

function rows(prefix: string, n: number): NewOutboxRow[] {
  return Array.from({ length: n }, (_, i) => ({
    idempotencyKey: `${prefix}:${i}`,
    kind: 'notice',
    channel: 'email' as const,
    recipient: `bench-${i}@example.com`,
    enterpriseCode: null,
    orderVersionId: null,
    payload: { subject: mail.subject, text: mail.text, html: mail.html },
  }));
}

interface Receiver {
  url: string;
  keys(): string[];
  clear(): void;
}

const parsing = (sink: SmtpSink): Receiver => ({ url: sink.url, keys: () => sink.idempotencyKeys(), clear: () => void (sink.messages.length = 0) });
const counting = (sink: CountingSmtpSink): Receiver => ({ url: sink.url, keys: () => sink.keys, clear: () => void (sink.keys.length = 0) });

describe(`e-mail dispatch of ${M} order mails through the outbox, beside a bare nodemailer pool`, () => {
  const sink = new SmtpSink();
  const light = new CountingSmtpSink();
  let db: TestDatabase;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    await sink.start();
    await light.start();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await db?.drop();
    await sink.stop();
    await light.stop();
  });

  async function measure(name: string, receiver: Receiver, tag: string): Promise<void> {
    const t = await startTestApp({ SMTP_URL: receiver.url, HAZEOPS_MAIL_FROM: FROM }, { db });
    apps.push(t);
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const enqueue = (r: NewOutboxRow[]) => ds.transaction((m) => t.app.get(OutboxService).enqueue(m, r));
    const { batchSize, concurrency } = t.app.get(ConfigService).dispatch.worker;
    const worker = t.app.get(DispatchWorker);
    const size = Buffer.byteLength(mail.subject) + Buffer.byteLength(mail.text) + Buffer.byteLength(mail.html);

    // Warm both paths up (connections, JIT, the receiver).
    await bareLoop(receiver.url, concurrency, `${tag}-warm-bare`, WARMUP);
    await enqueue(rows(`${tag}-warm-outbox`, WARMUP));
    await worker.drain();
    receiver.clear();

    // Two alternating rounds, so that a burst of load from elsewhere on the machine shows as a spread, not as a verdict.
    const figures: Array<{ bare: number; outbox: number; enqueueMs: number }> = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const bareMs = await bareLoop(receiver.url, concurrency, `${tag}${round}-bare`, M);
      expect(receiver.keys()).toHaveLength(M);
      receiver.clear();

      const e0 = performance.now();
      expect(await enqueue(rows(`${tag}${round}-outbox`, M))).toBe(M);
      const enqueueMs = performance.now() - e0;
      const d0 = performance.now();
      const drained = await worker.drain();
      const drainMs = performance.now() - d0;
      expect(drained).toMatchObject({ claimed: M, sent: M, failed: 0 });
      expect(receiver.keys()).toHaveLength(M);
      expect(new Set(receiver.keys()).size).toBe(M);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'sent' AND idempotency_key LIKE $1`, [`${tag}${round}-outbox:%`]);
      expect(n).toBe(M);
      receiver.clear();
      figures.push({ bare: rate(M, bareMs), outbox: rate(M, drainMs), enqueueMs });
    }

    const best = (k: 'bare' | 'outbox') => Math.max(...figures.map((f) => f[k]));
    console.log(
      [
        `e-mail dispatch to ${name}, ${M} mails of ${(size / 1024).toFixed(1)} KiB (subject+text+html), batchSize ${batchSize}, concurrency ${concurrency}:`,
        ...figures.map(
          (f, i) =>
            `  round ${i + 1}: bare nodemailer pool ${f.bare} mails/s, outbox drain() ${f.outbox} mails/s (${((f.outbox / f.bare) * 100).toFixed(0)} %; enqueue ${Math.round(f.enqueueMs)} ms more)`,
        ),
        `  best of each: ${best('bare')} vs ${best('outbox')} mails/s = ${((best('outbox') / best('bare')) * 100).toFixed(0)} % of the bare loop (target ≥ 80 %)`,
      ].join('\n'),
    );
  }

  it('prints mails/s of each and the ratio (SmtpSink: parses every mail, as the e2e tests do)', () => measure('SmtpSink (mailparser)', parsing(sink), 'p'));

  it("prints mails/s of each and the ratio (a receiver that only counts: the sender's own cost shows)", () => measure('a counting receiver', counting(light), 'c'));
});
