import { getDataSourceToken } from '@nestjs/typeorm';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigService } from '../../src/config/config.service.js';
import { isTrivial, lineRequirementHash, requirementHash } from '../../src/orders/order-plan.js';
import { versionInForce } from '../../src/orders/order-versions.repository.js';
import type { Enterprise } from '../../src/rules/enterprise.js';
import type { LevelKey } from '../../src/rules/levels/level-ladder.js';
import { levelAt } from '../../src/rules/levels/level-at.js';
import type { ResponseLevelContext } from '../../src/rules/levels/response-level.machine.js';
import { deriveOrder } from '../../src/rules/orders/order-derivation.js';
import { ControllableClock } from '../../src/common/clock.js';
import { codeFor, sampleEnterprise } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COUNTIES = [
  { name: '温县', code: '410825' },
  { name: '孟州市', code: '410883' },
  { name: '修武县', code: '410821' },
];
const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
// Coking is in no season group, so the levels alone decide what each plant must do.
const plants: Enterprise[] = COUNTIES.map((c, i) =>
  sampleEnterprise(970 + i, {
    code: codeFor(970 + i, c.code),
    county: c.name,
    industry: 'coking',
    fuel: null,
    measures: { yellow: [{ line: 'L1', action: 'limit', maxLoadPercent: 50 }], orange: [stop('L1')], red: [stop('L1'), stop('L2')] },
  }),
);
const T0 = new Date('2026-12-10T10:00:00+08:00').getTime();
const MIN = 60_000;

interface Step {
  counties: number[];
  action: 'issue' | 'adjust' | 'lift';
  level: LevelKey;
  /** Minutes after the moment of issue; 0 means "now" (no startsAt). */
  startIn: number;
  /** Minutes the level lasts after its start, or null for "until lifted". */
  lasts: number | null;
  /** Seconds the clock moves on after the step. */
  then: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  counties: fc.uniqueArray(fc.integer({ min: 0, max: COUNTIES.length - 1 }), { minLength: 1, maxLength: COUNTIES.length }),
  action: fc.constantFrom('issue' as const, 'adjust' as const, 'lift' as const),
  level: fc.constantFrom<LevelKey>('yellow', 'orange', 'red'),
  startIn: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 240 })),
  lasts: fc.option(fc.integer({ min: 5, max: 240 }), { nil: null }),
  then: fc.integer({ min: 0, max: 1800 }),
});

describe('property: the version in force is what the rules derive from the levels in force then, and it was enqueued first', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  let config: ConfigService;
  let initialLevels: Array<{ county: string; snapshot: unknown }>;
  const clock = new ControllableClock(new Date(T0));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    ds = t.app.get(getDataSourceToken());
    config = t.app.get(ConfigService);
    admin = await t.adminToken();
    await t.http.post('/api/v1/registry/import').set('Authorization', admin).send({ enterprises: plants }).expect(200);
    initialLevels = await ds.query('SELECT county, snapshot FROM county_levels');
  });
  afterAll(async () => {
    await t.close();
  });

  async function reset(): Promise<void> {
    await ds.query('DELETE FROM alerts');
    await ds.query('DELETE FROM outbox');
    await ds.query('DELETE FROM order_versions');
    await ds.query('DELETE FROM orders');
    await ds.query('DELETE FROM directives');
    await ds.query(
      `UPDATE county_levels c SET snapshot = x.snapshot, state = 'none', level = NULL, ends_at = NULL FROM json_to_recordset($1::json) AS x(county text, snapshot jsonb) WHERE c.county = x.county`,
      [JSON.stringify(initialLevels)],
    );
    clock.set(new Date(T0));
  }

  async function apply(s: Step): Promise<void> {
    const now = clock.now().getTime();
    const start = new Date(now + s.startIn * MIN).toISOString();
    const body: Record<string, unknown> = { action: s.action, counties: s.counties.map((i) => COUNTIES[i].name), basis: '随机序列' };
    if (s.startIn > 0) body.startsAt = start;
    if (s.action !== 'lift') {
      body.level = s.level;
      body.endsAt = s.lasts === null ? null : new Date(now + (s.startIn + s.lasts) * MIN).toISOString();
    }
    const res = await t.http.post('/api/v1/directives').set('Authorization', admin).send(body);
    // Lifting or adjusting a county with no level is refused (409); anything else must succeed.
    if (res.status !== 200) expect(res.status, JSON.stringify(res.body)).toBe(409);
    clock.advance(s.then * 1000);
  }

  it('holds for random issue / adjust / lift sequences with random starts over three counties', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 7 }), fc.array(fc.integer({ min: 0, max: 10 * 60 * 60 }), { minLength: 12, maxLength: 12 }), async (steps, probes) => {
        await reset();
        for (const s of steps) await apply(s);
        const machines: Array<{ county: string; snapshot: { context: ResponseLevelContext } }> = await ds.query('SELECT county, snapshot FROM county_levels');
        const contextOf = new Map(machines.map((m) => [m.county, m.snapshot.context]));
        // Probe random instants and every version boundary (and just before it).
        const bounds: Array<{ effective_from: Date; effective_to: Date | null }> = await ds.query('SELECT effective_from, effective_to FROM order_versions');
        const instants = [
          ...probes.map((p) => T0 + p * 1000),
          ...bounds.flatMap((b) => [b.effective_from.getTime(), b.effective_from.getTime() - 1, ...(b.effective_to ? [b.effective_to.getTime(), b.effective_to.getTime() - 1] : [])]),
        ].filter((ms) => ms >= T0 && ms <= clock.now().getTime() + 12 * 3_600_000);
        for (const ms of instants) {
          const at = new Date(ms);
          for (const plant of plants) {
            const level = levelAt(contextOf.get(plant.county)!, at);
            const derived = deriveOrder(plant, at.toISOString(), level, config.orderConfigFor(config.seasonAt(at)));
            const version = await versionInForce(ds.manager, plant.code, at);
            const what = `${plant.county} at ${at.toISOString()} (level ${level}), steps ${JSON.stringify(steps)}`;
            if (version === null || version.ends) {
              expect(isTrivial(derived), `nothing restricted, but the rules say ${level}: ${what}`).toBe(true);
              if (version === null) continue;
            } else {
              expect(lineRequirementHash(derived.maxLoadPercent, version.lines), `version ${version.modification} (${version.level}) vs ${what}`).toBe(requirementHash(derived));
            }
            // Its notice was enqueued with the version, no later than the instant it governs.
            expect(version.createdAt.getTime()).toBeLessThanOrEqual(ms);
            const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM outbox WHERE order_version_id = $1', [version.id]);
            expect(n, `no notice for version ${version.modification}: ${what}`).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 25, seed: 8, endOnFailure: true },
    );
  });
});
