import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateDrawDto {
  @ApiProperty({ description: 'How many enterprises to inspect', example: 30 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  size: number;

  @ApiPropertyOptional({ description: 'Recorded and published; a random one when absent', example: '2026-12-10 会商抽签' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  seed?: string;

  @ApiPropertyOptional({ description: 'Let a team inspect its own county (default from config: no)' })
  @IsOptional()
  @IsBoolean()
  allowHomeCounty?: boolean;

  @ApiPropertyOptional({ description: 'Weight by risk (overdue acknowledgement, power anomaly, past violations)', default: true })
  @IsOptional()
  @IsBoolean()
  weighted?: boolean;
}
