import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional } from 'class-validator';

export class RecommendLevelDto {
  @ApiProperty({
    description: 'Forecast series of AQI per county (hourly or daily points); several series per county may disagree',
    example: [{ county: '修武县', source: '市气象台', resolution: 'daily', points: [{ at: '2026-12-10T00:00:00+08:00', aqi: 230 }] }],
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'series must hold at least one forecast' })
  @ArrayMaxSize(1000)
  series: unknown[];

  @ApiPropertyOptional({ description: 'The level in force per county, for the lift recommendation', example: { 修武县: 'orange' } })
  @IsOptional()
  @IsObject()
  active?: Record<string, string>;
}
