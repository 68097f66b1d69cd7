import { writeFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Json }> }> }>>; components: { schemas: Record<string, Json> } };

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201b8a4e1c30000000049454e44ae426082', 'hex');

/** `/api/v1/tasks/3f…` → the documented path `/api/v1/tasks/{id}` of that method. */
function documentedPath(doc: Doc, method: string, url: string): string | null {
  const path = url.split('?')[0]!;
  for (const p of Object.keys(doc.paths)) {
    if (!doc.paths[p]![method]) continue;
    const re = new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(path)) return p;
  }
  return null;
}

/**
 * Real answers of a sample of operations — commander, county officer, enterprise and
 * inspector, over a registry, a directive, a draw, a finding with a photo — are checked
 * against the schema each operation documents for that status (ajv, strict about
 * undocumented fields: additionalProperties false where the document says so).
 */
describe('OpenAPI: real responses match the documented schemas (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let doc: Doc;
  let ajv: Ajv;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const checked: string[] = [];
  const validators = new Map<string, ValidateFunction>();
  const plants = Array.from({ length: 6 }, (_, i) =>
    sampleEnterprise(950 + i, { code: codeFor(950 + i), county: i % 2 ? '博爱县' : '修武县', industry: 'coking', fuel: null, measures: { orange: [stop('L1')] } }),
  );

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    doc = (await t.http.get('/api/docs-json').expect(200)).body as Doc;
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // Strict about shape: a field the document does not name is a mismatch too.
    const closed = (schema: Json): Json => {
      const copy = JSON.parse(JSON.stringify(schema)) as Json;
      const walk = (s: Json): void => {
        if (s.properties && s.additionalProperties === undefined) s.additionalProperties = false;
        for (const v of Object.values(s)) if (v && typeof v === 'object') walk(v as Json);
      };
      walk(copy);
      return copy;
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(name === 'ErrorBody' ? schema : closed(schema), `#/components/schemas/${name}`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const validatorFor = (method: string, url: string, status: number): ValidateFunction | string => {
    const path = documentedPath(doc, method, url);
    if (!path) return `${method.toUpperCase()} ${url}: not in the document`;
    const response = doc.paths[path]![method]!.responses?.[String(status)];
    if (!response) return `${method.toUpperCase()} ${path}: status ${status} not documented`;
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return `${method.toUpperCase()} ${path} ${status}: no JSON schema documented`;
    const key = `${method} ${path} ${status}`;
    let v = validators.get(key);
    if (!v) {
      // Refs point into the components added above.
      v = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/components/schemas/')));
      validators.set(key, v);
    }
    return v;
  };

  const call = async (method: 'get' | 'post' | 'put' | 'patch', url: string, auth: string | null, body?: unknown, type?: string): Promise<Json & { _status: number }> => {
    let req = t.http[method](url);
    if (auth) req = req.set('Authorization', auth);
    if (type) req = req.set('Content-Type', type);
    if (body !== undefined) req = req.send(body as object);
    const res = await req;
    if (process.env.OPENAPI_DUMP) {
      checked.push(`${method.toUpperCase()} ${documentedPath(doc, method, url)} ${res.status}`);
      writeFileSync(`/tmp/openapi-dump-${String(checked.length).padStart(2, '0')}.json`, JSON.stringify({ url, status: res.status, body: res.body }, null, 1));
      return Object.assign((res.body ?? {}) as Json, { _status: res.status });
    }
    const v = validatorFor(method, url, res.status);
    if (typeof v === 'string') {
      expect.soft(v).toBe('documented');
      return Object.assign((res.body ?? {}) as Json, { _status: res.status });
    }
    const ok = v(res.body);
    expect
      .soft(
        ok,
        `${method.toUpperCase()} ${url} ${res.status}: ${(v.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('; ')}\n${JSON.stringify(res.body).slice(0, 600)}`,
      )
      .toBe(true);
    checked.push(`${method.toUpperCase()} ${documentedPath(doc, method, url)} ${res.status}`);
    return Object.assign(res.body as Json, { _status: res.status });
  };

  it('checks the answers of a day of work against the document', async () => {
    const admin = await t.adminToken();
    await call('get', '/health', null);
    await call('get', '/health/live', null);
    const login = await call('post', '/api/v1/auth/login', null, { username: 'nobody', password: 'wrong' });
    expect(login._status).toBe(401);
    await call('get', '/api/v1/counties', admin);
    await call('get', '/api/v1/reference', admin);
    await call('get', '/api/v1/seasons', admin);
    await call('get', '/api/v1/seasons/2026-2027/calendar', admin);
    await call('post', '/api/v1/registry/import', admin, { enterprises: plants }, 'application/json');
    const bad = await call('post', '/api/v1/registry/import', admin, { enterprises: [{ ...plants[0], code: 'x' }] }, 'application/json');
    expect(bad._status).toBe(422);
    const created = await call('post', '/api/v1/enterprises', admin, sampleEnterprise(970));
    expect(created._status).toBe(201);
    await call('get', '/api/v1/enterprises?page=1&pageSize=2', admin);
    const one = await call('get', `/api/v1/enterprises/${plants[0]!.code}`, admin);
    await call('put', `/api/v1/enterprises/${plants[0]!.code}`, admin, { ...plants[0], name: '改名后的焦化厂', version: one.version });
    await call('get', `/api/v1/enterprises/${plants[0]!.code}/webhook-secret`, admin);
    await call('post', `/api/v1/enterprises/${codeFor(970)}/deactivate`, admin);
    await call('post', `/api/v1/enterprises/${codeFor(970)}/activate`, admin);
    expect((await call('get', '/api/v1/enterprises/000000000000000000', admin))._status).toBe(404);

    await call('post', '/api/v1/users', admin, { username: 'county1', password: 'county-pass-1', role: 'county_officer', county: '修武县' });
    await call('post', '/api/v1/users', admin, { username: 'plant0', password: 'plant-pass-1', role: 'enterprise', enterpriseCode: plants[0]!.code });
    await call('get', '/api/v1/users', admin);
    const county = await t.login('county1', 'county-pass-1');
    const plant = await t.login('plant0', 'plant-pass-1');

    await call('post', '/api/v1/orders/preview', admin, { enterpriseCode: plants[0]!.code, at: '2026-12-10T12:00:00+08:00', level: 'orange' });
    await call('post', '/api/v1/levels/recommend', admin, {
      series: [{ county: '修武县', points: Array.from({ length: 48 }, (_, h) => ({ at: new Date(Date.parse('2026-12-10T00:00:00+08:00') + h * 3_600_000).toISOString(), aqi: 320 })) }],
    });
    await call('post', '/api/v1/power-readings', admin, { readings: [{ enterpriseCode: plants[0]!.code, lineCode: 'L1', at: '2026-12-05T12:00:00+08:00', kw: 1000 }] });
    const dry = await call('post', '/api/v1/directives', admin, { action: 'issue', level: 'orange', counties: ['修武县', '博爱县'], endsAt: null, basis: '橙色预警', dryRun: true });
    expect(dry.dryRun).toBe(true);
    const issued = await call('post', '/api/v1/directives', admin, { action: 'issue', level: 'orange', counties: ['修武县', '博爱县'], endsAt: null, basis: '橙色预警' });
    const backwards = await call('post', '/api/v1/directives', admin, {
      action: 'issue',
      level: 'blue',
      counties: ['修武县'],
      startsAt: '2026-12-11T10:00:00+08:00',
      endsAt: '2026-12-11T08:00:00+08:00',
      basis: '时间颠倒',
    });
    expect(backwards._status).toBe(422);
    const conflict = await call('post', '/api/v1/directives', admin, { action: 'lift', counties: ['温县'], basis: '无预警可解除' });
    expect(conflict._status).toBe(409);
    await call('get', '/api/v1/directives', admin);
    await call('get', '/api/v1/directives/levels', county);
    await call('get', `/api/v1/directives/${issued.id}/progress`, admin);
    await call('get', `/api/v1/directives/${issued.id}/reduction`, admin);
    await call('get', `/api/v1/directives/${issued.id}/reduction?at=2026-12-10T09:00:00%2B08:00`, county);
    const orders = await call('get', '/api/v1/orders', plant);
    const order = (orders.items as Array<{ orderId: string; modification: number }>)[0]!;
    await call('get', `/api/v1/orders/${order.orderId}`, plant);
    const version = `/api/v1/orders/${order.orderId}/versions/${order.modification}`;
    const phoned = await call('post', `${version}/phone-notices`, county, {
      calledName: '张三（环保专员）',
      phone: '13800000000',
      calledAt: '2026-12-10T10:00:00+08:00',
      answeredBy: '李四（值班长）',
    });
    expect(phoned._status).toBe(201);
    await call('get', `${version}/phone-notices`, plant);
    const proof = await call('get', `${version}/delivery-evidence`, admin);
    expect(proof.proofAsOfNow).not.toBeNull();
    await call('post', `/api/v1/orders/${order.orderId}/versions/${order.modification}/acknowledge`, plant);
    await call('post', `/api/v1/orders/${order.orderId}/versions/${order.modification}/implementation`, plant, { lines: [{ line: 'L1', stoppedAt: '2026-12-10T10:30:00+08:00' }] });
    await call('post', '/api/v1/status-reports', plant, { lines: [{ line: 'L1', state: 'stopped' }] });
    await call('get', '/api/v1/status-reports', admin);
    await call('get', '/api/v1/alerts', county);
    await call('get', '/api/v1/audit?entityType=directive', admin);
    await call('get', '/api/v1/status-reports?history=true', plant);
    const alerts = await call('get', '/api/v1/alerts?status=all', admin);
    const open = (alerts.items as Array<{ id: string; resolvedAt: string | null }>).find((a) => a.resolvedAt === null);
    if (open) expect((await call('post', `/api/v1/alerts/${open.id}/resolve`, admin, { note: '已电话核实' }))._status).toBe(200);
    const viewer = await call('post', '/api/v1/users', admin, { username: 'viewer1', password: 'viewer-pass-1', role: 'viewer' });
    await call('patch', `/api/v1/users/${viewer.id}`, admin, { role: 'county_officer', county: '温县' });
    await call('post', `/api/v1/users/${viewer.id}/deactivate`, admin);
    await call('post', `/api/v1/users/${viewer.id}/activate`, admin);
    expect(typeof (await call('post', `/api/v1/users/${viewer.id}/reset-password`, admin)).temporaryPassword).toBe('string');
    // Contacts of people and the duty roster (issue 13, item 8).
    await call('patch', `/api/v1/users/${viewer.id}/contacts`, admin, { mobile: '13900000009', email: 'viewer1@example.gov.cn' });
    await call('patch', '/api/v1/users/me/contacts', admin, { email: 'chief@example.gov.cn', workChatId: 'chief' });
    expect((await call('patch', '/api/v1/users/me/contacts', admin, { mobile: '123' }))._status).toBe(422);
    const me = (await call('get', '/api/v1/users?role=commander', admin)).items as Array<{ id: string }>;
    const shift = await call('post', '/api/v1/duty/shifts', admin, { startsAt: '2026-12-10T08:00:00+08:00', endsAt: '2026-12-10T20:00:00+08:00', dutyOfficerId: me[0]!.id, shiftLeaderId: me[0]!.id });
    await call('put', `/api/v1/duty/shifts/${shift.id}`, admin, {
      startsAt: '2026-12-10T08:00:00+08:00',
      endsAt: '2026-12-10T20:00:00+08:00',
      dutyOfficerId: me[0]!.id,
      shiftLeaderId: me[0]!.id,
      note: '白班',
    });
    expect(
      (await call('post', '/api/v1/duty/shifts', admin, { startsAt: '2026-12-10T19:00:00+08:00', endsAt: '2026-12-11T08:00:00+08:00', dutyOfficerId: me[0]!.id, shiftLeaderId: me[0]!.id }))._status,
    ).toBe(409);
    await call('post', '/api/v1/duty/shifts', admin, { startsAt: '2026-12-10T20:00:00+08:00', endsAt: '2026-12-11T08:00:00+08:00', dutyOfficerId: me[0]!.id, shiftLeaderId: me[0]!.id });
    await call('post', `/api/v1/duty/shifts/${shift.id}/handover`, admin, { notes: '交接：两家企业待催办' });
    expect((await call('post', `/api/v1/duty/shifts/${shift.id}/swap`, admin, { position: 'duty_officer', userId: me[0]!.id, reason: '同一人' }))._status).toBe(422);
    await call('get', '/api/v1/duty/shifts?from=2026-12-10T00:00:00%2B08:00&to=2026-12-12T00:00:00%2B08:00', admin);
    await call('get', '/api/v1/duty/on-duty?at=2026-12-10T09:00:00%2B08:00', admin);
    await call('get', '/api/v1/duty/on-duty?at=2026-12-20T09:00:00%2B08:00', admin);
    expect((await call('get', '/api/v1/audit/verify', admin)).ok).toBe(true);

    await call('post', '/api/v1/teams', admin, { key: 'team-a', name: '第一督导组', homeCounty: '温县' });
    await call('get', '/api/v1/teams', admin);
    await call('post', '/api/v1/users', admin, { username: 'insp1', password: 'inspector-pass', role: 'inspector', team: 'team-a' });
    const inspector = await t.login('insp1', 'inspector-pass');
    const draw = await call('post', '/api/v1/draws', admin, { size: 2, seed: 'openapi' });
    await call('get', `/api/v1/draws/${draw.id}`, admin);
    await call('post', `/api/v1/draws/${draw.id}/verify`, admin);
    const task = await call('post', '/api/v1/tasks', admin, { enterpriseCode: plants[1]!.code, team: 'team-a', reason: '群众举报' });
    await call('get', '/api/v1/tasks', inspector);
    await call('get', `/api/v1/tasks/${task.id}`, inspector);
    const finding = await call('post', `/api/v1/tasks/${task.id}/findings`, inspector, { lineCode: 'L1', observedState: 'running', observedAt: '2026-12-10T10:00:00+08:00' });
    await call('post', `/api/v1/findings/${finding.id}/evidence`, inspector, PNG, 'image/png');
    await call('get', `/api/v1/findings/${finding.id}/evidence`, inspector);
    await call('get', '/api/v1/findings', admin);
    const ledger = await call('get', '/api/v1/ledger?month=2026-12', admin);
    await call('get', '/api/v1/ledger/ranking?month=2026-12', admin);
    const entry = (ledger.items as Array<{ id: string }> | undefined)?.[0] ?? (Array.isArray(ledger) ? (ledger as unknown as Array<{ id: string }>)[0] : undefined);
    if (entry) await call('post', `/api/v1/ledger/${entry.id}/void`, admin, { reason: '复核后撤销' });
    await call('get', '/api/v1/reports/daily?date=2026-12-10&format=json', admin);
    const quality = await call('get', '/api/v1/registry/quality?pageSize=5', admin);
    expect((quality.items as unknown[]).length).toBeGreaterThan(0);
    expect((await call('get', '/api/v1/registry/quality?kind=nonsense', admin))._status).toBe(400);
    const season = ['date,county,aqi', ...['2026-12-10', '2026-12-11', '2026-12-12'].map((d, i) => `${d},410821,${[320, 330, 310][i]}`)].join('\n');
    const simulation = await call('post', '/api/v1/simulations/season', admin, { csv: season, overlay: { grading: { grades: { D: { levels: { orange: 'listed' } } } } } });
    expect((simulation.series as unknown[]).length).toBe(3);
    expect((await call('post', '/api/v1/simulations/season', admin, { csv: 'date,county,aqi\nx,1,y' }))._status).toBe(422);
    expect(new Set(checked).size).toBeGreaterThanOrEqual(45);
  });

  it('every operation documents its success body and the common error body; optional parameters are optional', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item) as Array<
        [string, { responses?: Record<string, { content?: Record<string, { schema?: Json }> }>; parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Json }> }]
      >) {
        const responses = op.responses ?? {};
        const success = Object.keys(responses).filter((c) => /^2\d\d$/.test(c));
        if (success.length === 0) problems.push(`${method} ${path}: no success response`);
        for (const c of success) {
          if (c === '204') continue; // No Content: HTTP forbids a body
          const content = responses[c]!.content ?? {};
          if (!Object.values(content).some((m) => m.schema)) problems.push(`${method} ${path} ${c}: no body schema`);
        }
        for (const c of ['400', '422', '500']) {
          if (responses[c]?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBody') problems.push(`${method} ${path}: ${c} without the error body`);
        }
        for (const p of op.parameters ?? []) {
          if (p.in === 'query' && p.required) problems.push(`${method} ${path}: query ${p.name} marked required`);
          if (['page', 'pageSize', 'limit'].includes(p.name) && p.schema?.type !== 'integer') problems.push(`${method} ${path}: ${p.name} is not an integer`);
        }
      }
    }
    expect(problems).toEqual([]);
    const recommend = doc.paths['/api/v1/levels/recommend']!.post as unknown as { requestBody: { content: Record<string, { schema: Json }> } };
    expect(JSON.stringify(recommend.requestBody.content['application/json']!.schema)).toContain('RecommendLevelDto');
    expect(JSON.stringify(doc.components.schemas.RecommendLevelDto)).toContain('AqiSeriesDoc');
    const power = doc.paths['/api/v1/power-readings']!.post as unknown as { requestBody?: unknown };
    expect(JSON.stringify(power.requestBody)).toContain('PowerReadingsDoc');
  });
});
