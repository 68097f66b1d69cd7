import { Logger, PinoLogger, type Params } from 'nestjs-pino';
import { pino } from 'pino';
import type { AppConfig } from '../config/app-config.js';

export type LogLevel = AppConfig['logLevel'];

/** Credentials a logged request, response or object may carry; pino replaces them before the line is written. */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
];

/** The service's log format: one JSON object per line on stdout, `time` in ISO 8601, `level` spelled out. */
export function pinoOptions(level: LogLevel): pino.LoggerOptions {
  return {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
}

/** What the composition root needs: Nest's logger, and the pino side for the request middleware. */
export interface AppLogger {
  nest: Logger;
  pino: PinoLogger;
  root: pino.Logger;
}

/**
 * nestjs-pino's Logger for Nest (`new Logger('context')` anywhere ends up here). Lines written
 * while a request runs carry its `requestId` (see request-logging.middleware.ts).
 */
export function createLogger(level: LogLevel): AppLogger {
  const params: Params = { pinoHttp: pinoOptions(level) };
  const pinoLogger = new PinoLogger(params);
  // nestjs-pino keeps one root logger per process, built by the first caller; a later app in the
  // same process (tests, the CLI) still gets the level it asked for.
  PinoLogger.root.level = level;
  return { nest: new Logger(pinoLogger, params), pino: pinoLogger, root: PinoLogger.root };
}
