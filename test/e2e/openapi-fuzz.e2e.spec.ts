import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLinkToken } from '../../src/acknowledgements/signed-link.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; format?: string };
type Operation = { parameters?: Array<{ name: string; in: string; schema?: Schema }>; requestBody?: { content: Record<string, { schema?: Schema }> }; security?: unknown[] };
interface Op {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  op: Operation;
}

const RUNS_PER_OPERATION = 40;

// Values a careless client or an attacker sends: control characters, absurd numbers and dates, wrong types.
const evilString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\u0000', '\u0001\u001f', '\u007f', '', ' ', '-1', '0', '1', '1.5', '1e309', 'NaN', '99999999999999999999', 'true', 'null', '[]', '{}'),
  fc.constantFrom('0999-12-10T20:00:00+08:00', '99999-01-01T00:00:00Z', '2026-13-45T25:61:00+08:00', '2026-12-10', '2026-12'),
  fc.constantFrom("' OR 1=1 --", '../../../etc/passwd', '<script>alert(1)</script>', '%00', 'a'.repeat(5000)),
  fc.uuid(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const evilValue: fc.Arbitrary<unknown> = fc.oneof(
  evilString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, null, true, false),
  fc.array(evilString, { maxLength: 3 }),
  fc.dictionary(evilString, evilString, { maxKeys: 3 }),
);

function deepJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/**
 * Walks every operation of the app's own OpenAPI document with generated invalid input
 * (fast-check), as the commander and anonymously: no answer may be a 5xx, and every JSON
 * error carries the common `{ error: { code, message } }` body.
 */
describe('fuzz: every operation of the OpenAPI document, generated invalid input, never a 5xx (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  const ops: Op[] = [];
  let components: Record<string, Schema> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(sampleEnterprise(901)).expect(201);
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
    components = doc.components?.schemas ?? {};
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) if (item[method]) ops.push({ method, path, op: item[method]! });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const resolve = (s: Schema | undefined): Schema | undefined => (s?.$ref ? components[s.$ref.split('/').pop()!] : s);

  /** A body shaped like the documented one, every field an invalid or odd value (or left out). */
  const bodyFor = (schema: Schema | undefined): fc.Arbitrary<unknown> => {
    const s = resolve(schema);
    if (!s?.properties) return evilValue;
    const keys = Object.keys(s.properties);
    return fc.oneof(fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(evilValue, bodyFor(s.properties![k]!.items ?? s.properties![k]))])), { requiredKeys: [] }), evilValue);
  };

  const send = async (o: Op, params: Record<string, unknown>, query: Record<string, unknown>, body: unknown, auth: boolean, raw?: { type: string; data: string }) => {
    let url = o.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? 'x')));
    const qs = Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
      .join('&');
    if (qs) url += `?${qs}`;
    let req = t.http[o.method](url);
    if (auth) req = req.set('Authorization', admin);
    if (raw) req = req.set('Content-Type', raw.type).send(raw.data);
    else if (body !== undefined && o.method !== 'get') req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
    const res = await req;
    const where = `${o.method.toUpperCase()} ${url.slice(0, 200)} ${raw ? raw.type : JSON.stringify(body)?.slice(0, 200)}`;
    expect(res.status, `${where} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
    if (res.status >= 400 && /json/.test(String(res.headers['content-type']))) {
      expect(typeof res.body?.error?.code, `${where}: error body with a code`).toBe('string');
      expect(typeof res.body?.error?.message, where).toBe('string');
    }
    return res;
  };

  it('walks every documented operation with generated invalid input', async () => {
    expect(ops.length).toBeGreaterThan(40);
    for (const o of ops) {
      const pathParams = (o.op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = (o.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const jsonSchema = o.op.requestBody?.content['application/json']?.schema;
      await fc.assert(
        fc.asyncProperty(
          fc.record(Object.fromEntries(pathParams.map((n) => [n, evilString]))),
          fc.record(Object.fromEntries(queryParams.map((n) => [n, fc.option(evilValue, { nil: undefined })])), { requiredKeys: [] }),
          bodyFor(jsonSchema),
          fc.boolean(),
          async (params, query, body, auth) => {
            await send(o, params, query, body, auth || o.op.security === undefined);
          },
        ),
        { numRuns: RUNS_PER_OPERATION, seed: 20261210, endOnFailure: true },
      );
    }
  });

  it('refuses NUL, control characters, deep JSON and broken text bodies on every write with 4xx', async () => {
    for (const o of ops.filter((x) => x.method !== 'get')) {
      const params = Object.fromEntries((o.op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, 'x']));
      await send(o, params, {}, { username: 'a\u0000b', password: 'p\u0000', basis: '\u0000' }, true);
      await send(o, params, {}, undefined, true, { type: 'application/json', data: deepJson(5000) });
      await send(o, params, {}, undefined, true, { type: 'application/json', data: '{"a":' });
      await send(o, params, {}, undefined, true, { type: 'text/csv', data: 'enterprise_code,line_code,at,kw\n\u0000,L1,2026-12-10T08:00:00+08:00,1\n' });
    }
    const nul = await t.http.post('/api/v1/auth/login').send({ username: 'chief\u0000', password: 'x' }).expect(400);
    expect(nul.body.error.code).toBe('INVALID_INPUT');
    const deep = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"username":${deepJson(5000)}}`)
      .expect(400);
    expect(deep.body.error.message).toContain('deeper');
    await t.http.get('/api/v1/enterprises?text=%00').set('Authorization', admin).expect(400);
    await t.http.get('/api/v1/status-reports?slot=1').set('Authorization', admin).expect(400);
    for (const type of ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/octet-stream']) {
      for (const data of [Buffer.from('PK\u0003\u0004 not really a zip'), Buffer.alloc(64, 0xff), Buffer.from('enterprise_code\n"unterminated')]) {
        const res = await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', type).send(data);
        expect(res.status, `import ${type} → ${res.status} ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `import ${type} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
      }
    }
    // A correctly signed link whose version is not a UUID (it would reach the database).
    const forged = signLinkToken({ orderVersionId: 'not-a-uuid', enterpriseCode: sampleEnterprise(901).code, expiresAt: Date.now() + 3_600_000 }, 'test-secret-test-secret-test-secret-0123');
    for (const req of [t.http.get(`/ack/${forged}`), t.http.post(`/ack/${forged}`), t.http.post(`/ack/${forged}/implementation`).type('form').send({ lineCode: 'L1' })]) {
      const res = await req;
      expect(res.status, `signed non-UUID link → ${res.status}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    // Broken percent-encoding: a path is refused, a query value is read leniently; never a 5xx.
    for (const raw of ['/api/v1/enterprises/%E0%A4%A', '/api/v1/enterprises/%', '/api/v1/orders/%ZZ', '/ack/%00', '/ack/%FF%FE', '/api/v1/enterprises?text=%E0%A4%A']) {
      const res = await t.http.get(raw).set('Authorization', admin);
      expect(res.status, `${raw} → ${res.status}`).toBeLessThan(500);
      if (!raw.includes('?')) expect(res.status, `${raw} → ${res.status}`).toBeGreaterThanOrEqual(400);
    }
  });

  it('a 60 MB invalid import answers 422 with the first problems and their total, not a body too large to serialise', async () => {
    const one = { ...sampleEnterprise(902), code: 'not-a-code', county: '火星县', notes: 'x'.repeat(600) };
    const enterprises = Array.from({ length: 60_000 }, (_, i) => ({ ...one, name: `无效企业${i}` }));
    const body = JSON.stringify({ enterprises });
    expect(body.length).toBeGreaterThan(50_000_000);
    const res = await t.http.post('/api/v1/registry/import').set('Authorization', admin).set('Content-Type', 'application/json').send(body);
    expect(res.status, res.text.slice(0, 300)).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    expect(res.body.error.details).toHaveLength(1000);
    expect(res.body.error.detailsTotal).toBeGreaterThanOrEqual(120_000);
    expect(res.text.length).toBeLessThan(1_000_000);
  });
});
