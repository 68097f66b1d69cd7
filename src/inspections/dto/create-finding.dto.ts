import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ISO_WITH_OFFSET } from '../../orders/dto/preview-order.dto.js';
import { IsSaneInstant } from '../../common/dto/sane-instant.js';

export const OBSERVED_STATES = ['running', 'stopped', 'banked', 'reduced'] as const;

export class CreateFindingDto {
  @ApiProperty({ example: 'L1' })
  @IsString()
  @MaxLength(32)
  lineCode: string;

  @ApiProperty({ enum: OBSERVED_STATES, description: 'running 生产中, stopped 已停产, banked 保温焖炉, reduced 降负荷' })
  @IsIn(OBSERVED_STATES, { message: `observedState must be one of ${OBSERVED_STATES.join(', ')}` })
  observedState: (typeof OBSERVED_STATES)[number];

  @ApiPropertyOptional({ description: 'Observed load in percent (reduced load)', example: 60 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  loadPercent?: number;

  @ApiPropertyOptional({ description: 'Cells seen stopped on a cell-counted line' })
  @IsOptional()
  @IsInt()
  @Min(0)
  stoppedCells?: number;

  @ApiProperty({ example: '2026-12-10T22:40:00+08:00' })
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'observedAt must be an ISO 8601 time with an offset, e.g. 2026-12-10T22:40:00+08:00' })
  observedAt: string;

  @ApiPropertyOptional({ description: 'Power-meter reading in kW', example: 1250 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  powerKw?: number;

  @ApiPropertyOptional({ example: 35.27 })
  @IsOptional()
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ example: 113.24 })
  @IsOptional()
  @IsNumber()
  @Min(-180)
  @Max(180)
  lng?: number;

  @ApiPropertyOptional({ example: '窑头有明火，烟囱冒烟' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}
