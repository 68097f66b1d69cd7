import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server that only reads each message to its end and keeps its
 * X-HazeOps-Idempotency-Key: no MIME parsing, so that in a benchmark the receiver costs
 * little and the sender's own cost shows.
 */
export class CountingSmtpSink {
  readonly keys: string[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 8192) head += chunk.toString('latin1');
        });
        stream.on('end', () => {
          const m = /^X-HazeOps-Idempotency-Key:\s*(.+?)\r?$/im.exec(head);
          this.keys.push(m ? m[1].trim() : '');
          callback();
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server as unknown as { server: { address(): { port: number } } }).server.address().port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
