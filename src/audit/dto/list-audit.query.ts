import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitQuery } from '../../common/dto/limit.query.js';
import { Type } from 'class-transformer';
import { IsInt, Max, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class ListAuditQuery extends LimitQuery {
  @ApiPropertyOptional({ example: 'enterprise' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional({ example: '91410821MA44XXXXXX' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  entityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}
