import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** PostgreSQL's exclusion_violation: the roster's EXCLUDE constraint refused an overlapping shift. */
export const EXCLUSION_VIOLATION = '23P01';

export interface ShiftRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  dutyOfficerId: string;
  shiftLeaderId: string;
  note: string | null;
}

export interface HandoverRow {
  id: string;
  fromShiftId: string;
  toShiftId: string | null;
  notes: string;
  writtenBy: string;
  writtenAt: Date;
}

export interface SwapRow {
  id: string;
  shiftId: string;
  position: 'duty_officer' | 'shift_leader';
  fromUserId: string;
  toUserId: string;
  reason: string;
  swappedBy: string;
  swappedAt: Date;
}

interface RawShift {
  id: string;
  starts_at: Date;
  ends_at: Date;
  duty_officer_id: string;
  shift_leader_id: string;
  note: string | null;
}

const SHIFT_COLUMNS = 'id, starts_at, ends_at, duty_officer_id, shift_leader_id, note';
const shift = (r: RawShift): ShiftRow => ({ id: r.id, startsAt: r.starts_at, endsAt: r.ends_at, dutyOfficerId: r.duty_officer_id, shiftLeaderId: r.shift_leader_id, note: r.note });

/**
 * The duty roster's tables (duty_shifts, duty_handovers, duty_swaps). No two shifts overlap: the EXCLUDE constraint on
 * tstzrange(starts_at, ends_at, '[)') holds even for concurrent writes. The people (users) are read in
 * `duty-people.read-model.ts`.
 */
@Injectable()
export class DutyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async shiftsBetween(from: Date, to: Date): Promise<ShiftRow[]> {
    const rows: RawShift[] = await this.dataSource.query(`SELECT ${SHIFT_COLUMNS} FROM duty_shifts WHERE tstzrange(starts_at, ends_at, '[)') && tstzrange($1, $2, '[)') ORDER BY starts_at`, [
      from,
      to,
    ]);
    return rows.map(shift);
  }

  /** The shift whose [start, end) holds the moment. */
  async shiftAt(at: Date, manager?: EntityManager): Promise<ShiftRow | null> {
    const rows: RawShift[] = await this.m(manager).query(`SELECT ${SHIFT_COLUMNS} FROM duty_shifts WHERE tstzrange(starts_at, ends_at, '[)') @> $1::timestamptz`, [at]);
    return rows[0] ? shift(rows[0]) : null;
  }

  async lockShift(manager: EntityManager, id: string): Promise<ShiftRow | null> {
    const rows: RawShift[] = await manager.query(`SELECT ${SHIFT_COLUMNS} FROM duty_shifts WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? shift(rows[0]) : null;
  }

  async findShift(id: string): Promise<ShiftRow | null> {
    const rows: RawShift[] = await this.dataSource.query(`SELECT ${SHIFT_COLUMNS} FROM duty_shifts WHERE id = $1`, [id]);
    return rows[0] ? shift(rows[0]) : null;
  }

  /** Shifts other than `except` whose interval meets [from, to). */
  async overlapping(manager: EntityManager, from: Date, to: Date, except: string | null): Promise<ShiftRow[]> {
    const rows: RawShift[] = await manager.query(
      `SELECT ${SHIFT_COLUMNS} FROM duty_shifts WHERE tstzrange(starts_at, ends_at, '[)') && tstzrange($1, $2, '[)') AND ($3::uuid IS NULL OR id <> $3) ORDER BY starts_at`,
      [from, to, except],
    );
    return rows.map(shift);
  }

  async insertShift(manager: EntityManager, s: Omit<ShiftRow, 'id'>): Promise<ShiftRow> {
    const rows: RawShift[] = await manager.query(`INSERT INTO duty_shifts (starts_at, ends_at, duty_officer_id, shift_leader_id, note) VALUES ($1, $2, $3, $4, $5) RETURNING ${SHIFT_COLUMNS}`, [
      s.startsAt,
      s.endsAt,
      s.dutyOfficerId,
      s.shiftLeaderId,
      s.note,
    ]);
    return shift(rows[0]!);
  }

  async updateShift(manager: EntityManager, s: ShiftRow): Promise<ShiftRow> {
    const [rows] = await manager.query(
      `UPDATE duty_shifts SET starts_at = $2, ends_at = $3, duty_officer_id = $4, shift_leader_id = $5, note = $6, updated_at = now() WHERE id = $1 RETURNING ${SHIFT_COLUMNS}`,
      [s.id, s.startsAt, s.endsAt, s.dutyOfficerId, s.shiftLeaderId, s.note],
    );
    return shift((rows as RawShift[])[0]!);
  }

  /** The shift that starts when this one ends (the incoming shift of a handover), if any. */
  async shiftStartingAt(manager: EntityManager, at: Date): Promise<ShiftRow | null> {
    const rows: RawShift[] = await manager.query(`SELECT ${SHIFT_COLUMNS} FROM duty_shifts WHERE starts_at = $1`, [at]);
    return rows[0] ? shift(rows[0]) : null;
  }

  async insertHandover(manager: EntityManager, h: Omit<HandoverRow, 'id' | 'writtenAt'>): Promise<HandoverRow> {
    const rows: Array<{ id: string; written_at: Date }> = await manager.query(
      `INSERT INTO duty_handovers (from_shift_id, to_shift_id, notes, written_by) VALUES ($1, $2, $3, $4) RETURNING id, written_at`,
      [h.fromShiftId, h.toShiftId, h.notes, h.writtenBy],
    );
    return { ...h, id: rows[0]!.id, writtenAt: rows[0]!.written_at };
  }

  async insertSwap(manager: EntityManager, s: Omit<SwapRow, 'id' | 'swappedAt'>): Promise<SwapRow> {
    const rows: Array<{ id: string; swapped_at: Date }> = await manager.query(
      `INSERT INTO duty_swaps (shift_id, position, from_user_id, to_user_id, reason, swapped_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, swapped_at`,
      [s.shiftId, s.position, s.fromUserId, s.toUserId, s.reason, s.swappedBy],
    );
    return { ...s, id: rows[0]!.id, swappedAt: rows[0]!.swapped_at };
  }

  /** Handovers written from or received by these shifts, oldest first. */
  async handoversOf(shiftIds: string[]): Promise<HandoverRow[]> {
    if (shiftIds.length === 0) return [];
    const rows: Array<{ id: string; from_shift_id: string; to_shift_id: string | null; notes: string; written_by: string; written_at: Date }> = await this.dataSource.query(
      'SELECT id, from_shift_id, to_shift_id, notes, written_by, written_at FROM duty_handovers WHERE from_shift_id = ANY($1) OR to_shift_id = ANY($1) ORDER BY written_at, id',
      [shiftIds],
    );
    return rows.map((r) => ({ id: r.id, fromShiftId: r.from_shift_id, toShiftId: r.to_shift_id, notes: r.notes, writtenBy: r.written_by, writtenAt: r.written_at }));
  }

  async swapsOf(shiftIds: string[]): Promise<SwapRow[]> {
    if (shiftIds.length === 0) return [];
    const rows: Array<{ id: string; shift_id: string; position: SwapRow['position']; from_user_id: string; to_user_id: string; reason: string; swapped_by: string; swapped_at: Date }> =
      await this.dataSource.query('SELECT id, shift_id, position, from_user_id, to_user_id, reason, swapped_by, swapped_at FROM duty_swaps WHERE shift_id = ANY($1) ORDER BY swapped_at, id', [
        shiftIds,
      ]);
    return rows.map((r) => ({
      id: r.id,
      shiftId: r.shift_id,
      position: r.position,
      fromUserId: r.from_user_id,
      toUserId: r.to_user_id,
      reason: r.reason,
      swappedBy: r.swapped_by,
      swappedAt: r.swapped_at,
    }));
  }
}
