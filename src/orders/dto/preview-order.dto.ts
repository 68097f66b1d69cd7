import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LEVEL_OR_NONE, type LevelOrNone } from '../../rules/levels/level-ladder.js';
import { IsSaneInstant } from '../../common/dto/sane-instant.js';

/** ISO 8601 with an explicit offset: a bare local time would be read in the server's zone. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class PreviewOrderDto {
  @ApiPropertyOptional({ description: 'An enterprise in the registry JSON form (need not be registered)', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject({ message: 'enterprise must be an object in the registry JSON form' })
  enterprise?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Code of a registered enterprise, instead of `enterprise`' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  enterpriseCode?: string;

  @ApiProperty({ example: '2026-12-10T08:00:00+08:00' })
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'at must be an ISO 8601 time with an offset, e.g. 2026-12-10T08:00:00+08:00' })
  at: string;

  @ApiProperty({ enum: LEVEL_OR_NONE, example: 'orange' })
  @IsIn(LEVEL_OR_NONE, { message: `level must be one of ${LEVEL_OR_NONE.join(', ')}` })
  level: LevelOrNone;
}
