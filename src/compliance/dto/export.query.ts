import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Filters of the CSV exports; all optional, combined with AND. */
export class ExportQuery {
  @ApiPropertyOptional({ example: '2026-12-10', description: 'Local calendar day: orders issued, findings observed, ledger entries recorded that day' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a calendar date like 2026-12-10' })
  date?: string;

  @ApiPropertyOptional({ example: '修武县' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  county?: string;

  @ApiPropertyOptional({ example: '焦冬防指〔2026〕12号', description: 'A directive by its number (or id): its orders, and the findings judged against them' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  directive?: string;
}
