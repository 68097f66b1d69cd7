import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = { security?: unknown[]; parameters?: Array<{ in?: string }>; requestBody?: unknown; responses?: Record<string, unknown> };

const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };

/** The one error body every failure answers (src/common/http-error.filter.ts). */
const ERROR_BODY_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Machine-readable, e.g. INVALID_INPUT, NOT_FOUND, ENTERPRISE_INVALID' },
        message: { type: 'string', description: 'What went wrong and what to do' },
        details: { description: 'The problems, e.g. [{ field, message }] or a list of messages' },
        detailsTotal: { type: 'integer', description: 'How many problems there were when details lists only the first ones' },
      },
    },
  },
} as const;

const DESCRIPTIONS: Record<string, string> = {
  '400': 'Malformed input (validation, control characters, JSON too deep)',
  '401': 'No valid access token',
  '403': 'The role may not call this',
  '404': 'Not found (or outside the caller’s scope)',
  '409': 'Conflict with the current state (stale version, superseded, concurrent change)',
  '413': 'Body too large',
  '415': 'Unsupported content type',
  '422': 'Well-formed but not acceptable (domain validation)',
  '429': 'Too many attempts; see Retry-After',
  '500': 'Internal error (a bug); the X-Request-Id helps find it',
};

/**
 * Every operation documents the common error body for the statuses the global guard,
 * pipes and filter can answer; explicit per-operation responses are kept.
 */
export function documentErrorResponses(doc: OpenAPIObject): OpenAPIObject {
  doc.components = doc.components ?? {};
  doc.components.schemas = { ...(doc.components.schemas ?? {}), ErrorBody: ERROR_BODY_SCHEMA as never };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const codes = ['400', '422', '500'];
      if (op.security && op.security.length > 0) codes.push('401', '403');
      if (/\{[^}]+\}/.test(path)) codes.push('404');
      if (method !== 'get') codes.push('409');
      if (op.requestBody) codes.push('413', '415');
      if (path.endsWith('/auth/login')) codes.push('401', '429');
      op.responses = op.responses ?? {};
      for (const code of codes.sort()) {
        if (op.responses[code]) continue;
        op.responses[code] = { description: DESCRIPTIONS[code], content: { 'application/json': { schema: ERROR_REF } } };
      }
    }
  }
  return doc;
}
