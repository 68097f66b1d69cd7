import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export class RegistryImportQuery {
  @ApiPropertyOptional({ description: 'Validate and compare only; write nothing', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  dryRun: boolean = false;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], description: 'Overrides the format told by Content-Type' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}
