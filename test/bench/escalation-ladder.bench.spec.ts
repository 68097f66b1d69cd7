import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckEscalationService } from '../../src/acknowledgements/ack-escalation.service.js';
import { unacknowledged } from '../../src/acknowledgements/acknowledgement-chase.read-model.js';
import { ControllableClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ownerQuery } from '../support/test-database.js';
import { seedRegistry } from './support/seed-registry.js';

const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 5_000);
const IDLE_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('escalation ladder rounds over every enterprise of a directive, beside the read of the open versions alone', () => {
  let t: TestApp;
  let ds: DataSource;
  const clock = new ControllableClock(new Date('2026-12-10T10:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await seedRegistry(ds, ENTERPRISES, 13, t.db.url);
    const admin = await t.adminToken();
    expect((await t.http.post('/api/v1/directives').set('Authorization', admin).send({ action: 'issue', level: 'orange', endsAt: null, basis: '基准测试' })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('prints the time of a round that writes every step, of idle rounds (every step written), and of the bare query', async () => {
    const [{ open }] = await ds.query(`SELECT count(*)::int AS open FROM order_versions WHERE status = 'current' AND acknowledged_at IS NULL AND NOT ends`);
    const service = t.app.get(AckEscalationService);
    const round = async (at: string) => {
      clock.set(at);
      const t0 = performance.now();
      const result = await ds.transaction((m) => service.check(m, clock.now()));
      return { ms: performance.now() - t0, result };
    };
    const bare = async () => {
      const t0 = performance.now();
      await ds.transaction((m) => unacknowledged(m, clock.now()));
      return performance.now() - t0;
    };
    // Everything falls due at once: a service down from the notice to past stage 2 catches up.
    const full = await round('2026-12-10T14:40:00+08:00');
    expect(full.result.stage2).toBe(open);
    const [{ rows }] = await ds.query(`SELECT count(*)::int AS rows FROM outbox WHERE kind = 'ladder'`);
    await ownerQuery(t.db.url, 'ANALYZE');
    const idle: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < IDLE_ROUNDS; i++) {
      floor.push(await bare());
      const r = await round(`2026-12-10T14:${41 + i}:00+08:00`);
      expect(r.result).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 });
      idle.push(r.ms);
    }
    const [{ after }] = await ds.query(`SELECT count(*)::int AS after FROM outbox WHERE kind = 'ladder'`);
    expect(after).toBe(rows);
    const f = (x: number) => x.toFixed(0).padStart(7);
    console.log(
      [
        `escalation ladder over ${open} open versions (${ENTERPRISES} enterprises), shipped ladder:`,
        `  bare read of the open versions (baseline)   ${f(median(floor))} ms (median of ${IDLE_ROUNDS})`,
        `  idle round (every step already written)     ${f(median(idle))} ms = ${(median(idle) / median(floor)).toFixed(1)}× the baseline`,
        `  catch-up round writing every step           ${f(full.ms)} ms for ${rows} outbox rows = ${(full.ms / median(floor)).toFixed(0)}× the baseline, ${((full.ms / rows) * 1000).toFixed(0)} µs a row`,
      ].join('\n'),
    );
  });
});
