import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageQuery } from '../../common/dto/cursor-page.query.js';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListEnterprisesQuery extends CursorPageQuery {
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

  @ApiPropertyOptional({ example: 'A', description: 'Performance grade; `none` for enterprises without one' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  grade?: string;

  @ApiPropertyOptional({ enum: ['livelihood', 'provincial', 'any', 'none'], description: 'Exemption: livelihood duty, provincial approval, either, or neither' })
  @IsOptional()
  @IsIn(['livelihood', 'provincial', 'any', 'none'])
  exemption?: 'livelihood' | 'provincial' | 'any' | 'none';

  @ApiPropertyOptional({ description: 'true: has an e-mail contact or a webhook; false: no usable channel' })
  @IsOptional()
  @Transform(({ value }) => (value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  reachable?: boolean;

  @ApiPropertyOptional({ description: 'Include deactivated enterprises', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  includeInactive: boolean = false;
}
