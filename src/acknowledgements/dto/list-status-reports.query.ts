import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { IsSaneInstant } from '../../common/dto/sane-instant.js';
import { ISO_WITH_OFFSET } from '../../orders/dto/preview-order.dto.js';

export class ListStatusReportsQuery {
  @ApiPropertyOptional({ description: 'A report time, ISO 8601 with an offset; default the latest', example: '2026-12-10T09:00:00+08:00' })
  @IsOptional()
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'slot must be an ISO 8601 time with an offset, e.g. 2026-12-10T09:00:00+08:00' })
  slot?: string;

  @ApiPropertyOptional({ description: 'true: every correction too, not only the latest report per slot', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  history?: boolean;
}
