import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReductionEvidenceReadModel } from '../../../src/acknowledgements/reduction-evidence.read-model.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

const T = (iso: string) => new Date(iso);
const AT = T('2026-12-10T12:00:00+08:00');
const stop = (code: string) => ({ code, action: 'stop', maxLoadPercent: null, stoppedCells: null, noKilnBanking: false, reasons: [] });

describe('the reduction evidence read model (PostgreSQL)', () => {
  let db: RepositoryDatabase;
  let model: ReductionEvidenceReadModel;
  const directive = randomUUID();
  const later = randomUUID();
  const first = randomUUID();
  const ids = { old: randomUUID(), current: randomUUID(), other: randomUUID(), replaced: randomUUID(), ended: randomUUID() };

  const version = (id: string, enterprise: string, county: string, from: string, to: string | null, over: { status?: string; ends?: boolean; implementation?: object; createdAt?: string } = {}) =>
    db.ownerQuery(
      `INSERT INTO order_versions (id, order_id, modification, directive_id, enterprise_code, county, status, ends, level, phase, lines, stopped_capacity_percent,
         max_load_percent, notes, effective_from, effective_to, ack_deadline, implementation, created_at)
       VALUES ($1, gen_random_uuid(), 1, $2, $3, $4, $5, $6, 'orange', NULL, $7, 50, NULL, '[]', $8, $9, $8, $10, $11)`,
      [
        id,
        directive,
        enterprise,
        county,
        over.status ?? 'current',
        over.ends ?? false,
        JSON.stringify([stop('L1'), stop('L2')]),
        T(from),
        to && T(to),
        JSON.stringify(over.implementation ?? {}),
        T(over.createdAt ?? from),
      ],
    );
  const report = (enterprise: string, versionId: string, at: string, lines: object[]) =>
    db.ownerQuery(`INSERT INTO status_reports (enterprise_code, slot, reported_at, reported_by, lines, order_version_id) VALUES ($1, $2, $2, 'plant', $3, $4)`, [
      enterprise,
      T(at),
      JSON.stringify(lines),
      versionId,
    ]);
  const finding = (enterprise: string, versionId: string, line: string, verdict: string, observedAt: string, createdAt = observedAt) =>
    db.ownerQuery(
      `INSERT INTO findings (task_id, enterprise_code, county, line_code, observed_state, observed_at, inspector, order_version_id, verdict, reason, created_at)
       VALUES (gen_random_uuid(), $1, '修武县', $2, 'stopped', $3, 'insp', $4, $5, '', $6)`,
      [enterprise, line, T(observedAt), versionId, verdict, T(createdAt)],
    );

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    model = new ReductionEvidenceReadModel(db.dataSource);
    // E1: an older version ended at 10:00; the current one from 10:00 with L1 confirmed at 10:30 and L2 only after AT.
    await version(ids.old, 'E1', '修武县', '2026-12-09T10:00:00+08:00', '2026-12-10T10:00:00+08:00');
    await version(ids.current, 'E1', '修武县', '2026-12-10T10:00:00+08:00', null, {
      implementation: {
        L1: { at: '2026-12-10T02:20:00.000Z', confirmedAt: '2026-12-10T02:30:00.000Z', by: 'plant' },
        L2: { at: '2026-12-10T04:10:00.000Z', confirmedAt: '2026-12-10T04:30:00.000Z', by: 'plant' },
      },
    });
    // E2 in 博爱县; E3 replaced before it began; E4 closed (ends) and issued after AT for E5.
    await version(ids.other, 'E2', '博爱县', '2026-12-10T10:00:00+08:00', null);
    await version(ids.replaced, 'E3', '修武县', '2026-12-10T10:00:00+08:00', '2026-12-10T10:00:00+08:00', { status: 'superseded' });
    await version(ids.ended, 'E5', '修武县', '2026-12-10T10:00:00+08:00', null, { createdAt: '2026-12-10T13:00:00+08:00' });
    // Status reports: one under the old version, two under the current (the later counts), one after AT.
    await report('E1', ids.old, '2026-12-09T16:00:00+08:00', [{ line: 'L1', state: 'running', loadPercent: null }]);
    await report('E1', ids.current, '2026-12-10T10:40:00+08:00', [{ line: 'L1', state: 'running', loadPercent: null }]);
    await report('E1', ids.current, '2026-12-10T11:00:00+08:00', [{ line: 'L1', state: 'stopped', loadPercent: null }]);
    await report('E1', ids.current, '2026-12-10T12:30:00+08:00', [{ line: 'L1', state: 'running', loadPercent: null }]);
    // Findings on L1: a violation, then a compliant one (the latest counts); one observed before AT but recorded after it.
    await finding('E1', ids.current, 'L1', 'violation', '2026-12-10T10:50:00+08:00');
    await finding('E1', ids.current, 'L1', 'compliant', '2026-12-10T11:10:00+08:00');
    await finding('E1', ids.current, 'L2', 'violation', '2026-12-10T11:20:00+08:00', '2026-12-10T12:10:00+08:00');
    await finding('E1', ids.old, 'L2', 'compliant', '2026-12-09T11:20:00+08:00');
    // Meter readings of E1/L2: before the 14-day window, inside it, after the start, after AT.
    for (const [at, kw] of [
      ['2026-11-20T12:00:00+08:00', 1],
      ['2026-12-01T12:00:00+08:00', 1000],
      ['2026-12-10T11:30:00+08:00', 100],
      ['2026-12-10T12:30:00+08:00', 900],
    ] as const)
      await db.ownerQuery(`INSERT INTO power_readings (enterprise_code, line_code, at, kw) VALUES ('E1', 'L2', $1, $2)`, [T(at), kw]);
    // Directives: an orange one in force on the 10th, one issued after it ended, a lift.
    for (const [id, kind, starts, ends, issued] of [
      [first, 'issue', '2026-12-09T10:00:00+08:00', '2026-12-10T08:00:00+08:00', '2026-12-09T10:00:00+08:00'],
      [later, 'adjust', '2026-12-10T10:00:00+08:00', null, '2026-12-10T10:00:00+08:00'],
      [randomUUID(), 'lift', '2026-12-11T10:00:00+08:00', null, '2026-12-11T09:00:00+08:00'],
      [randomUUID(), 'issue', '2026-12-08T10:00:00+08:00', '2026-12-09T10:00:00+08:00', '2026-12-08T10:00:00+08:00'],
    ] as const)
      await db.ownerQuery(
        `INSERT INTO directives (id, number, kind, level, counties, city, starts_at, ends_at, basis, issued_by, issued_at) VALUES ($1, $2, $3, 'orange', '{修武县}', false, $4, $5, '', 'chief', $6)`,
        [id, `No.${id.slice(0, 6)}`, kind, T(starts), ends && T(ends), T(issued)],
      );
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('answers the version in force at the instant per enterprise in the counties, with the evidence known by then', async () => {
    const { versions, readings } = await model.evidence(AT, ['修武县'], 14);
    expect(versions.map((v) => v.enterpriseCode)).toEqual(['E1']);
    const [v] = versions;
    expect(new Date(v!.effectiveFromMs).toISOString()).toBe('2026-12-10T02:00:00.000Z');
    expect(v!.lines.map((l) => l.code)).toEqual(['L1', 'L2']);
    // L2's confirmation came after the instant.
    expect(Object.keys(v!.implementation)).toEqual(['L1']);
    // The latest report under this version by then: L1 stopped.
    expect(v!.report?.lines).toEqual([{ line: 'L1', state: 'stopped', loadPercent: null }]);
    expect(new Date(v!.report!.reportedAt).toISOString()).toBe('2026-12-10T03:00:00.000Z');
    // The latest finding on L1 (compliant); L2's was recorded after the instant, the old version's does not count.
    expect(v!.findings.map((f) => [f.lineCode, f.verdict])).toEqual([['L1', 'compliant']]);
    // Readings from 14 days before the start up to the instant.
    expect(readings.map((r) => [r.lineCode, r.kw])).toEqual([
      ['L2', 1000],
      ['L2', 100],
    ]);
    const boai = await model.evidence(AT, ['博爱县'], 14);
    expect(boai.versions.map((x) => x.enterpriseCode)).toEqual(['E2']);
    expect(boai.versions[0]!.report).toBeNull();
    expect(boai.versions[0]!.findings).toEqual([]);
  });

  it('lists the level directives in force some time in a day, and the county level histories', async () => {
    const day = await model.levelDirectivesDuring(T('2026-12-10T00:00:00+08:00'), T('2026-12-11T00:00:00+08:00'));
    expect(day.map((d) => d.kind)).toEqual(['issue', 'adjust']);
    expect(day[1]!.id).toBe(later);
    // The adjust took 修武县 over from its start; the lift of the 11th is not yet issued by the 10th noon.
    const taken = await model.takeovers({ id: first, counties: ['修武县', '博爱县'], issuedAt: T('2026-12-09T10:00:00+08:00') }, AT);
    expect([...taken].map(([c, at]) => [c, at.toISOString()])).toEqual([['修武县', '2026-12-10T02:00:00.000Z']]);
    const all = await model.takeovers({ id: first, counties: ['修武县'], issuedAt: T('2026-12-09T10:00:00+08:00') }, T('2026-12-12T00:00:00+08:00'));
    expect(all.get('修武县')?.toISOString()).toBe('2026-12-10T02:00:00.000Z');
    expect((await model.takeovers({ id: later, counties: ['修武县'], issuedAt: T('2026-12-10T10:00:00+08:00') }, AT)).size).toBe(0);
    const histories = await model.levelHistories(['修武县']);
    expect(histories.size).toBe(0);
    await db.ownerQuery(`INSERT INTO county_levels (county, snapshot, state, level, machine_version) VALUES ('修武县', $1, 'active', 'orange', 1)`, [
      JSON.stringify({ context: { history: [{ level: 'orange', startsAt: '2026-12-10T10:00:00+08:00', endsAt: null }] } }),
    ]);
    expect((await model.levelHistories(['修武县'])).get('修武县')?.history).toHaveLength(1);
  });
});
