import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/dto/page.query.js';
import { QUALITY_KINDS, type QualityKind } from '../../rules/registry-quality/quality-problem.js';

/** Filters of the quality report; a county officer's county is always its own. */
export class RegistryQualityQuery extends PageQuery {
  @ApiPropertyOptional({ example: '修武县', description: 'A configured county; county officers always get their own' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  county?: string;

  @ApiPropertyOptional({ enum: QUALITY_KINDS, description: 'Only problems of this kind (the summary still counts every kind)' })
  @IsOptional()
  @IsIn(QUALITY_KINDS)
  kind?: QualityKind;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: every matching problem (not paged) as CSV, UTF-8 with BOM; also chosen by Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
