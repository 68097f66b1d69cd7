import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRepository } from '../../../src/auth/user.repository.js';
import { countyOfficers, dutyPeople } from '../../../src/duty/duty-people.read-model.js';
import { DutyRepository, EXCLUSION_VIOLATION } from '../../../src/duty/duty.repository.js';
import { createRepositoryDatabase, type RepositoryDatabase } from '../../support/repository-database.js';

const at = (s: string) => new Date(s);

describe('DutyRepository (duty_shifts, duty_handovers, duty_swaps) and the people read model', () => {
  let db: RepositoryDatabase;
  let repo: DutyRepository;
  const ids = {} as Record<'a' | 'b' | 'officer' | 'inactive', string>;

  beforeAll(async () => {
    db = await createRepositoryDatabase();
    repo = new DutyRepository(db.dataSource);
    const users = new UserRepository(db.dataSource);
    const base = { passwordHash: '$2b$10$' + 'x'.repeat(53), enterpriseCode: null, team: null };
    await db.dataSource.transaction(async (m) => {
      ids.a = (await users.insert(m, { ...base, username: 'duty-a', role: 'commander', displayName: '值班员甲', county: null, email: 'a@example.gov.cn', mobile: '13900000001' })).id;
      ids.b = (await users.insert(m, { ...base, username: 'duty-b', role: 'commander', displayName: null, county: null })).id;
      ids.officer = (await users.insert(m, { ...base, username: 'xiuwu', role: 'county_officer', displayName: '修武联络员', county: '修武县', email: 'x@example.gov.cn' })).id;
      ids.inactive = (await users.insert(m, { ...base, username: 'xiuwu-old', role: 'county_officer', displayName: null, county: '修武县' })).id;
    });
    await db.dataSource.query('UPDATE users SET active = false WHERE id = $1', [ids.inactive]);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('stores shifts, finds the one holding a moment ([start, end)) and the ones meeting a range', async () => {
    const day = await db.dataSource.transaction((m) =>
      repo.insertShift(m, { startsAt: at('2026-12-10T08:00:00+08:00'), endsAt: at('2026-12-10T20:00:00+08:00'), dutyOfficerId: ids.a, shiftLeaderId: ids.b, note: null }),
    );
    const night = await db.dataSource.transaction((m) =>
      repo.insertShift(m, { startsAt: at('2026-12-10T20:00:00+08:00'), endsAt: at('2026-12-11T08:00:00+08:00'), dutyOfficerId: ids.b, shiftLeaderId: ids.a, note: '夜班' }),
    );
    expect((await repo.shiftAt(at('2026-12-10T20:00:00+08:00')))!.id).toBe(night.id);
    expect((await repo.shiftAt(at('2026-12-10T19:59:59+08:00')))!.id).toBe(day.id);
    expect(await repo.shiftAt(at('2026-12-11T08:00:00+08:00'))).toBeNull();
    expect((await repo.shiftsBetween(at('2026-12-10T19:00:00+08:00'), at('2026-12-10T21:00:00+08:00'))).map((s) => s.id)).toEqual([day.id, night.id]);
    expect(await db.dataSource.transaction((m) => repo.overlapping(m, at('2026-12-10T19:00:00+08:00'), at('2026-12-10T21:00:00+08:00'), day.id))).toEqual([expect.objectContaining({ id: night.id })]);
    expect((await db.dataSource.transaction((m) => repo.shiftStartingAt(m, day.endsAt)))!.id).toBe(night.id);
  });

  it('the exclusion constraint refuses an overlapping shift even without the service check, and an end before the start', async () => {
    const write = (startsAt: string, endsAt: string) =>
      db.dataSource.transaction((m) => repo.insertShift(m, { startsAt: at(startsAt), endsAt: at(endsAt), dutyOfficerId: ids.a, shiftLeaderId: ids.b, note: null }));
    await expect(write('2026-12-11T07:00:00+08:00', '2026-12-11T09:00:00+08:00')).rejects.toMatchObject({ driverError: { code: EXCLUSION_VIOLATION } });
    await expect(write('2026-12-12T09:00:00+08:00', '2026-12-12T08:00:00+08:00')).rejects.toMatchObject({ driverError: { code: '23514' } });
    // Touching ends are not an overlap.
    await write('2026-12-11T08:00:00+08:00', '2026-12-11T20:00:00+08:00');
  });

  it('keeps handovers and swaps per shift, in order', async () => {
    const [day, night] = await repo.shiftsBetween(at('2026-12-10T08:00:00+08:00'), at('2026-12-11T07:00:00+08:00'));
    await db.dataSource.transaction((m) => repo.insertHandover(m, { fromShiftId: day!.id, toShiftId: night!.id, notes: '两家企业待催办', writtenBy: 'duty-a' }));
    await db.dataSource.transaction((m) => repo.insertSwap(m, { shiftId: night!.id, position: 'duty_officer', fromUserId: ids.b, toUserId: ids.a, reason: '病假', swappedBy: 'chief' }));
    expect(await repo.handoversOf([night!.id])).toEqual([expect.objectContaining({ fromShiftId: day!.id, toShiftId: night!.id, notes: '两家企业待催办' })]);
    expect(await repo.swapsOf([night!.id])).toEqual([expect.objectContaining({ position: 'duty_officer', fromUserId: ids.b, toUserId: ids.a, reason: '病假' })]);
    expect(await repo.swapsOf([day!.id])).toEqual([]);
  });

  it('reads people with their contacts: who may stand a shift, and a county’s active officers', async () => {
    const people = await dutyPeople(db.dataSource.manager, [ids.a, ids.b, ids.officer]);
    expect(people.get(ids.a)).toEqual({ userId: ids.a, name: '值班员甲', email: 'a@example.gov.cn', mobile: '13900000001', workChatId: null, eligible: true });
    expect(people.get(ids.b)).toMatchObject({ name: 'duty-b', email: null, eligible: true });
    expect(people.get(ids.officer)!.eligible).toBe(false);
    expect((await countyOfficers(db.dataSource.manager, '修武县')).map((p) => p.userId)).toEqual([ids.officer]);
    expect(await countyOfficers(db.dataSource.manager, '温县')).toEqual([]);
  });
});
