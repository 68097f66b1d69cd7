import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSinkOptions {
  /** Hold each message this long before answering 250 (a slow relay: mail stays in flight). */
  delayMs?: number;
  /** Refuse these recipients at RCPT TO with a permanent 550 (a bouncing address). */
  rejectRecipient?: (address: string) => boolean;
}

/** A real SMTP server for tests: it accepts everything and keeps the parsed messages. */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  /** Connection errors (e.g. a client killed mid-transaction); kept, never thrown. */
  readonly errors: Error[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  constructor(private readonly options: SmtpSinkOptions = {}) {}

  async start(port = 0): Promise<this> {
    const { delayMs = 0, rejectRecipient } = this.options;
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (rejectRecipient?.(address.address)) {
          const err = new Error(`550 5.1.1 <${address.address}>: recipient refused`) as Error & { responseCode: number };
          err.responseCode = 550;
          callback(err);
          return;
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
            this.messages.push(mail);
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => {
        this.server!.off('error', reject);
        resolve();
      });
    });
    // A client that dies mid-transaction makes the server emit 'error'; unheard, it would crash the test process.
    this.server.on('error', (err: Error) => this.errors.push(err));
    const address = (this.server as unknown as { server: { address(): { port: number } } }).server.address();
    this.port = address.port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((m) => {
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
      return to.some((t) => t.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()));
    });
  }

  /** The X-HazeOps-Idempotency-Key of every message received, in arrival order (duplicates included). */
  idempotencyKeys(): string[] {
    return this.messages.map((m) => String(m.headers.get('x-hazeops-idempotency-key') ?? ''));
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
