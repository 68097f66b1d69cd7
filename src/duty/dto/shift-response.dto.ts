import { ApiProperty } from '@nestjs/swagger';
import { nullableRef } from '../../common/dto/nullable-ref.js';

export class DutyPersonResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  userId!: string;

  @ApiProperty({ type: 'string', description: 'Display name, else username' })
  name!: string;

  @ApiProperty({ type: 'string', nullable: true })
  email!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  mobile!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  workChatId!: string | null;
}

export class HandoverResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'string', format: 'uuid', description: 'The outgoing shift' })
  fromShiftId!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The incoming shift (starting when the outgoing one ends); null when the roster had none' })
  toShiftId!: string | null;

  @ApiProperty({ type: 'string' })
  notes!: string;

  @ApiProperty({ type: 'string' })
  writtenBy!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  writtenAt!: string;
}

export class SwapResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'string', enum: ['duty_officer', 'shift_leader'] })
  position!: string;

  @ApiProperty({ type: () => DutyPersonResponse })
  from!: DutyPersonResponse;

  @ApiProperty({ type: () => DutyPersonResponse })
  to!: DutyPersonResponse;

  @ApiProperty({ type: 'string' })
  reason!: string;

  @ApiProperty({ type: 'string' })
  swappedBy!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  swappedAt!: string;
}

export class ShiftResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', description: 'Exclusive' })
  endsAt!: string;

  @ApiProperty({ type: () => DutyPersonResponse, description: '值班员' })
  dutyOfficer!: DutyPersonResponse;

  @ApiProperty({ type: () => DutyPersonResponse, description: '值班长' })
  shiftLeader!: DutyPersonResponse;

  @ApiProperty({ type: 'string', nullable: true })
  note!: string | null;

  @ApiProperty({ type: () => HandoverResponse, isArray: true, description: 'Written at the end of this shift, or received from the one before' })
  handovers!: HandoverResponse[];

  @ApiProperty({ type: () => SwapResponse, isArray: true })
  swaps!: SwapResponse[];
}

export class ShiftListResponse {
  @ApiProperty({ type: 'string', format: 'date-time' })
  from!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  to!: string;

  @ApiProperty({ type: () => ShiftResponse, isArray: true })
  items!: ShiftResponse[];
}

export class OnDutyResponse {
  @ApiProperty({ type: 'string', format: 'date-time' })
  at!: string;

  @ApiProperty(nullableRef(ShiftResponse, 'The shift in force at that moment; null when the roster has none'))
  shift!: ShiftResponse | null;
}
