import type { LoggerService } from '@nestjs/common';
import { currentRequestId } from './request-context.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON object per line on stdout, with the request id when there is one. */
export class JsonLogger implements LoggerService {
  constructor(private readonly minLevel: Level = 'info') {}

  private write(level: Level, message: unknown, context: unknown, extra?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.minLevel]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level };
    const requestId = currentRequestId();
    if (requestId) entry.requestId = requestId;
    if (typeof context === 'string') entry.context = context;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (extra) Object.assign(entry, extra);
    process.stdout.write(JSON.stringify(entry) + '\n');
  }

  /** Nest passes (message, ...optionalParams) where the last string is the context. */
  private split(params: unknown[]): { context: unknown; stack?: string } {
    if (params.length === 0) return { context: undefined };
    const context = params[params.length - 1];
    const stack = params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
    return { context, stack };
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, this.split(params).context);
  }
  error(message: unknown, ...params: unknown[]): void {
    const { context, stack } = this.split(params);
    this.write('error', message, context, stack ? { stack } : undefined);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, this.split(params).context);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, this.split(params).context);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, this.split(params).context);
  }
}
