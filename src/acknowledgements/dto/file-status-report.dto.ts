import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export const LINE_STATES = ['running', 'stopped', 'limited', 'banked'] as const;

export class LineStatusDto {
  @ApiProperty({ example: 'L1' })
  @IsString()
  @MaxLength(32)
  line: string;

  @ApiProperty({ enum: LINE_STATES })
  @IsIn(LINE_STATES, { message: `state must be one of ${LINE_STATES.join(', ')}` })
  state: (typeof LINE_STATES)[number];

  @ApiPropertyOptional({ description: 'Load in percent when limited', example: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  loadPercent?: number;
}

export class FileStatusReportDto {
  @ApiProperty({ type: [LineStatusDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LineStatusDto)
  lines: LineStatusDto[];

  @ApiPropertyOptional({ example: '1号窑已于12月10日19:30停窑' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
