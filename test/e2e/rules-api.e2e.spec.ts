import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('rules API: order preview, season calendar, level recommendation (HTTP)', () => {
  let t: TestApp;
  let admin: string;
  const cement = sampleEnterprise(300); // L1 4500 t/d, L2 2500 t/d; orange stops L1, red stops both
  const other = sampleEnterprise(301, { county: '温县' });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    for (const e of [cement, other]) await t.http.post('/api/v1/enterprises').set('Authorization', admin).send(e).expect(201);
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'xiuwu2', password: 'county-password-2', role: 'county_officer', county: '修武县' }).expect(201);
    await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'plant300', password: 'plant-password-3', role: 'enterprise', enterpriseCode: cement.code }).expect(201);
  });
  afterAll(() => t.close());

  it('a kiln enterprise in the full-stop phase stops every line, with kiln banking forbidden and clause 43 cited', async () => {
    const res = await t.http.post('/api/v1/orders/preview').set('Authorization', admin).send({ enterpriseCode: cement.code, at: '2026-12-10T08:00:00+08:00', level: 'none' }).expect(200);
    expect(res.body).toMatchObject({ enterpriseCode: cement.code, level: 'none', phase: 'full_stop', seasonGroup: 'kiln', season: '2026-2027', stoppedCapacityPercent: 100 });
    for (const line of res.body.lines) {
      expect(line).toMatchObject({ action: 'stop', noKilnBanking: true });
      expect(line.reasons[0]).toMatchObject({ rule: 'season.kiln.full_stop', clause: '43' });
    }
  });

  it('the boundary is local midnight: Oct 31 23:59 +08:00 runs, Nov 1 00:00 (Oct 31 16:00 UTC) stops', async () => {
    const before = await t.http.post('/api/v1/orders/preview').set('Authorization', admin).send({ enterpriseCode: cement.code, at: '2026-10-31T15:59:59Z', level: 'none' }).expect(200);
    expect(before.body.phase).toBe('before');
    expect(before.body.lines.map((l: { action: string }) => l.action)).toEqual(['run', 'run']);
    const after = await t.http.post('/api/v1/orders/preview').set('Authorization', admin).send({ enterpriseCode: cement.code, at: '2026-10-31T16:00:00Z', level: 'none' }).expect(200);
    expect(after.body.phase).toBe('full_stop');
  });

  it('in the limit phase, 50% by whole lines: the 4500 t/d line (64.29%) is the smallest overshoot', async () => {
    const res = await t.http.post('/api/v1/orders/preview').set('Authorization', admin).send({ enterprise: cement, at: '2027-02-10T08:00:00+08:00', level: 'none' }).expect(200);
    expect(res.body.phase).toBe('limit');
    expect(res.body.lines.map((l: { code: string; action: string }) => [l.code, l.action])).toEqual([
      ['L1', 'stop'],
      ['L2', 'run'],
    ]);
    expect(res.body.stoppedCapacityPercent).toBe(64.29);
  });

  it('a red warning in the limit phase stops both lines through the measures (inheriting orange)', async () => {
    const res = await t.http.post('/api/v1/orders/preview').set('Authorization', admin).send({ enterprise: cement, at: '2027-02-10T08:00:00+08:00', level: 'red' }).expect(200);
    expect(res.body.stoppedCapacityPercent).toBe(100);
    const l2 = res.body.lines.find((l: { code: string }) => l.code === 'L2');
    expect(l2.action).toBe('stop');
    expect(l2.reasons.map((r: { clause: string }) => r.clause)).toContain('41');
  });

  it('answers 4xx with the error body for bad input', async () => {
    const noZone = await t.http.post('/api/v1/orders/preview').set('Authorization', admin).send({ enterpriseCode: cement.code, at: '2026-12-10T08:00:00', level: 'red' }).expect(400);
    expect(noZone.body.error.message).toContain('offset');
    const badLevel = await t.http.post('/api/v1/orders/preview').set('Authorization', admin).send({ enterpriseCode: cement.code, at: '2026-12-10T08:00:00Z', level: 'purple' }).expect(400);
    expect(badLevel.body.error.message).toContain('level must be one of');
    const both = await t.http
      .post('/api/v1/orders/preview')
      .set('Authorization', admin)
      .send({ enterprise: cement, enterpriseCode: cement.code, at: '2026-12-10T08:00:00Z', level: 'red' })
      .expect(400);
    expect(both.body.error.message).toContain('either');
    const invalid = await t.http
      .post('/api/v1/orders/preview')
      .set('Authorization', admin)
      .send({ enterprise: { ...cement, lines: [] }, at: '2026-12-10T08:00:00Z', level: 'red' })
      .expect(422);
    expect(invalid.body.error.details[0].field).toBe('enterprise.lines');
    await t.http.post('/api/v1/orders/preview').set('Authorization', admin).send({ enterpriseCode: '91410821MA0000000X', at: '2026-12-10T08:00:00Z', level: 'red' }).expect(404);
  });

  it('scopes: a county officer previews its county only; an enterprise may not preview', async () => {
    const officer = await t.login('xiuwu2', 'county-password-2');
    await t.http.post('/api/v1/orders/preview').set('Authorization', officer).send({ enterpriseCode: cement.code, at: '2026-12-10T08:00:00Z', level: 'none' }).expect(200);
    await t.http.post('/api/v1/orders/preview').set('Authorization', officer).send({ enterpriseCode: other.code, at: '2026-12-10T08:00:00Z', level: 'none' }).expect(404);
    const plant = await t.login('plant300', 'plant-password-3');
    await t.http.post('/api/v1/orders/preview').set('Authorization', plant).send({ enterpriseCode: cement.code, at: '2026-12-10T08:00:00Z', level: 'none' }).expect(403);
  });

  it('serves the season calendar with each group and its dated phases', async () => {
    const res = await t.http.get('/api/v1/seasons/2026-2027/calendar').set('Authorization', admin).expect(200);
    const kiln = res.body.groups.find((g: { key: string }) => g.key === 'kiln');
    expect(kiln.phases.map((p: { key: string; from: string; to: string; startsAt: string }) => [p.key, p.from, p.to, p.startsAt])).toEqual([
      ['full_stop', '2026-11-01', '2027-01-31', '2026-11-01T00:00:00+08:00'],
      ['limit', '2027-02-01', '2027-03-15', '2027-02-01T00:00:00+08:00'],
    ]);
    expect(res.body.heatingSeason).toEqual({ from: '2026-11-15', to: '2027-03-15' });
    const missing = await t.http.get('/api/v1/seasons/2030-2031/calendar').set('Authorization', admin).expect(404);
    expect(missing.body.error.code).toBe('SEASON_NOT_FOUND');
  });

  it('recommends a level from a forecast, the higher one when forecasts swing', async () => {
    const hours = (from: string, values: number[]) => values.map((aqi, i) => ({ at: new Date(Date.parse(from) + i * 3600_000).toISOString(), aqi }));
    const calm = hours('2026-12-10T00:00:00+08:00', Array(48).fill(120));
    const heavy = hours('2026-12-10T00:00:00+08:00', Array(80).fill(320));
    const res = await t.http
      .post('/api/v1/levels/recommend')
      .set('Authorization', admin)
      .send({
        series: [
          { county: '修武县', points: calm },
          { county: '修武县', points: heavy },
          { county: '温县', points: calm },
        ],
      })
      .expect(200);
    const byCounty = Object.fromEntries(res.body.recommendations.map((r: { county: string; level: string }) => [r.county, r.level]));
    expect(byCounty).toEqual({ 修武县: 'orange', 温县: 'light' });
    const bad = await t.http
      .post('/api/v1/levels/recommend')
      .set('Authorization', admin)
      .send({ series: [{ county: '火星', points: calm }] })
      .expect(422);
    expect(bad.body.error.message).toContain('unknown county');
    const empty = await t.http
      .post('/api/v1/levels/recommend')
      .set('Authorization', admin)
      .send({ series: [{ county: '温县', points: [] }] })
      .expect(422);
    expect(empty.body.error.code).toBe('RULES_INPUT_INVALID');
  });
});
