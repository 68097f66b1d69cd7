import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../common/dto/page.query.js';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListOrdersQuery extends PageQuery {
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
}
