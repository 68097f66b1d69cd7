import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AckEscalationService } from '../../src/acknowledgements/ack-escalation.service.js';
import { DispatchWorker } from '../../src/dispatch/dispatch.worker.js';
import { ControllableClock } from '../../src/common/clock.js';
import { EscalationRecipients } from '../../src/duty/escalation-recipients.service.js';
import { sampleEnterprise } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stop = (line: string) => ({ line, action: 'stop' as const, maxLoadPercent: null });
const plant = sampleEnterprise(701, { industry: 'coking', fuel: null, measures: { orange: [stop('L1')] } });

/** The shipped escalation configuration: no addresses at all — the people and the roster are the only recipients. */
describe('duty roster: shifts, swaps, handovers, and escalation to the people on duty (PostgreSQL, SMTP)', () => {
  let t: TestApp;
  let admin: string;
  const smtp = new SmtpSink();
  const clock = new ControllableClock(new Date('2026-12-10T22:00:00+08:00'));
  const ids = {} as Record<'dayOfficer' | 'dayLeader' | 'nightOfficer' | 'nightLeader' | 'spare' | 'county' | 'viewer', string>;
  const shifts = {} as Record<'day10' | 'night10' | 'day11', string>;
  const run = () => t.app.get(AckEscalationService).run();
  const drain = () => t.app.get(DispatchWorker).drain();
  const shift = (startsAt: string, endsAt: string, dutyOfficerId: string, shiftLeaderId: string) =>
    t.http.post('/api/v1/duty/shifts').set('Authorization', admin).send({ startsAt, endsAt, dutyOfficerId, shiftLeaderId });
  const subjects = (address: string) => smtp.to(address).map((m) => m.subject ?? '');

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, { clock });
    admin = await t.adminToken();
    expect(t.app.get(AckEscalationService)).toBeDefined();
    const users: Array<[keyof typeof ids, Record<string, string>]> = [
      ['dayOfficer', { role: 'commander', displayName: '白班值班员', email: 'day-officer@example.gov.cn', mobile: '13900000001' }],
      ['dayLeader', { role: 'commander', displayName: '白班值班长', email: 'day-leader@example.gov.cn' }],
      ['nightOfficer', { role: 'commander', displayName: '夜班值班员', email: 'night-officer@example.gov.cn', mobile: '+86 139-0000-0002' }],
      ['nightLeader', { role: 'commander', displayName: '夜班值班长', email: 'night-leader@example.gov.cn' }],
      ['spare', { role: 'commander', displayName: '替班值班员', email: 'spare@example.gov.cn' }],
      ['county', { role: 'county_officer', county: '修武县', displayName: '修武县联络员', email: 'xiuwu-officer@example.gov.cn', workChatId: 'xiuwu01' }],
      ['viewer', { role: 'viewer' }],
    ];
    for (const [key, body] of users) {
      const res = await t.http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ username: key, password: 'duty-password-1', ...body })
        .expect(201);
      ids[key] = res.body.id;
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('users keep contacts: the mobile is checked and stored as 11 digits, a bad one answers 422 naming it', async () => {
    const list = (await t.http.get('/api/v1/users?role=commander').set('Authorization', admin).expect(200)).body.items as Array<{ id: string; mobile: string | null }>;
    expect(list.find((u) => u.id === ids.nightOfficer)!.mobile).toBe('13900000002');
    const bad = await t.http.patch(`/api/v1/users/${ids.spare}/contacts`).set('Authorization', admin).send({ mobile: '12345678901' }).expect(422);
    expect(bad.body.error.details).toEqual([{ field: 'mobile', message: expect.stringContaining('mainland mobile range') }]);
    const viewer = await t.login('viewer', 'duty-password-1');
    const own = await t.http.patch('/api/v1/users/me/contacts').set('Authorization', viewer).send({ email: 'viewer@example.gov.cn', workChatId: 'wx-viewer' }).expect(200);
    expect(own.body).toMatchObject({ id: ids.viewer, email: 'viewer@example.gov.cn', workChatId: 'wx-viewer', mobile: null });
    // Only a commander changes another person's contacts.
    await t.http.patch(`/api/v1/users/${ids.spare}/contacts`).set('Authorization', viewer).send({ email: 'x@example.gov.cn' }).expect(403);
  });

  it('writes the roster: day and night shifts touching at 08:00 and 20:00; overlaps answer 409 SHIFT_OVERLAP', async () => {
    shifts.day10 = (await shift('2026-12-10T08:00:00+08:00', '2026-12-10T20:00:00+08:00', ids.dayOfficer, ids.dayLeader).expect(201)).body.id;
    shifts.night10 = (await shift('2026-12-10T20:00:00+08:00', '2026-12-11T08:00:00+08:00', ids.nightOfficer, ids.nightLeader).expect(201)).body.id;
    shifts.day11 = (await shift('2026-12-11T08:00:00+08:00', '2026-12-11T20:00:00+08:00', ids.dayOfficer, ids.dayLeader).expect(201)).body.id;
    const overlap = await shift('2026-12-11T06:00:00+08:00', '2026-12-11T10:00:00+08:00', ids.spare, ids.dayLeader).expect(409);
    expect(overlap.body.error.code).toBe('SHIFT_OVERLAP');
    expect(overlap.body.error.details).toHaveLength(2);
    // Moving a shift onto another one is refused the same way, and changes nothing.
    const moved = await t.http
      .put(`/api/v1/duty/shifts/${shifts.day11}`)
      .set('Authorization', admin)
      .send({ startsAt: '2026-12-11T07:00:00+08:00', endsAt: '2026-12-11T20:00:00+08:00', dutyOfficerId: ids.dayOfficer, shiftLeaderId: ids.dayLeader })
      .expect(409);
    expect(moved.body.error.code).toBe('SHIFT_OVERLAP');
    const bad = await shift('2026-12-12T08:00:00+08:00', '2026-12-12T07:00:00+08:00', ids.dayOfficer, ids.dayLeader).expect(422);
    expect(bad.body.error.code).toBe('SHIFT_INVALID');
    const notCommander = await shift('2026-12-12T08:00:00+08:00', '2026-12-12T20:00:00+08:00', ids.county, ids.dayLeader).expect(422);
    expect(notCommander.body.error).toMatchObject({ code: 'DUTY_USER_INVALID', details: [{ field: 'dutyOfficerId', message: expect.stringContaining('active commander') }] });
    const week = await t.http.get('/api/v1/duty/shifts?from=2026-12-10T00:00:00%2B08:00&to=2026-12-12T00:00:00%2B08:00').set('Authorization', admin).expect(200);
    expect(week.body.items.map((s: { id: string }) => s.id)).toEqual([shifts.day10, shifts.night10, shifts.day11]);
    expect(week.body.items[1].dutyOfficer).toEqual({ userId: ids.nightOfficer, name: '夜班值班员', email: 'night-officer@example.gov.cn', mobile: '13900000002', workChatId: null });
  });

  it('two overlapping shifts written at the same moment: the exclusion constraint lets exactly one in', async () => {
    const [a, b] = await Promise.all([
      shift('2026-12-13T08:00:00+08:00', '2026-12-13T20:00:00+08:00', ids.dayOfficer, ids.dayLeader),
      shift('2026-12-13T12:00:00+08:00', '2026-12-14T00:00:00+08:00', ids.spare, ids.nightLeader),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('SHIFT_OVERLAP');
    const [{ n }] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM duty_shifts WHERE tstzrange(starts_at, ends_at) && tstzrange('2026-12-13T00:00:00+08:00', '2026-12-14T00:00:00+08:00')`);
    expect(n).toBe(1);
  });

  it('onDutyAt answers the shift whose [start, end) holds the moment', async () => {
    const recipients = t.app.get(EscalationRecipients);
    expect((await recipients.onDutyAt(new Date('2026-12-11T03:00:00+08:00')))!.dutyOfficer.userId).toBe(ids.nightOfficer);
    expect((await recipients.onDutyAt(new Date('2026-12-11T08:00:00+08:00')))!.dutyOfficer.userId).toBe(ids.dayOfficer);
    expect((await recipients.onDutyAt(new Date('2026-12-11T07:59:59+08:00')))!.shiftLeader.userId).toBe(ids.nightLeader);
    expect(await recipients.onDutyAt(new Date('2026-12-12T03:00:00+08:00'))).toBeNull();
    expect((await recipients.countyStage1('410821')).map((p) => p.userId)).toEqual([ids.county]);
    expect(await recipients.countyStage1('410825')).toEqual([]);
    const api = await t.http.get('/api/v1/duty/on-duty?at=2026-12-11T03:00:00%2B08:00').set('Authorization', admin).expect(200);
    expect(api.body.shift.id).toBe(shifts.night10);
  });

  it('stage 1 reaches the county officer by the e-mail on the account', async () => {
    await t.http
      .post('/api/v1/registry/import')
      .set('Authorization', admin)
      .send({ enterprises: [plant] })
      .expect(200);
    clock.set('2026-12-10T23:00:00+08:00');
    await t.http
      .post('/api/v1/directives')
      .set('Authorization', admin)
      .send({ action: 'issue', level: 'orange', counties: ['修武县'], endsAt: null, basis: '会商结论：橙色预警' })
      .expect(200);
    await drain();
    clock.set('2026-12-11T01:01:00+08:00');
    // The first round after 23:00 also catches up the stage-0 steps (SMS at 00:00, reminder at 00:30).
    expect(await run()).toEqual({ reminders: 1, stage1: 1, stage2: 0, shiftLeader: 0 });
    await drain();
    const county = smtp.to('xiuwu-officer@example.gov.cn');
    expect(county).toHaveLength(1);
    expect(county[0]!.text).toContain(plant.name);
  });

  it('stage 2 at 03:00 reaches the officer the roster puts on duty at 03:00 (not the day shift’s), and the shift leader when the duty officer does not answer', async () => {
    clock.set('2026-12-11T03:01:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 1, shiftLeader: 0 });
    await drain();
    expect(subjects('night-officer@example.gov.cn')).toEqual([expect.stringContaining('第二级督办（指挥部）')]);
    expect(smtp.to('night-officer@example.gov.cn')[0]!.text).toContain(plant.name);
    expect(smtp.to('day-officer@example.gov.cn')).toEqual([]);
    expect(smtp.to('night-leader@example.gov.cn')).toEqual([]);

    // Not yet 30 minutes after stage 2 (the ladder's shift_leader step: stage2 + 30).
    clock.set('2026-12-11T03:20:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 });
    clock.set('2026-12-11T03:31:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 1 });
    clock.set('2026-12-11T03:32:00+08:00');
    expect(await run()).toEqual({ reminders: 0, stage1: 0, stage2: 0, shiftLeader: 0 });
    await drain();
    expect(subjects('night-leader@example.gov.cn')).toEqual([expect.stringContaining('第二级督办（值班长）')]);
    expect(smtp.to('night-leader@example.gov.cn')[0]!.text).toContain('现报值班长');
    expect(smtp.to('day-leader@example.gov.cn')).toEqual([]);
    expect(smtp.to('night-officer@example.gov.cn')).toHaveLength(1);
    const alerts = await t.http.get('/api/v1/alerts?kind=ack_overdue&status=open').set('Authorization', admin).expect(200);
    expect(alerts.body.items.map((a: { stage: number }) => a.stage).sort()).toEqual([1, 2, 3]);
  });

  it('a swap replaces the duty officer (audited, with its reason); from then on the roster answers the replacement', async () => {
    await t.http.post(`/api/v1/duty/shifts/${shifts.night10}/swap`).set('Authorization', admin).send({ position: 'duty_officer', userId: ids.county, reason: '替班' }).expect(422);
    const swapped = await t.http
      .post(`/api/v1/duty/shifts/${shifts.night10}/swap`)
      .set('Authorization', admin)
      .send({ position: 'duty_officer', userId: ids.spare, reason: '夜班值班员临时就医，由替班值班员顶班' })
      .expect(200);
    expect(swapped.body.dutyOfficer.userId).toBe(ids.spare);
    expect(swapped.body.swaps).toEqual([
      expect.objectContaining({
        position: 'duty_officer',
        from: expect.objectContaining({ userId: ids.nightOfficer }),
        to: expect.objectContaining({ userId: ids.spare }),
        reason: '夜班值班员临时就医，由替班值班员顶班',
        swappedBy: 'chief',
      }),
    ]);
    const [audit] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'duty.shift.swap' AND entity_id = $1`, [shifts.night10]);
    expect(audit.n).toBe(1);
    expect((await t.app.get(EscalationRecipients).onDutyAt(new Date('2026-12-11T04:00:00+08:00')))!.dutyOfficer.email).toBe('spare@example.gov.cn');

    const people = await t.http.get('/api/v1/duty/on-duty?at=2026-12-11T04:00:00%2B08:00').set('Authorization', admin).expect(200);
    expect(people.body.shift.dutyOfficer.name).toBe('替班值班员');
  });

  it('handover notes go from the outgoing shift to the incoming one', async () => {
    const res = await t.http
      .post(`/api/v1/duty/shifts/${shifts.night10}/handover`)
      .set('Authorization', admin)
      .send({ notes: '修武县两家企业逾期未签收，已报值班长；早班请继续电话催办。' })
      .expect(201);
    expect(res.body.handovers).toEqual([expect.objectContaining({ fromShiftId: shifts.night10, toShiftId: shifts.day11, writtenBy: 'chief' })]);
    const next = await t.http.get('/api/v1/duty/shifts?from=2026-12-11T08:00:00%2B08:00&to=2026-12-11T09:00:00%2B08:00').set('Authorization', admin).expect(200);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].handovers[0].notes).toContain('早班请继续电话催办');
    await t.http.post(`/api/v1/duty/shifts/${shifts.night10}/handover`).set('Authorization', admin).send({ notes: '' }).expect(400);
  });
});
