import { ApiPropertyOptional } from '@nestjs/swagger';

/** What each provider expects back: Alibaba `{ code: 0, msg }`, Tencent `{ result: 0, errmsg }`. */
export class SmsCallbackAnswer {
  @ApiPropertyOptional({ description: 'Alibaba: 0 when received' })
  code?: number;

  @ApiPropertyOptional({ description: 'Alibaba: 成功' })
  msg?: string;

  @ApiPropertyOptional({ description: 'Tencent: 0 when received' })
  result?: number;

  @ApiPropertyOptional({ description: 'Tencent: OK' })
  errmsg?: string;
}
