import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsSaneInstant } from '../../common/dto/sane-instant.js';
import { ISO_WITH_OFFSET } from '../../orders/dto/preview-order.dto.js';

export class DirectiveReductionQuery {
  @ApiPropertyOptional({ description: 'The instant to account, ISO 8601 with an offset; default now', example: '2026-12-10T12:00:00+08:00' })
  @IsOptional()
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'at must be an ISO 8601 time with an offset, e.g. 2026-12-10T12:00:00+08:00' })
  at?: string;
}
