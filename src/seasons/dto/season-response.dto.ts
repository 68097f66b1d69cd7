import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReasonResponse } from '../../orders/dto/order-response.dto.js';

export class SeasonLiveResponse {
  @ApiProperty({ type: 'string' })
  group!: string;

  @ApiProperty({ type: 'string' })
  phase!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  clockAt!: string | null;
}

export class SeasonResponseHeatingSeason {
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  from!: string | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  to!: string | null;
}

export class SeasonResponse {
  @ApiProperty({ type: 'string' })
  season!: string;

  @ApiProperty({ type: () => SeasonResponseHeatingSeason })
  heatingSeason!: SeasonResponseHeatingSeason;
}

/** One way an enterprise belongs to the group: every given field must match. */
export class SeasonCalendarResponseGroupMatch {
  @ApiProperty({ type: 'string' })
  industry!: string;

  @ApiPropertyOptional({ type: 'string' })
  process?: string;

  @ApiPropertyOptional({ type: 'string' })
  fuel?: string;

  @ApiPropertyOptional({ type: 'boolean' })
  airEmitting?: boolean;
}

/** kind full_stop carries noKilnBanking and provincialApprovalCaps; kind limit carries minStopPercent and basis. */
export class SeasonCalendarResponseGroupPhaseConstraint {
  @ApiProperty({ type: 'string', enum: ['full_stop', 'limit'] })
  kind!: 'full_stop' | 'limit';

  @ApiPropertyOptional({ type: 'boolean', description: 'full_stop only' })
  noKilnBanking?: boolean;

  @ApiPropertyOptional({ type: 'boolean', description: 'full_stop only' })
  provincialApprovalCaps?: boolean;

  @ApiPropertyOptional({ type: 'number', description: 'limit only' })
  minStopPercent?: number;

  @ApiPropertyOptional({ type: 'string', enum: ['lines', 'cells'], description: 'limit only' })
  basis?: 'lines' | 'cells';
}

export class SeasonCalendarResponseGroupPhase {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  from!: string | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  to!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  endsAt!: string | null;

  @ApiProperty({ type: () => SeasonCalendarResponseGroupPhaseConstraint })
  constraint!: SeasonCalendarResponseGroupPhaseConstraint;

  @ApiProperty({ type: () => ReasonResponse })
  reason!: ReasonResponse;
}

export class SeasonCalendarResponseGroup {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: () => SeasonCalendarResponseGroupMatch, isArray: true })
  match!: SeasonCalendarResponseGroupMatch[];

  @ApiProperty({ type: () => SeasonCalendarResponseGroupPhase, isArray: true })
  phases!: SeasonCalendarResponseGroupPhase[];
}

export class SeasonCalendarResponse {
  @ApiProperty({ type: 'string' })
  season!: string;

  @ApiProperty({ type: 'string' })
  timezone!: string;

  @ApiProperty({ type: () => SeasonResponseHeatingSeason })
  heatingSeason!: SeasonResponseHeatingSeason;

  @ApiProperty({ type: 'string', format: 'date' })
  livelihoodFilingDeadline!: string;

  @ApiProperty({ type: () => SeasonCalendarResponseGroup, isArray: true })
  groups!: SeasonCalendarResponseGroup[];

  @ApiProperty({ type: () => SeasonLiveResponse, isArray: true })
  live!: SeasonLiveResponse[];
}
