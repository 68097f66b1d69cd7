import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COUNTIES = ['修武县', '博爱县', '温县'];
const NAMES = ['水泥有限公司', '焦化厂', '化工有限公司', '泥瓦建材厂', '水务公司'];
// Serial numbers spread so that later imports land before and after any cursor.
const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
// Coking plants: red stops more than orange, so a red adjustment writes new versions.
const plant = (n: number) =>
  sampleEnterprise(n, { county: COUNTIES[n % 3], name: `焦作${n}号${NAMES[n % NAMES.length]}`, industry: 'coking', fuel: null, measures: { orange: [stop('L1')], red: [stop('L1'), stop('L2')] } });

interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

describe('keyset paging: orders, registry and directive orders, walked by cursor while rows are written (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let directiveId: string;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  let serial = 1000;

  const get = async <T>(path: string): Promise<Page<T>> => (await t.http.get(path).set('Authorization', admin).expect(200)).body as Page<T>;
  const importPlants = (n: number, step: number) =>
    t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: Array.from({ length: n }, () => plant((serial += step))) })
      .expect(200);

  /** Follows nextCursor to the end, calling `between` after each page; answers every item in order. */
  async function walk<T>(first: string, between: (page: number) => Promise<unknown> = async () => {}): Promise<{ items: T[]; totals: number[] }> {
    const items: T[] = [];
    const totals: number[] = [];
    let page = await get<T>(first);
    for (let i = 0; ; i++) {
      items.push(...page.items);
      totals.push(page.total);
      if (!page.nextCursor) break;
      await between(i);
      page = await get<T>(`${first}${first.includes('?') ? '&' : '?'}cursor=${page.nextCursor}`);
    }
    return { items, totals };
  }

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await t.adminToken();
    await importPlants(60, 7);
    const res = await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', counties: COUNTIES, endsAt: null, basis: '会商' }).expect(200);
    directiveId = res.body.id;
  });
  afterAll(() => t.close());

  it('orders: the cursor walk equals the numbered pages, and writing orders meanwhile neither repeats nor skips a row', async () => {
    const all = await get<{ versionId: string }>('/api/v1/orders?pageSize=500');
    expect(all.total).toBe(60);
    const numbered: string[] = [];
    for (let p = 1; p <= 9; p++) numbered.push(...(await get<{ versionId: string }>(`/api/v1/orders?pageSize=7&page=${p}`)).items.map((i) => i.versionId));
    const quiet = await walk<{ versionId: string }>('/api/v1/orders?pageSize=7');
    expect(quiet.items.map((i) => i.versionId)).toEqual(numbered);
    expect(numbered).toEqual(all.items.map((i) => i.versionId));

    // Between pages: new enterprises and a directive that gives each of them an order (and
    // replaces nobody's current one: it starts later).
    const busy = await walk<{ versionId: string }>('/api/v1/orders?pageSize=7', async (i) => {
      if (i % 3 !== 0) return;
      await importPlants(4, 3);
      await t.http
        .post('/api/v1/directives')
        .set('Authorization', admin)
        .send({ action: 'adjust', level: 'red', counties: [COUNTIES[i % 3]], startsAt: '2026-12-10T18:00:00+08:00', endsAt: null, basis: `升级${i}` })
        .expect(200);
    });
    const ids = busy.items.map((i) => i.versionId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of all.items.map((i) => i.versionId)) expect(ids).toContain(id);
    // The total is the count when the walk began; the list has grown since.
    expect(new Set(busy.totals)).toEqual(new Set([60]));
    expect((await get('/api/v1/orders?pageSize=1')).total).toBeGreaterThan(60);
  });

  it('registry: the walk by code meets every enterprise once while others are imported; text search finds exactly the names that contain the text', async () => {
    const before = (await get<{ code: string }>('/api/v1/enterprises?pageSize=500')).items.map((e) => e.code);
    const { items } = await walk<{ code: string }>('/api/v1/enterprises?pageSize=9', () => importPlants(3, 5));
    const codes = items.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const c of before) expect(codes).toContain(c);

    const everyone = (await get<{ code: string; name: string }>('/api/v1/enterprises?pageSize=500')).items;
    for (const text of ['水泥', '泥', '水泥有限', '有限公司', '焦作10', '不存在的企业']) {
      const found = (await get<{ code: string }>(`/api/v1/enterprises?pageSize=500&text=${encodeURIComponent(text)}`)).items.map((e) => e.code);
      expect(found, text).toEqual(everyone.filter((e) => e.name.includes(text) || e.code.includes(text)).map((e) => e.code));
    }
    expect((await get<{ code: string }>(`/api/v1/enterprises?pageSize=500&text=${encodeURIComponent('水泥')}`)).items.length).toBeGreaterThan(5);
    const code = everyone[3].code;
    const byCode = (await get<{ code: string }>(`/api/v1/enterprises?text=${code.slice(4, 12).toLowerCase()}`)).items.map((e) => e.code);
    expect(byCode).toContain(code);
    // Searching and paging together: the walk of a search is the search.
    const search = await walk<{ code: string }>(`/api/v1/enterprises?pageSize=4&text=${encodeURIComponent('有限')}`);
    expect(search.items.map((e) => e.code)).toEqual(everyone.filter((e) => e.name.includes('有限')).map((e) => e.code));
  });

  it("a directive's orders: the cursor walk equals the numbered pages", async () => {
    const numbered: string[] = [];
    for (let p = 1; p <= 7; p++) numbered.push(...(await get<{ versionId: string }>(`/api/v1/directives/${directiveId}/orders?pageSize=10&page=${p}`)).items.map((i) => i.versionId));
    const { items } = await walk<{ versionId: string }>(`/api/v1/directives/${directiveId}/orders?pageSize=10`);
    expect(items.map((i) => i.versionId)).toEqual(numbered);
    expect(numbered).toHaveLength(60);
  });

  it('a cursor that is not one the list gave out is a 400 that says what to do', async () => {
    const orders = await get<unknown>('/api/v1/orders?pageSize=2');
    const other = await t.http.get(`/api/v1/enterprises?cursor=${orders.nextCursor}`).set('Authorization', admin).expect(400);
    expect(other.body.error.message).toContain('first page without a cursor');
    const forged = Buffer.from(JSON.stringify(['orders', 5, 'x', 'y', 'z', 'not-a-number', 'not-a-uuid'])).toString('base64url');
    await t.http.get(`/api/v1/orders?cursor=${forged}`).set('Authorization', admin).expect(400);
    await t.http.get('/api/v1/orders?cursor=%25%25').set('Authorization', admin).expect(400);
    const registry = await get<unknown>('/api/v1/enterprises?pageSize=2');
    await t.http.get(`/api/v1/directives/${directiveId}/orders?cursor=${registry.nextCursor}`).set('Authorization', admin).expect(400);
  });
});
