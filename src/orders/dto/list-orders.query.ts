import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageQuery } from '../../common/dto/cursor-page.query.js';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ISO_WITH_OFFSET } from './preview-order.dto.js';

export class ListOrdersQuery extends CursorPageQuery {
  @ApiPropertyOptional({ example: '修武县' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  county?: string;

  @ApiPropertyOptional({ description: 'One enterprise (its unified social credit code)', example: '914108001234567890' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  enterpriseCode?: string;

  @ApiPropertyOptional({ description: 'Only versions not yet acknowledged' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  pending?: boolean;

  @ApiPropertyOptional({ description: 'The instant the list is as of (default now; with a cursor, the instant of its first page)', example: '2026-12-10T12:30:00+08:00' })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, { message: 'at must be an ISO 8601 time with an offset, e.g. 2026-12-10T12:30:00+08:00' })
  at?: string;

  @ApiPropertyOptional({ description: 'Only the versions in force at `at` (not those starting later)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  inForceOnly?: boolean;
}
