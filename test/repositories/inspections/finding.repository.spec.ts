import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrawRepository } from '../../../src/inspections/draw.repository.js';
import { EvidenceRepository } from '../../../src/inspections/evidence.repository.js';
import { FindingRepository, type NewFinding } from '../../../src/inspections/finding.repository.js';
import { PowerReadingRepository } from '../../../src/inspections/power-reading.repository.js';
import type { DrawInput, DrawResult } from '../../../src/rules/inspection/double-random-draw.js';
import { codeFor } from '../../support/fixtures.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

describe('FindingRepository, EvidenceRepository, DrawRepository, PowerReadingRepository', () => {
  let db: RepositoryDatabase;
  let findings: FindingRepository;
  let evidence: EvidenceRepository;
  const task = '22222222-2222-2222-2222-222222222222';
  const finding = (over: Partial<NewFinding>): NewFinding => ({
    taskId: task,
    enterpriseCode: codeFor(1),
    county: '修武县',
    lineCode: 'L1',
    observedState: 'running',
    loadPercent: null,
    observedAt: new Date('2026-12-10T02:00:00Z'),
    powerKw: null,
    lat: null,
    lng: null,
    notes: null,
    inspector: 'zhang',
    team: 'T1',
    orderVersionId: null,
    verdict: 'compliant',
    reason: '未限产',
    penaltyItem: null,
    createdAt: new Date('2026-12-10T02:01:00Z'),
    noticeMissing: false,
    ...over,
  });
  beforeAll(async () => {
    db = await createRepositoryDatabase();
    findings = new FindingRepository(db.dataSource);
    evidence = new EvidenceRepository(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('records findings, knows which lines a task has looked at and counts violations per enterprise', async () => {
    const [a] = await db.dataSource.transaction((m) =>
      Promise.all([
        findings.insert(m, finding({})),
        findings.insert(m, finding({ lineCode: 'L2', verdict: 'violation', observedAt: new Date('2026-12-10T03:00:00Z') })),
        findings.insert(m, finding({ taskId: '33333333-3333-3333-3333-333333333333', enterpriseCode: codeFor(2), county: '博爱县', team: 'T2', verdict: 'violation' })),
      ]),
    );
    expect(await db.dataSource.transaction((m) => findings.linesLookedAt(m, task))).toEqual(new Set(['L1', 'L2']));
    expect(await findings.violationsOf([codeFor(1), codeFor(2), codeFor(3)])).toEqual(
      new Map([
        [codeFor(1), 1],
        [codeFor(2), 1],
      ]),
    );
    expect((await findings.ofTask(task)).map((f) => f.lineCode)).toEqual(['L1', 'L2']);
    expect(await findings.ref(a)).toMatchObject({ id: a, team: 'T1', county: '修武县' });
    expect(await findings.ref('../etc')).toBeNull();
  });

  it('lists under a scope condition after the three filter params, newest observation first, with the photo count', async () => {
    const all = await findings.list({ sql: 'TRUE', params: [null, null, 10] });
    expect(all).toHaveLength(3);
    expect(all[0].lineCode).toBe('L2');
    expect(all.every((f) => f.photos === 0)).toBe(true);
    const t2 = await findings.list({ sql: 'f.team = $4', params: [null, 'violation', 10, 'T2'] });
    expect(t2.map((f) => f.enterpriseCode)).toEqual([codeFor(2)]);
    const county = await findings.list({ sql: 'TRUE', params: ['修武县', null, 1] });
    expect(county.map((f) => f.lineCode)).toEqual(['L2']);
  });

  it("stores a finding's photos and finds one only under its own finding", async () => {
    const [f] = await findings.list({ sql: 'TRUE', params: ['博爱县', null, 1] });
    const e = {
      findingId: f.id,
      path: 'ab/abc.jpg',
      sha256: 'ab'.repeat(32),
      mime: 'image/jpeg',
      size: 10,
      uploadedBy: 'zhang',
      width: 1,
      height: 1,
      exifTakenAt: null,
      exifLat: null,
      exifLng: null,
      timeCheck: 'no_exif_time',
    };
    const stored = await db.dataSource.transaction((m) => evidence.insert(m, e));
    expect(await db.dataSource.transaction((m) => evidence.countOf(m, f.id))).toBe(1);
    expect(await evidence.file(f.id, stored.id)).toEqual({ path: 'ab/abc.jpg', sha256: 'ab'.repeat(32), mime: 'image/jpeg' });
    const [other] = await findings.list({ sql: 'TRUE', params: ['修武县', null, 1] });
    expect(await evidence.file(other.id, stored.id)).toBeNull();
    expect(await evidence.file(f.id, 'photo.jpg')).toBeNull();
    expect((await evidence.ofFinding(f.id)).map((r) => r.id)).toEqual([stored.id]);
    expect((await findings.list({ sql: 'TRUE', params: ['博爱县', null, 1] }))[0].photos).toBe(1);
  });

  it('keeps a draw with its inputs and result as stored JSON', async () => {
    const draws = new DrawRepository(db.dataSource);
    const inputs = { seed: 's', size: 1, candidates: [], teams: [], allowHomeCounty: false, stratify: 'county' } as unknown as DrawInput;
    const result = { seed: 's', picks: [{ order: 1, code: codeFor(1), county: '修武县', team: 'T1' }], unassigned: [], allocation: {} } as unknown as DrawResult;
    const id = await db.dataSource.transaction((m) => draws.insert(m, { seed: 's', size: 1, at: new Date('2026-12-10T02:00:00Z'), inputs, result, createdBy: 'chief' }));
    const back = await draws.get(id);
    expect(back?.inputs).toEqual(inputs);
    expect(back?.result).toEqual(result);
    expect(back?.at.toISOString()).toBe('2026-12-10T02:00:00.000Z');
    expect(await draws.get('1')).toBeNull();
  });

  it('stores a meter reading once per line and instant and reads a line history in a window', async () => {
    const power = new PowerReadingRepository();
    const r = (at: string, kw: number) => ({ enterpriseCode: codeFor(1), lineCode: 'L1', at, kw });
    const n = await db.dataSource.transaction((m) => power.insertNew(m, [r('2026-12-01T00:00:00Z', 100), r('2026-12-02T00:00:00Z', 120)], 'test'));
    expect(n).toBe(2);
    expect(await db.dataSource.transaction((m) => power.insertNew(m, [r('2026-12-02T00:00:00Z', 999), r('2026-12-03T00:00:00Z', 90)], 'test'))).toBe(1);
    const history = await db.dataSource.transaction((m) => power.history(m, codeFor(1), 'L1', new Date('2026-12-01T12:00:00Z'), new Date('2026-12-03T00:00:00Z')));
    expect(history.map((h) => h.kw)).toEqual([120]);
  });
});
