import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../common/dto/page.query.js';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListEnterprisesQuery extends PageQuery {
  @ApiPropertyOptional({ example: '修武县' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  county?: string;

  @ApiPropertyOptional({ example: 'cement_clinker' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  industry?: string;

  @ApiPropertyOptional({ description: 'Matches name or code (case-insensitive substring)', example: '水泥' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  text?: string;

  @ApiPropertyOptional({ description: 'Include deactivated enterprises', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  includeInactive: boolean = false;
}
