import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { LEVEL_KEYS, type LevelKey } from '../../rules/levels/level-ladder.js';
import { ISO_WITH_OFFSET } from '../../orders/dto/preview-order.dto.js';
import { IsSaneInstant } from '../../common/dto/sane-instant.js';

export const DIRECTIVE_ACTIONS = ['issue', 'adjust', 'lift'] as const;
export type DirectiveAction = (typeof DIRECTIVE_ACTIONS)[number];

export class IssueDirectiveDto {
  @ApiProperty({ enum: DIRECTIVE_ACTIONS, description: 'issue a level, adjust the active one, or lift it' })
  @IsIn(DIRECTIVE_ACTIONS, { message: `action must be one of ${DIRECTIVE_ACTIONS.join(', ')}` })
  action: DirectiveAction;

  @ApiPropertyOptional({ enum: LEVEL_KEYS, description: 'Required for issue and adjust' })
  @ValidateIf((o: IssueDirectiveDto) => o.action !== 'lift')
  @IsIn(LEVEL_KEYS, { message: `level must be one of ${LEVEL_KEYS.join(', ')}` })
  level?: LevelKey;

  @ApiPropertyOptional({ description: 'Counties in scope; leave out for the whole city', example: ['修武县', '博爱县'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  counties?: string[];

  @ApiPropertyOptional({ description: 'When it applies (issue/adjust: start; lift: end); default now', example: '2026-12-10T20:00:00+08:00' })
  @IsOptional()
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'startsAt must be an ISO 8601 time with an offset, e.g. 2026-12-10T20:00:00+08:00' })
  startsAt?: string;

  @ApiPropertyOptional({ description: 'issue/adjust: end time, or null for "until lifted" (required: say which)', nullable: true, example: null })
  @ValidateIf((o: IssueDirectiveDto) => o.action !== 'lift' && o.endsAt !== null)
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'endsAt must be an ISO 8601 time with an offset, or null for "until lifted"' })
  endsAt?: string | null;

  @ApiProperty({ description: 'Basis: forecast figures, meeting record', example: '市气象台预报12月10日起连续72小时AQI>200，其中24小时>300' })
  @IsString()
  @MinLength(2, { message: 'basis must say why (forecast figures, meeting record)' })
  @MaxLength(2000)
  basis: string;

  @ApiPropertyOptional({ description: 'Show what would happen; write nothing', default: false })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Dry run: page of the per-line changes', default: 1, minimum: 1 })
  @IsOptional()
  @IsInt({ message: 'changesPage must be a whole number from 1' })
  @Min(1, { message: 'changesPage must be a whole number from 1' })
  changesPage?: number;

  @ApiPropertyOptional({ description: 'Dry run: changes per page', default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @IsInt({ message: 'changesPageSize must be a whole number from 1 to 500' })
  @Min(1, { message: 'changesPageSize must be a whole number from 1 to 500' })
  @Max(500, { message: 'changesPageSize must be a whole number from 1 to 500' })
  changesPageSize?: number;
}
