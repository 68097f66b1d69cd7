import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerRepository } from '../../../src/compliance/ledger.repository.js';
import { ReportFigures } from '../../../src/compliance/report-figures.repository.js';
import { FindingRepository } from '../../../src/inspections/finding.repository.js';
import { codeFor } from '../../support/fixtures.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

describe('LedgerRepository and the ReportFigures read model', () => {
  let db: RepositoryDatabase;
  let ledger: LedgerRepository;
  let figures: ReportFigures;
  const day = { from: new Date('2026-12-09T16:00:00Z'), to: new Date('2026-12-10T16:00:00Z') };
  const entry = (county: string, amount: number, createdAt: string) => ({
    county,
    enterpriseCode: codeFor(1),
    findingId: null,
    item: 'stop_violation',
    amount,
    description: '违规生产',
    createdAt: new Date(createdAt),
    orderVersionId: '44444444-4444-4444-4444-444444444444',
    evidence: null,
  });
  beforeAll(async () => {
    db = await createRepositoryDatabase();
    ledger = new LedgerRepository(db.dataSource);
    figures = new ReportFigures(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('records entries, reads a span by county or enterprise, and voids one under a lock', async () => {
    const [a] = await db.dataSource.transaction((m) =>
      Promise.all([
        ledger.insert(m, entry('修武县', 5000, '2026-12-10T01:00:00Z')),
        ledger.insert(m, entry('博爱县', 3000, '2026-12-10T02:00:00Z')),
        ledger.insert(m, entry('修武县', 7000, '2026-12-11T01:00:00Z')),
      ]),
    );
    expect((await ledger.between(day.from, day.to, { county: null, enterpriseCode: null })).map((r) => r.amount)).toEqual([5000, 3000]);
    expect((await ledger.between(day.from, day.to, { county: '博爱县', enterpriseCode: null })).map((r) => r.amount)).toEqual([3000]);
    expect(await ledger.between(day.from, day.to, { county: null, enterpriseCode: codeFor(2) })).toEqual([]);
    await db.dataSource.transaction(async (m) => {
      expect(await ledger.lock(m, a)).toMatchObject({ id: a, voided_at: null });
      await ledger.markVoided(m, a, new Date('2026-12-10T05:00:00Z'), '重复记录', 'chief');
    });
    expect(await db.dataSource.transaction((m) => ledger.lock(m, 'abc'))).toBeNull();
    expect(await db.dataSource.transaction((m) => ledger.lock(m, '999999'))).toBeNull();
    const amounts = await ledger.amounts(day.from, day.to);
    expect(amounts.sort((x, y) => x.amount - y.amount)).toEqual([
      { county: '博爱县', amount: 3000, voided: false },
      { county: '修武县', amount: 5000, voided: true },
    ]);
  });

  it("sums a day's unvoided penalties and inspections per county, as of a moment", async () => {
    const findings = new FindingRepository(db.dataSource);
    const f = {
      enterpriseCode: codeFor(1),
      county: '修武县',
      lineCode: 'L1',
      observedState: 'running',
      loadPercent: null,
      powerKw: null,
      lat: null,
      lng: null,
      notes: null,
      inspector: 'zhang',
      team: 'T1',
      orderVersionId: null,
      reason: '',
      penaltyItem: null,
      noticeMissing: false,
    };
    await db.dataSource.transaction(async (m) => {
      await findings.insert(m, {
        ...f,
        taskId: '55555555-5555-5555-5555-555555555555',
        verdict: 'violation',
        observedAt: new Date('2026-12-10T01:00:00Z'),
        createdAt: new Date('2026-12-10T01:00:00Z'),
      });
      await findings.insert(m, {
        ...f,
        taskId: '55555555-5555-5555-5555-555555555555',
        lineCode: 'L2',
        verdict: 'compliant',
        observedAt: new Date('2026-12-10T03:00:00Z'),
        createdAt: new Date('2026-12-10T03:00:00Z'),
      });
    });
    const [orders, inspections, penalties, levels, discrepancies] = await figures.daily(day.from, day.to, new Date('2026-12-10T02:30:00Z'));
    expect(orders).toEqual([]);
    expect(levels).toEqual([]);
    expect(discrepancies).toEqual([]);
    // As of 02:30 the second finding had not been made; the voided 5000 does not count.
    expect(inspections).toEqual([{ county: '修武县', inspections: 1, findings: 1, violations: 1 }]);
    expect(penalties).toEqual([{ county: '博爱县', amount: 3000 }]);
    const conduct = await figures.conduct(day.from, day.to);
    expect(conduct.findings).toEqual([{ county: '修武县', inspected: 1, violations: 1 }]);
    expect(await figures.directiveIdOf('冬防〔2026〕1号')).toBeNull();
  });
});
