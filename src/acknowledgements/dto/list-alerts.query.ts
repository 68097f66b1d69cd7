import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/dto/page.query.js';
import { ALERT_KINDS } from '../alert.types.js';

export const ALERT_STATUSES = ['open', 'resolved', 'all'] as const;

export class ListAlertsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(ALERT_STATUSES, { message: `status must be one of ${ALERT_STATUSES.join(', ')}` })
  status: (typeof ALERT_STATUSES)[number] = 'open';

  @ApiPropertyOptional({ example: '修武县' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  county?: string;

  @ApiPropertyOptional({ enum: ALERT_KINDS })
  @IsOptional()
  @IsIn(ALERT_KINDS, { message: `kind must be one of ${ALERT_KINDS.join(', ')}` })
  kind?: string;
}
