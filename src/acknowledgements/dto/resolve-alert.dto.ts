import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ResolveAlertDto {
  @ApiProperty({ example: '已电话联系企业环保专员，补录邮箱并重新送达' })
  @IsString()
  @MinLength(2, { message: 'note must say what was done (at least 2 characters)' })
  @MaxLength(2000)
  note: string;
}
