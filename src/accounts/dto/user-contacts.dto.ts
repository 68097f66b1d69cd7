import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** A person's own contacts; a field left out stays as it is, null or "" clears it. */
export class UserContactsDto {
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Mainland mobile number (11 digits; spaces, hyphens and +86 are dropped)', example: '13812345678' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  mobile?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'duty@example.gov.cn' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Work-chat (DingTalk / WeCom) user id' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  workChatId?: string | null;
}
