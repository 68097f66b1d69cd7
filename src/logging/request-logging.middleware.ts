import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { AppLogger } from './logger.js';
import { requestContext } from './request-context.js';

const VALID_ID = /^[A-Za-z0-9._:-]{1,64}$/;
// An acknowledgement link's token is a credential: the log names the route, not the token.
const ACK_TOKEN = /^(\/(?:api\/v1\/)?ack\/)[^/]+/;

function pathOf(req: Request): string {
  return req.originalUrl.split('?')[0]!.replace(ACK_TOKEN, '$1:token');
}

function requestLine(req: Request, res: Response, responseTime: unknown): Record<string, unknown> {
  return { context: 'http', method: req.method, path: pathOf(req), status: res.statusCode, ms: responseTime };
}

/**
 * Accepts a caller's X-Request-Id (when sane) or makes one, echoes it, and logs each request once
 * (`msg: "request"`, method, path without the query, status, ms). Every line written while the
 * request runs carries `requestId`, and `currentRequestId()` (the audit log) answers it.
 */
export function requestLoggingMiddleware(logger: AppLogger) {
  const http = pinoHttp<Request, Response>({
    logger: logger.root,
    customAttributeKeys: { reqId: 'requestId' },
    // Bind only the id: the request and response objects are not logged (their headers carry credentials).
    quietReqLogger: true,
    quietResLogger: true,
    genReqId: (req, res) => {
      const incoming = req.header('x-request-id');
      const requestId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', requestId);
      return requestId;
    },
    customSuccessMessage: () => 'request',
    customSuccessObject: (req, res, val: { responseTime?: unknown }) => requestLine(req, res, val.responseTime),
    customErrorMessage: () => 'request',
    customErrorObject: (req, res, err, val: { responseTime?: unknown }) => ({ ...requestLine(req, res, val.responseTime), err }),
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    http(req, res, () => {
      const requestId = String(req.id);
      requestContext.run({ requestId }, () => logger.pino.runInContext(next, { bindings: { requestId } }));
    });
  };
}
