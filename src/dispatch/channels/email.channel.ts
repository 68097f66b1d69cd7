import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { ConfigService } from '../../config/config.service.js';
import type { EmailMessage } from '../outbound-message.js';

/** nodemailer over SMTP_URL with a connection pool sized to the worker's concurrency. */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(private readonly config: ConfigService) {}

  get configured(): boolean {
    return this.config.app.smtpUrl !== null;
  }

  private transporter(): Transporter {
    if (!this.transport) {
      const url = this.config.app.smtpUrl;
      if (!url) throw new Error('SMTP_URL is not configured');
      const concurrency = this.config.dispatch.worker.concurrency;
      const options: SMTPPool.Options = {
        url,
        pool: true,
        maxConnections: Math.max(1, Math.min(concurrency, 10)),
        maxMessages: Infinity,
        // Plain smtp:// stays plain (a local relay); smtps:// is TLS from the start.
        ignoreTLS: url.startsWith('smtp:'),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      };
      this.transport = nodemailer.createTransport(options);
    }
    return this.transport;
  }

  /** Resolves with the server's answer; rejects on any refusal or connection failure. */
  async send(message: EmailMessage, idempotencyKey: string): Promise<string> {
    const info = await this.transporter().sendMail({
      from: this.config.app.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // Receivers (and tests) can drop a duplicate delivery by this header.
      headers: { 'X-HazeOps-Idempotency-Key': idempotencyKey },
      messageId: `<${idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@hazeops>`,
    });
    return String((info as { response?: unknown }).response ?? 'sent');
  }

  onModuleDestroy(): void {
    this.transport?.close();
    this.transport = null;
  }
}
