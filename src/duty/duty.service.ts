import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { isUuid } from '../common/uuid.js';
import { Clock } from '../common/clock.js';
import { DutyErrorCode } from './duty.errors.js';
import type { DutyPerson, OnDuty } from './duty-person.js';
import { dutyPeople } from './duty-people.read-model.js';
import { DutyRepository, EXCLUSION_VIOLATION, type HandoverRow, type ShiftRow, type SwapRow } from './duty.repository.js';

export interface ShiftInput {
  startsAt: string;
  endsAt: string;
  dutyOfficerId: string;
  shiftLeaderId: string;
  note?: string | null;
}

export interface HandoverView {
  id: string;
  fromShiftId: string;
  toShiftId: string | null;
  notes: string;
  writtenBy: string;
  writtenAt: string;
}

export interface SwapView {
  id: string;
  position: 'duty_officer' | 'shift_leader';
  from: DutyPerson;
  to: DutyPerson;
  reason: string;
  swappedBy: string;
  swappedAt: string;
}

export interface ShiftView {
  id: string;
  startsAt: string;
  endsAt: string;
  dutyOfficer: DutyPerson;
  shiftLeader: DutyPerson;
  note: string | null;
  /** Written at the end of this shift for the next one, and received from the one before. */
  handovers: HandoverView[];
  /** Replacements of this shift's people, oldest first. */
  swaps: SwapView[];
}

/** A list asks for at most this many days at once (an API bound, like a page size). */
export const MAX_LIST_DAYS = 100;

const DAY_MS = 86_400_000;
const UNKNOWN_PERSON = (userId: string): DutyPerson => ({ userId, name: userId, email: null, mobile: null, workChatId: null });

function pgCode(e: unknown): string | undefined {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err?.driverError?.code ?? err?.code;
}

/**
 * The command center's duty roster (值班表, RULES.md item 40: 24-hour rotating duty): shifts with a
 * duty officer and a shift leader, handovers and audited swaps. One shift at a time: an overlap
 * answers 409 SHIFT_OVERLAP, checked first and held by the table's exclusion constraint.
 */
@Injectable()
export class DutyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: DutyRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Shifts that meet [from, to); by default the week before and the two weeks after now. */
  async list(from?: string, to?: string): Promise<{ from: string; to: string; items: ShiftView[] }> {
    const now = this.clock.now().getTime();
    const f = from ? new Date(from) : new Date(now - 7 * DAY_MS);
    const t = to ? new Date(to) : new Date(now + 14 * DAY_MS);
    if (t.getTime() <= f.getTime()) throw new DomainError(DutyErrorCode.SHIFT_INVALID, `to (${t.toISOString()}) must follow from (${f.toISOString()})`, [{ field: 'to', message: 'must follow from' }]);
    if (t.getTime() - f.getTime() > MAX_LIST_DAYS * DAY_MS)
      throw new DomainError(DutyErrorCode.SHIFT_INVALID, `ask for at most ${MAX_LIST_DAYS} days at once`, [{ field: 'to', message: `at most ${MAX_LIST_DAYS} days after from` }]);
    const rows = await this.repo.shiftsBetween(f, t);
    return { from: f.toISOString(), to: t.toISOString(), items: await this.views(rows) };
  }

  async get(id: string): Promise<ShiftView> {
    const row = isUuid(id) ? await this.repo.findShift(id) : null;
    if (!row) throw new DomainError(DutyErrorCode.SHIFT_NOT_FOUND, 'No such shift.');
    return (await this.views([row]))[0]!;
  }

  /** The one answer to "who is on duty at t": the shift whose [start, end) holds t, or null. */
  async onDutyAt(t: Date, manager?: EntityManager): Promise<OnDuty | null> {
    const row = await this.repo.shiftAt(t, manager);
    if (!row) return null;
    const people = await dutyPeople(manager ?? this.dataSource.manager, [row.dutyOfficerId, row.shiftLeaderId]);
    return {
      shiftId: row.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      dutyOfficer: strip(people.get(row.dutyOfficerId)) ?? UNKNOWN_PERSON(row.dutyOfficerId),
      shiftLeader: strip(people.get(row.shiftLeaderId)) ?? UNKNOWN_PERSON(row.shiftLeaderId),
    };
  }

  /** The shift in force at t as the API shows it. */
  async onDutyView(at: Date): Promise<{ at: string; shift: ShiftView | null }> {
    const row = await this.repo.shiftAt(at);
    return { at: at.toISOString(), shift: row ? (await this.views([row]))[0]! : null };
  }

  async create(actor: Actor, input: ShiftInput): Promise<ShiftView> {
    const wanted = this.interval(input);
    const saved = await this.write(async (manager) => {
      await this.checkPeople(manager, [
        ['dutyOfficerId', input.dutyOfficerId],
        ['shiftLeaderId', input.shiftLeaderId],
      ]);
      await this.checkFree(manager, wanted.startsAt, wanted.endsAt, null);
      const row = await this.repo.insertShift(manager, { ...wanted, dutyOfficerId: input.dutyOfficerId, shiftLeaderId: input.shiftLeaderId, note: input.note?.trim() || null });
      await this.audit.record(manager, actor, [{ action: 'duty.shift.create', entityType: 'duty_shift', entityId: row.id, before: null, after: auditable(row) }]);
      return row;
    });
    return this.get(saved.id);
  }

  async update(actor: Actor, id: string, input: ShiftInput): Promise<ShiftView> {
    const wanted = this.interval(input);
    await this.write(async (manager) => {
      const before = await this.locked(manager, id);
      await this.checkPeople(manager, [
        ['dutyOfficerId', input.dutyOfficerId],
        ['shiftLeaderId', input.shiftLeaderId],
      ]);
      await this.checkFree(manager, wanted.startsAt, wanted.endsAt, id);
      const after = await this.repo.updateShift(manager, { id, ...wanted, dutyOfficerId: input.dutyOfficerId, shiftLeaderId: input.shiftLeaderId, note: input.note?.trim() || null });
      await this.audit.record(manager, actor, [{ action: 'duty.shift.update', entityType: 'duty_shift', entityId: id, before: auditable(before), after: auditable(after) }]);
    });
    return this.get(id);
  }

  /** Replaces the duty officer or the shift leader of one shift; the swap is kept with its reason and audited. */
  async swap(actor: Actor, id: string, position: SwapRow['position'], userId: string, reason: string): Promise<ShiftView> {
    await this.write(async (manager) => {
      const before = await this.locked(manager, id);
      const field = position === 'duty_officer' ? 'dutyOfficerId' : 'shiftLeaderId';
      const fromUserId = before[field];
      if (fromUserId === userId)
        throw new DomainError(CommonErrorCode.UNPROCESSABLE, `userId: that user already stands this shift as ${position}`, [{ field: 'userId', message: `already the ${position} of this shift` }]);
      await this.checkPeople(manager, [['userId', userId]]);
      const after = await this.repo.updateShift(manager, { ...before, [field]: userId });
      const swap = await this.repo.insertSwap(manager, { shiftId: id, position, fromUserId, toUserId: userId, reason: reason.trim(), swappedBy: actor.username });
      await this.audit.record(manager, actor, [
        {
          action: 'duty.shift.swap',
          entityType: 'duty_shift',
          entityId: id,
          before: auditable(before),
          after: { ...auditable(after), swap: { id: swap.id, position, fromUserId, toUserId: userId, reason: swap.reason } },
        },
      ]);
    });
    return this.get(id);
  }

  /** The outgoing shift's notes for the incoming one (the shift starting when this one ends, if the roster has it). */
  async handover(actor: Actor, id: string, notes: string): Promise<ShiftView> {
    await this.write(async (manager) => {
      const from = await this.locked(manager, id);
      const next = await this.repo.shiftStartingAt(manager, from.endsAt);
      const h = await this.repo.insertHandover(manager, { fromShiftId: id, toShiftId: next?.id ?? null, notes: notes.trim(), writtenBy: actor.username });
      await this.audit.record(manager, actor, [{ action: 'duty.handover', entityType: 'duty_shift', entityId: id, before: null, after: { handoverId: h.id, toShiftId: h.toShiftId, notes: h.notes } }]);
    });
    return this.get(id);
  }

  private interval(input: ShiftInput): { startsAt: Date; endsAt: Date } {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) {
      throw new DomainError(DutyErrorCode.SHIFT_INVALID, `endsAt (${input.endsAt}) must follow startsAt (${input.startsAt})`, [{ field: 'endsAt', message: 'must follow startsAt' }]);
    }
    return { startsAt, endsAt };
  }

  private async locked(manager: EntityManager, id: string): Promise<ShiftRow> {
    const row = isUuid(id) ? await this.repo.lockShift(manager, id) : null;
    if (!row) throw new DomainError(DutyErrorCode.SHIFT_NOT_FOUND, 'No such shift.');
    return row;
  }

  private async checkPeople(manager: EntityManager, wanted: Array<[string, string]>): Promise<void> {
    const people = await dutyPeople(manager, wanted.map(([, id]) => id).filter(isUuid));
    const problems = wanted.filter(([, id]) => !people.get(id)?.eligible).map(([field]) => ({ field, message: 'must be the id of an active commander (GET /api/v1/users?role=commander)' }));
    if (problems.length > 0) throw new DomainError(DutyErrorCode.DUTY_USER_INVALID, problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
  }

  private async checkFree(manager: EntityManager, startsAt: Date, endsAt: Date, except: string | null): Promise<void> {
    const clash = await this.repo.overlapping(manager, startsAt, endsAt, except);
    if (clash.length > 0) throw overlap(clash);
  }

  /** A transaction whose exclusion violation (a concurrent overlapping write) answers 409 like the check. */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      if (pgCode(e) === EXCLUSION_VIOLATION) throw overlap([]);
      throw e;
    }
  }

  private async views(rows: ShiftRow[]): Promise<ShiftView[]> {
    const ids = rows.map((r) => r.id);
    const [handovers, swaps] = await Promise.all([this.repo.handoversOf(ids), this.repo.swapsOf(ids)]);
    const userIds = new Set<string>();
    for (const r of rows) userIds.add(r.dutyOfficerId).add(r.shiftLeaderId);
    for (const s of swaps) userIds.add(s.fromUserId).add(s.toUserId);
    const people = await dutyPeople(this.dataSource.manager, [...userIds]);
    const who = (id: string) => strip(people.get(id)) ?? UNKNOWN_PERSON(id);
    return rows.map((r) => ({
      id: r.id,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      dutyOfficer: who(r.dutyOfficerId),
      shiftLeader: who(r.shiftLeaderId),
      note: r.note,
      handovers: handovers.filter((h) => h.fromShiftId === r.id || h.toShiftId === r.id).map(handoverView),
      swaps: swaps
        .filter((s) => s.shiftId === r.id)
        .map((s) => ({ id: s.id, position: s.position, from: who(s.fromUserId), to: who(s.toUserId), reason: s.reason, swappedBy: s.swappedBy, swappedAt: s.swappedAt.toISOString() })),
    }));
  }
}

function strip(p: (DutyPerson & { eligible?: boolean }) | undefined): DutyPerson | undefined {
  if (!p) return undefined;
  return { userId: p.userId, name: p.name, email: p.email, mobile: p.mobile, workChatId: p.workChatId };
}

function handoverView(h: HandoverRow): HandoverView {
  return { id: h.id, fromShiftId: h.fromShiftId, toShiftId: h.toShiftId, notes: h.notes, writtenBy: h.writtenBy, writtenAt: h.writtenAt.toISOString() };
}

function auditable(r: ShiftRow): Record<string, unknown> {
  return { startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), dutyOfficerId: r.dutyOfficerId, shiftLeaderId: r.shiftLeaderId, note: r.note };
}

function overlap(clash: ShiftRow[]): DomainError {
  const list = clash.map((c) => `${c.startsAt.toISOString()}–${c.endsAt.toISOString()}`).join(', ');
  return new DomainError(
    DutyErrorCode.SHIFT_OVERLAP,
    clash.length > 0
      ? `The shift overlaps ${clash.length === 1 ? 'the shift' : 'the shifts'} ${list}; one shift at a time: move or shorten one first.`
      : 'The shift overlaps another shift written at the same moment; reload the roster.',
    clash.map((c) => ({ shiftId: c.id, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() })),
  );
}
