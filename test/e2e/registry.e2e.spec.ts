import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('registry API (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    ds = t.app.get(getDataSourceToken());
  });
  afterAll(() => t.close());

  it('creates, reads back and lists an enterprise with its lines, contacts and measures', async () => {
    const e = sampleEnterprise(10);
    const created = await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(e).expect(201);
    expect(created.body).toMatchObject({ ...e, active: true, version: 1 });
    const got = await t.http.get(`/api/v1/enterprises/${e.code.toLowerCase()}`).set('Authorization', admin).expect(200);
    expect(got.body.lines).toEqual(e.lines);
    expect(got.body.measures).toEqual(e.measures);
    await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(e).expect(409);
  });

  it('answers 422 listing every problem of a bad enterprise, and writes nothing', async () => {
    const bad = {
      ...sampleEnterprise(11),
      code: codeFor(11).slice(0, 17) + (codeFor(11).endsWith('0') ? '1' : '0'),
      county: '火星区',
      lines: [
        { code: 'L1', name: 'a', capacity: -5, unit: 't/d', cells: null },
        { code: 'L1', name: 'b', capacity: 10, unit: 't/d', cells: null },
      ],
      measures: { purple: [], orange: [{ line: 'L9', action: 'stop', maxLoadPercent: null }] },
      contacts: [{ name: '李四', role: 'env_officer', email: 'not-an-email', phone: null }],
    };
    const res = await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(bad).expect(422);
    expect(res.body.error.code).toBe('ENTERPRISE_INVALID');
    const fields = (res.body.error.details as Array<{ field: string }>).map((d) => d.field);
    for (const f of ['code', 'county', 'lines[0].capacity', 'lines[1].code', 'measures.purple', 'contacts[0].email']) {
      expect(fields).toContain(f);
    }
    // With valid lines, a measure naming a line that does not exist is caught too.
    const badMeasure = await t.http
      .post('/api/v1/enterprises')
      .set('Authorization', admin)
      .send({
        ...sampleEnterprise(11),
        measures: {
          orange: [
            { line: 'L9', action: 'stop', maxLoadPercent: null },
            { line: 'L1', action: 'limit', maxLoadPercent: 120 },
          ],
        },
      })
      .expect(422);
    expect(badMeasure.body.error.details.map((d: { field: string }) => d.field)).toEqual(['measures.orange[0].line', 'measures.orange[1].maxLoadPercent']);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM enterprises WHERE name = $1', [bad.name]);
    expect(n).toBe(0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await t.http.post('/api/v1/enterprises').set('Authorization', admin).set('Content-Type', 'application/json').send('{"code": ').expect(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
  });

  it('updates with the version read; a stale version gets 409 and changes nothing', async () => {
    const e = sampleEnterprise(12);
    await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(e).expect(201);
    const first = await t.http
      .put(`/api/v1/enterprises/${e.code}`)
      .set('Authorization', admin)
      .send({ ...e, name: '改名一', version: 1 })
      .expect(200);
    expect(first.body.version).toBe(2);
    const stale = await t.http
      .put(`/api/v1/enterprises/${e.code}`)
      .set('Authorization', admin)
      .send({ ...e, name: '改名二', version: 1 })
      .expect(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    const viaHeader = await t.http
      .put(`/api/v1/enterprises/${e.code}`)
      .set('Authorization', admin)
      .set('If-Match', 'W/"2"')
      .send({ ...e, name: '改名三' })
      .expect(200);
    expect(viaHeader.body).toMatchObject({ name: '改名三', version: 3 });
    await t.http
      .put(`/api/v1/enterprises/${e.code}`)
      .set('Authorization', admin)
      .send({ ...e, name: 'x' })
      .expect(400);
    await t.http
      .put(`/api/v1/enterprises/${e.code}`)
      .set('Authorization', admin)
      .send({ ...e, code: codeFor(99), version: 3 })
      .expect(400);
  });

  it('deactivates instead of deleting, and lists only active ones by default', async () => {
    const e = sampleEnterprise(13, { county: '温县', industry: 'foundry' });
    await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(e).expect(201);
    const off = await t.http.post(`/api/v1/enterprises/${e.code}/deactivate`).set('Authorization', admin).expect(200);
    expect(off.body.active).toBe(false);
    const listed = await t.http.get('/api/v1/enterprises?county=温县').set('Authorization', admin).expect(200);
    expect(listed.body.total).toBe(0);
    const all = await t.http.get('/api/v1/enterprises?county=温县&includeInactive=true').set('Authorization', admin).expect(200);
    expect(all.body.items.map((x: { code: string }) => x.code)).toEqual([e.code]);
    const audit = await t.http.get(`/api/v1/audit?entityId=${e.code}`).set('Authorization', admin).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['enterprise.deactivate', 'enterprise.create']);
  });

  it('filters by county, industry and text, with paging', async () => {
    for (let i = 20; i < 27; i++) {
      await t.http
        .post('/api/v1/enterprises')
        .set('Authorization', admin)
        .send(sampleEnterprise(i, { county: '孟州市', industry: i % 2 ? 'glass' : 'carbon', name: `孟州${i}号企业` }))
        .expect(201);
    }
    const glass = await t.http.get('/api/v1/enterprises?county=孟州市&industry=glass').set('Authorization', admin).expect(200);
    expect(glass.body.total).toBe(3);
    const page = await t.http.get('/api/v1/enterprises?county=孟州市&pageSize=3&page=3').set('Authorization', admin).expect(200);
    expect(page.body).toMatchObject({ total: 7, page: 3, pageSize: 3 });
    expect(page.body.items).toHaveLength(1);
    const text = await t.http
      .get('/api/v1/enterprises?text=' + encodeURIComponent('孟州23'))
      .set('Authorization', admin)
      .expect(200);
    expect(text.body.items.map((x: { name: string }) => x.name)).toEqual(['孟州23号企业']);
    const bad = await t.http.get('/api/v1/enterprises?pageSize=10000').set('Authorization', admin).expect(400);
    expect(bad.body.error.message).toContain('pageSize');
  });

  it('serves the city reference data and the OpenAPI document', async () => {
    const counties = await t.http.get('/api/v1/counties').set('Authorization', admin).expect(200);
    expect(counties.body).toHaveLength(11);
    expect(counties.body[5]).toEqual({ name: '修武县', code: '410821' });
    const ref = await t.http.get('/api/v1/reference').set('Authorization', admin).expect(200);
    expect(ref.body.levels.map((l: { key: string }) => l.key)).toEqual(['light', 'moderate', 'blue', 'yellow', 'orange', 'red']);
    const doc = await t.http.get('/api/docs-json').expect(200);
    for (const path of ['/api/v1/enterprises', '/api/v1/enterprises/{code}', '/api/v1/registry/import', '/api/v1/auth/login', '/api/v1/orders/preview']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    await t.http.get('/api/docs').expect(200);
  });

  it('answers /health with the database status', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    expect(res.headers['x-request-id']).toMatch(/.+/);
  });
});
