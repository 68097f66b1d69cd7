import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class VoidEntryDto {
  @ApiProperty({ example: '复核确认该生产线为保民生供热线，已备案' })
  @IsString()
  @MinLength(4, { message: 'reason must explain why the entry is voided (at least 4 characters)' })
  @MaxLength(2000)
  reason: string;
}
