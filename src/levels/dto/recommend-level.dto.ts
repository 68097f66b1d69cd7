import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional } from 'class-validator';
import { LEVEL_OR_NONE } from '../../rules/levels/level-ladder.js';

/** Documentation of a series (checked by recommendLevel in src/rules, whose messages name the point at fault). */
export class AqiPointDoc {
  @ApiProperty({ type: 'string', format: 'date-time', description: 'ISO 8601 with a zone; the point covers [at, at + step)', example: '2026-12-10T00:00:00+08:00' })
  at!: string;

  @ApiProperty({ type: 'number', minimum: 0, example: 230 })
  aqi!: number;
}

export class AqiSeriesDoc {
  @ApiProperty({ type: 'string', example: '修武县' })
  county!: string;

  @ApiPropertyOptional({ type: 'string', example: '市气象台' })
  source?: string;

  @ApiPropertyOptional({ type: 'string', enum: ['hourly', 'daily'], description: 'Inferred from the spacing of the points when absent' })
  resolution?: 'hourly' | 'daily';

  @ApiProperty({ type: () => AqiPointDoc, isArray: true })
  points!: AqiPointDoc[];
}

export class RecommendLevelDto {
  @ApiProperty({
    type: () => AqiSeriesDoc,
    isArray: true,
    description: 'Forecast series of AQI per county (hourly or daily points); several series per county may disagree',
    example: [{ county: '修武县', source: '市气象台', resolution: 'daily', points: [{ at: '2026-12-10T00:00:00+08:00', aqi: 230 }] }],
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'series must hold at least one forecast' })
  @ArrayMaxSize(1000)
  series: unknown[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...LEVEL_OR_NONE] },
    description: 'The level in force per county, for the lift recommendation',
    example: { 修武县: 'orange' },
  })
  @IsOptional()
  @IsObject()
  active?: Record<string, string>;
}
