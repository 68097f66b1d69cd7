import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListAlertsQuery {
  @ApiPropertyOptional({ example: '修武县' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  county?: string;

  @ApiPropertyOptional({ enum: ['no_channel', 'ack_reminder', 'ack_overdue', 'report_missing'] })
  @IsOptional()
  @IsIn(['no_channel', 'ack_reminder', 'ack_overdue', 'report_missing'])
  kind?: string;

  @ApiPropertyOptional({ description: 'Only unresolved alerts', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}
