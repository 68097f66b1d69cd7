import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ISO_WITH_OFFSET } from '../../orders/dto/preview-order.dto.js';

export class RecordPhoneNoticeDto {
  @ApiProperty({ description: 'Whom the officer called', example: '张三（环保专员）' })
  @IsString()
  @MinLength(1, { message: 'calledName must name whom you called' })
  @MaxLength(100)
  calledName: string;

  @ApiProperty({ description: 'The number dialled', example: '13800000000' })
  @Matches(/^\+?[0-9][0-9 ()-]{4,30}$/, { message: 'phone must be a telephone number (digits, spaces, dashes, optional leading +)' })
  phone: string;

  @ApiProperty({ description: 'When the call was made, ISO 8601 with offset', example: '2026-12-10T10:20:00+08:00' })
  @Matches(ISO_WITH_OFFSET, { message: 'calledAt must be an ISO 8601 time with an offset, e.g. 2026-12-10T10:20:00+08:00' })
  calledAt: string;

  @ApiProperty({ description: 'Who answered and took the notice', example: '李四（值班长）' })
  @IsString()
  @MinLength(1, { message: 'answeredBy must name who answered the call' })
  @MaxLength(100)
  answeredBy: string;

  @ApiPropertyOptional({ example: '已口头传达橙色预警停产要求，企业表示立即停窑' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}
