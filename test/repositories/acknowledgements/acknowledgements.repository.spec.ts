import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsRepository } from '../../../src/acknowledgements/alerts.repository.js';
import type { NewAlert } from '../../../src/acknowledgements/alert.types.js';
import { PhoneNoticesRepository } from '../../../src/acknowledgements/phone-notices.repository.js';
import { StatusReportsRepository } from '../../../src/acknowledgements/status-reports.repository.js';
import { SqlParams } from '../../../src/common/sql-params.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

const T = (iso: string) => new Date(iso);

describe('the acknowledgements repositories', () => {
  let db: RepositoryDatabase;
  let alerts: AlertsRepository;
  const v1 = randomUUID();
  const v2 = randomUUID();
  const alert = (key: string, over: Partial<NewAlert> = {}): NewAlert => ({
    dedupeKey: key,
    kind: 'ack_reminder',
    stage: 0,
    county: '修武县',
    enterpriseCode: 'E1',
    orderVersionId: v1,
    message: `提醒 ${key}`,
    ...over,
  });
  const open = async () => (await db.dataSource.query('SELECT dedupe_key FROM alerts WHERE resolved_at IS NULL ORDER BY dedupe_key')).map((r: { dedupe_key: string }) => r.dedupe_key);

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    alerts = new AlertsRepository(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('raises an alert once per dedupe key and answers which were new', async () => {
    const first = await db.dataSource.transaction((m) => alerts.insertNew(m, [alert('r1'), alert('o1', { kind: 'ack_overdue', stage: 1 })], T('2026-12-10T10:00:00Z')));
    expect(first).toEqual(new Set(['r1', 'o1']));
    const again = await db.dataSource.transaction((m) =>
      alerts.insertNew(
        m,
        [
          alert('r1'),
          alert('n1', { kind: 'no_channel', stage: 1, enterpriseCode: 'E2', orderVersionId: v2 }),
          alert('m1', { kind: 'report_missing', stage: 1, dedupeKey: 'report_missing:E1:2026-12-10T01:00:00.000Z' }),
        ],
        T('2026-12-10T10:00:00Z'),
      ),
    );
    expect(again).toEqual(new Set(['n1', 'report_missing:E1:2026-12-10T01:00:00.000Z']));
    const [rows, total] = await alerts.page({ status: 'all', county: '修武县', kind: 'ack_reminder', page: 1, pageSize: 10 });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ dedupeKey: 'r1', message: '提醒 r1', resolvedAt: null });
  });

  it('resolves what answers an alert: a version’s kinds, a key prefix, an enterprise’s kind', async () => {
    await db.dataSource.transaction((m) => alerts.resolveForVersion(m, v1, ['ack_reminder'], T('2026-12-10T11:00:00Z')));
    expect(await open()).toEqual(['n1', 'o1', 'report_missing:E1:2026-12-10T01:00:00.000Z']);
    await db.dataSource.transaction((m) => alerts.resolveByKeyPrefix(m, 'report_missing', 'report_missing:E1:2026-12-10T01:00', T('2026-12-10T11:00:00Z')));
    await db.dataSource.transaction((m) => alerts.resolveForEnterprises(m, 'no_channel', ['E2'], T('2026-12-10T11:05:00Z'), 'officer', '已补录'));
    expect(await open()).toEqual(['o1']);
    const [n1] = await db.dataSource.query("SELECT resolved_by, resolution_note FROM alerts WHERE dedupe_key = 'n1'");
    expect(n1).toEqual({ resolved_by: 'officer', resolution_note: '已补录' });
  });

  it('resolves in a caller’s statement the alerts of the versions it names', async () => {
    const p = new SqlParams();
    const at = p.add(T('2026-12-10T12:00:00Z'));
    const version = p.add(v1);
    const text = `WITH marked AS (SELECT ${version}::uuid AS id), ${alerts.sqlResolveForVersions(p, 'marked', ['ack_reminder', 'ack_overdue'], at)} SELECT count(*)::int AS n FROM resolved`;
    expect(await db.dataSource.query(text, p.values)).toEqual([{ n: 1 }]);
    expect(await open()).toEqual([]);
  });

  it('locks one alert and records who resolved it and why', async () => {
    const [{ id }] = await db.dataSource.query("SELECT id::text FROM alerts WHERE dedupe_key = 'o1'");
    await db.dataSource.transaction(async (m) => {
      expect((await alerts.lock(m, id))?.dedupeKey).toBe('o1');
      await alerts.markResolved(m, id, T('2026-12-10T13:00:00Z'), 'chief', '已核实');
    });
    expect(await db.dataSource.transaction((m) => alerts.lock(m, '999999'))).toBeNull();
    const [row] = await db.dataSource.query('SELECT resolved_by, resolution_note, resolved_at FROM alerts WHERE id = $1', [id]);
    expect(row).toEqual({ resolved_by: 'chief', resolution_note: '已核实', resolved_at: T('2026-12-10T13:00:00Z') });
  });

  it('finds stage-1 alerts open long enough and not escalated yet', async () => {
    await db.dataSource.transaction((m) =>
      alerts.insertNew(
        m,
        [
          alert('report_missing:E3:x', { kind: 'report_missing', stage: 1, enterpriseCode: 'E3', orderVersionId: null }),
          alert('report_missing:E4:x', { kind: 'report_missing', stage: 1, enterpriseCode: 'E4', orderVersionId: null }),
        ],
        T('2026-12-10T01:00:00Z'),
      ),
    );
    await db.dataSource.transaction((m) =>
      alerts.insertNew(m, [alert('report_missing:E4:x:2', { kind: 'report_missing', stage: 2, enterpriseCode: 'E4', orderVersionId: null })], T('2026-12-10T03:00:00Z')),
    );
    const due = await db.dataSource.transaction((m) => alerts.unescalated(m, 'report_missing', T('2026-12-10T02:00:00Z')));
    expect(due).toEqual([{ dedupeKey: 'report_missing:E3:x', county: '修武县', enterpriseCode: 'E3', orderVersionId: null, message: '提醒 report_missing:E3:x' }]);
    expect(await db.dataSource.transaction((m) => alerts.unescalated(m, 'report_missing', T('2026-12-10T00:59:00Z')))).toEqual([]);
  });

  it('stores phone notices and lists a version’s in call order', async () => {
    const notices = new PhoneNoticesRepository(db.dataSource);
    const base = {
      orderVersionId: v1,
      orderId: randomUUID(),
      modification: 1,
      enterpriseCode: 'E1',
      county: '修武县',
      calledName: '张三',
      phone: '13800000000',
      answeredBy: '李四',
      notes: null,
      recordedBy: 'officer',
      recordedAt: T('2026-12-10T12:00:00Z'),
    };
    const late = await db.dataSource.transaction((m) => notices.insert(m, { ...base, calledAt: T('2026-12-10T11:00:00Z') }));
    const early = await db.dataSource.transaction((m) => notices.insert(m, { ...base, calledAt: T('2026-12-10T10:30:00Z'), notes: '第一次' }));
    expect(late).toMatchObject({ orderVersionId: v1, calledAt: '2026-12-10T11:00:00.000Z', answeredBy: '李四', notes: null, recordedAt: '2026-12-10T12:00:00.000Z' });
    expect((await notices.ofVersion(v1)).map((n) => n.id)).toEqual([early.id, late.id]);
    expect(await notices.ofVersion(v2)).toEqual([]);
  });

  it('keeps every status report; the latest of a slot is the one that counts', async () => {
    const reports = new StatusReportsRepository();
    const slot = T('2026-12-10T01:00:00Z');
    const report = (reportedAt: string) => ({
      enterpriseCode: 'E1',
      slot,
      reportedAt: T(reportedAt),
      reportedBy: 'e-1',
      lines: [{ line: 'L1', state: 'stopped' as const, loadPercent: null }],
      note: null,
      orderVersionId: v1,
      discrepancies: [],
    });
    expect(await db.dataSource.transaction((m) => reports.latestId(m, 'E1', slot))).toBeNull();
    const first = await db.dataSource.transaction((m) => reports.insert(m, report('2026-12-10T00:30:00Z')));
    const correction = await db.dataSource.transaction((m) => reports.insert(m, report('2026-12-10T00:40:00Z')));
    expect(correction).not.toBe(first);
    expect(await db.dataSource.transaction((m) => reports.latestId(m, 'E1', slot))).toBe(correction);
    const [row] = await db.dataSource.query('SELECT lines, order_version_id FROM status_reports WHERE id = $1', [first]);
    expect(row).toEqual({ lines: [{ line: 'L1', state: 'stopped', loadPercent: null }], order_version_id: v1 });
  });
});
