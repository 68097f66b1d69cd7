import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../src/common/clock.js';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import { POLLUTANTS } from '../../src/rules/enterprise.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const rules = loadRulesConfig();
const plants = Array.from({ length: 5 }, (_, i) => sampleEnterprise(1400 + i, { code: codeFor(1400 + i), county: i < 3 ? '修武县' : '博爱县', industry: 'coking', fuel: null }));

/**
 * The dry run's reduction block over HTTP. The registry stores no emission figures yet
 * (issue 12 item 1), so every line is counted as unknown and nothing is guessed.
 */
describe('a dry run shows the reduction beside the level target (HTTP, PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));
  const orange = { action: 'issue', level: 'orange', counties: ['修武县', '博爱县'], endsAt: null, basis: '橙色预警' };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await t.adminToken();
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: plants }).expect(200);
  });
  afterAll(() => t.close());

  it('per county and for the city: each pollutant beside the orange target, lines without figures counted as unknown', async () => {
    const res = await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ ...orange, dryRun: true })
      .expect(200);
    const r = res.body.reduction;
    expect(r.hoursPerDay).toBe(rules.emissions.hoursPerDay);
    expect(r.counties.map((c: { county: string; level: string; enterprises: number; unknownLines: number }) => [c.county, c.level, c.enterprises, c.unknownLines])).toEqual([
      ['修武县', 'orange', 3, 6],
      ['博爱县', 'orange', 2, 4],
    ]);
    expect(r.city).toMatchObject({ county: null, level: 'orange', enterprises: 5, unknownLines: 10, shortfalls: [] });
    expect(r.city.emissions.map((e: { pollutant: string }) => e.pollutant)).toEqual([...POLLUTANTS]);
    for (const e of r.city.emissions)
      expect(e).toEqual({
        pollutant: e.pollutant,
        baselineTonnesPerDay: 0,
        reductionTonnesPerDay: 0,
        percent: null,
        targetPercent: rules.emissionTargets.orange,
        shortfall: false,
        shortfallTonnesPerDay: 0,
      });
    expect(r.unknownLines.total).toBe(10);
    expect(r.unknownLines.items).toHaveLength(Math.min(10, rules.emissions.listedUnknownLines));
    expect(r.unknownLines.items[0]).toEqual({ enterpriseCode: plants[0]!.code, enterpriseName: plants[0]!.name, county: '修武县', lineCode: 'L1', lineName: '4500t/d 熟料线' });
  });

  it('an issued directive answers without the dry-run blocks', async () => {
    const res = await t.http.post('/api/v1/directives').set('Authorization', admin).send(orange).expect(200);
    expect(res.body.dryRun).toBe(false);
    expect(res.body.number).toEqual(expect.any(String));
    expect(res.body.reduction).toBeUndefined();
  });
});
