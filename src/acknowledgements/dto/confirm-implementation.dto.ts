import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ISO_WITH_OFFSET } from '../../orders/dto/preview-order.dto.js';
import { IsSaneInstant } from '../../common/dto/sane-instant.js';

export class LineImplementationDto {
  @ApiProperty({ example: 'L1' })
  @IsString()
  @MaxLength(32)
  line: string;

  @ApiProperty({ description: 'When the line stopped (or went down to its limit)', example: '2026-12-10T19:40:00+08:00' })
  @IsSaneInstant()
  @Matches(ISO_WITH_OFFSET, { message: 'stoppedAt must be an ISO 8601 time with an offset' })
  stoppedAt: string;
}

export class ConfirmImplementationDto {
  @ApiProperty({ type: [LineImplementationDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LineImplementationDto)
  lines: LineImplementationDto[];
}
