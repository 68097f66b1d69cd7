import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The console's registry filters: grade, exemption, reachable (paged on the server). */
describe('registry filters (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  const graded = sampleEnterprise(801, { grade: 'A' });
  const heating = sampleEnterprise(802, { livelihood: { duty: 'heating', maxLoadPercent: 40, filedOn: '2026-09-20' } });
  const silent = sampleEnterprise(803, { contacts: [] });
  const hooked = sampleEnterprise(804, { contacts: [], webhookUrl: 'https://example.com/hook' });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [graded, heating, silent, hooked] })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const codes = async (query: Record<string, string>) => {
    const res = await t.http.get('/api/v1/enterprises').query(query).set('Authorization', admin).expect(200);
    return (res.body.items as Array<{ code: string }>).map((e) => e.code).sort();
  };

  it('filters by grade, exemption and reachability', async () => {
    expect(await codes({ grade: 'A' })).toEqual([graded.code]);
    expect(await codes({ grade: 'none' })).toEqual([heating.code, silent.code, hooked.code].sort());
    expect(await codes({ exemption: 'livelihood' })).toEqual([heating.code]);
    expect(await codes({ exemption: 'none' })).toEqual([graded.code, silent.code, hooked.code].sort());
    expect(await codes({ reachable: 'false' })).toEqual([silent.code]);
    expect(await codes({ reachable: 'true' })).toEqual([graded.code, heating.code, hooked.code].sort());
    const bad = await t.http.get('/api/v1/enterprises').query({ exemption: 'maybe' }).set('Authorization', admin).expect(400);
    expect(bad.body.error.message).toContain('exemption');
  });
});
