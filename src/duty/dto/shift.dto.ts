import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsSaneInstant } from '../../common/dto/sane-instant.js';
import { ISO_WITH_ZONE as ISO_WITH_OFFSET } from '../../rules/time/local-time.js';

/** A shift of the roster: [startsAt, endsAt) with its duty officer and shift leader (active commanders). */
export class ShiftDto {
  @ApiProperty({ example: '2026-12-10T20:00:00+08:00' })
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'startsAt must be an ISO 8601 time with an offset, e.g. 2026-12-10T20:00:00+08:00' })
  startsAt: string;

  @ApiProperty({ example: '2026-12-11T08:00:00+08:00', description: 'Exclusive: the next shift may start at this instant' })
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'endsAt must be an ISO 8601 time with an offset, e.g. 2026-12-11T08:00:00+08:00' })
  endsAt: string;

  @ApiProperty({ format: 'uuid', description: 'The duty officer (值班员): an active commander' })
  @IsUUID('all', { message: 'dutyOfficerId must be a user id (GET /api/v1/users?role=commander)' })
  dutyOfficerId: string;

  @ApiProperty({ format: 'uuid', description: 'The shift leader (值班长): an active commander' })
  @IsUUID('all', { message: 'shiftLeaderId must be a user id (GET /api/v1/users?role=commander)' })
  shiftLeaderId: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class SwapDto {
  @ApiProperty({ enum: ['duty_officer', 'shift_leader'] })
  @IsIn(['duty_officer', 'shift_leader'], { message: 'position must be duty_officer or shift_leader' })
  position: 'duty_officer' | 'shift_leader';

  @ApiProperty({ format: 'uuid', description: 'Who stands the shift instead: an active commander' })
  @IsUUID('all', { message: 'userId must be a user id (GET /api/v1/users?role=commander)' })
  userId: string;

  @ApiProperty({ example: '病假，由李四替班', maxLength: 500 })
  @IsString()
  @MinLength(1, { message: 'reason must say why the shift is swapped' })
  @MaxLength(500)
  reason: string;
}

export class HandoverDto {
  @ApiProperty({ example: '修武县两家企业尚未签收，已电话催办；夜间如升级橙色预警，先通知县区联络员。', maxLength: 4000 })
  @IsString()
  @MinLength(1, { message: 'notes must not be empty' })
  @MaxLength(4000)
  notes: string;
}

export class ListShiftsQuery {
  @ApiPropertyOptional({ description: 'Shifts that end after this instant; default a week before now', example: '2026-12-07T00:00:00+08:00' })
  @IsOptional()
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'from must be an ISO 8601 time with an offset' })
  from?: string;

  @ApiPropertyOptional({ description: 'Shifts that start before this instant; default two weeks after now (at most 100 days after from)', example: '2026-12-14T00:00:00+08:00' })
  @IsOptional()
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'to must be an ISO 8601 time with an offset' })
  to?: string;
}

export class OnDutyQuery {
  @ApiPropertyOptional({ description: 'The moment; default now', example: '2026-12-11T03:00:00+08:00' })
  @IsOptional()
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'at must be an ISO 8601 time with an offset' })
  at?: string;
}
